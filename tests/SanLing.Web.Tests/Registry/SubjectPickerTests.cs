using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Registry;

/// <summary>The subject picker's search: by code, name or pinyin initials, always within the user's scope.</summary>
[Collection(DemoTownCollection.Name)]
public sealed class SubjectPickerTests(DemoTownFixture demo)
{
    private sealed record Pick(int Id, string Code, string Name, string Kind, string? Territory);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<List<Pick>> SearchAsync(HttpClient client, string q)
    {
        var response = await client.GetAsync($"/Subjects/Search?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<List<Pick>>(await response.Content.ReadAsStringAsync(), Json)!;
    }

    private Task<(string Code, string Name)> VillageAsync(string name) =>
        demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.Name == name).Select(s => ValueTuple.Create(s.Code, s.Name)).SingleAsync());

    [Fact]
    public async Task Office_finds_a_village_by_its_pinyin_initials_its_name_or_its_code()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var (code, _) = await VillageAsync("上塘村");

        Assert.Contains(await SearchAsync(client, "stc"), p => p.Name == "上塘村");
        Assert.Contains(await SearchAsync(client, "STC"), p => p.Name == "上塘村");
        Assert.Contains(await SearchAsync(client, "上塘"), p => p.Code == code);
        var byCode = await SearchAsync(client, code);
        Assert.Equal(code, byCode[0].Code);
        Assert.Empty(await SearchAsync(client, "没有这个单位"));
    }

    [Fact]
    public async Task An_enterprise_is_found_by_code_with_its_village()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var picks = await SearchAsync(client, "QY0001");

        var pick = Assert.Single(picks, p => p.Code == "QY0001");
        Assert.False(string.IsNullOrEmpty(pick.Territory));
        Assert.True(picks.Count <= 20);
    }

    [Fact]
    public async Task A_grid_worker_only_finds_subjects_of_their_own_village()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var cun01 = await demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == "CUN01").Select(s => s.Id).SingleAsync());
        var mine = await demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.Id == cun01 || s.TerritoryId == cun01).Select(s => s.Id).ToListAsync());
        var other = await demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == "CUN02").Select(s => s.Name).SingleAsync());

        var all = await SearchAsync(client, "c");
        Assert.NotEmpty(all);
        Assert.All(all, p => Assert.Contains(p.Id, mine));
        Assert.Empty(await SearchAsync(client, "CUN02"));
        Assert.Empty(await SearchAsync(client, other));
        Assert.DoesNotContain(await SearchAsync(client, SanLing.Domain.Subjects.PinyinInitials.Of(other)), p => p.Name == other);
    }

    [Fact]
    public async Task Leadership_fills_in_no_forms_and_is_refused()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        var response = await client.GetAsync("/Subjects/Search?q=stc");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Ledger_forms_carry_the_picker_on_a_plain_code_field()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        foreach (var ledger in new[] { "Petitions", "Accidents", "Cases", "KeyPersons", "RentalHouses", "Grids" })
        {
            var page = await client.GetPageAsync($"/{ledger}/Create");
            var input = page.QuerySelector("input#SubjectCode[data-subject-picker]");
            Assert.True(input is not null, ledger);
            Assert.Equal("/Subjects/Search", input!.GetAttribute("data-subject-picker"));
            Assert.NotNull(page.QuerySelector("script[src^='/js/subject-picker.js']"));
        }
    }
}
