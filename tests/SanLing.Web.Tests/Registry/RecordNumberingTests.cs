using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Ledgers;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Registry;

/// <summary>Record numbers are offered per ledger and year, may be edited, and stay unique.</summary>
[Collection(DemoTownCollection.Name)]
public sealed class RecordNumberingTests(DemoTownFixture demo)
{
    private Task<List<string>> NumbersAsync<T>() where T : Incident =>
        demo.Factory.WithDbAsync(db => db.Set<T>().Select(r => r.Number).ToListAsync());

    private static async Task<string> OfferedAsync(HttpClient client, string ledger) =>
        (await client.GetPageAsync($"/{ledger}/Create")).QuerySelector("input#Number")!.GetAttribute("value")!;

    [Fact]
    public async Task Each_ledger_offers_the_next_number_of_this_year()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var year = demo.Factory.Clock.GetLocalNow().Year;

        var petition = await OfferedAsync(client, "Petitions");
        Assert.Equal(RecordNumbers.Next("XF", year, await NumbersAsync<Petition>()), petition);
        Assert.StartsWith($"XF-{year}-", petition, StringComparison.Ordinal);
        Assert.Equal(RecordNumbers.Next("SG", year, await NumbersAsync<Accident>()), await OfferedAsync(client, "Accidents"));
        Assert.Equal(RecordNumbers.Next("AJ", year, await NumbersAsync<SecurityCase>()), await OfferedAsync(client, "Cases"));
        // Last year's numbers do not count: the sequence restarts each year.
        Assert.DoesNotContain(await NumbersAsync<Petition>(), n => n == petition);
    }

    private static async Task<HttpResponseMessage> CreatePetitionAsync(HttpClient client, string number)
    {
        var page = await client.GetPageAsync("/Petitions/Create");
        var form = PortalClient.FormValues(page);
        form["Number"] = number;
        form["SubjectCode"] = "CUN01";
        form["Kind"] = nameof(PetitionKind.Individual);
        form["PetitionerCount"] = "1";
        form["Status"] = nameof(PetitionStatus.Received);
        return await client.PostFormAsync("/Petitions/Create", PortalClient.TokenOf(page), form);
    }

    [Fact]
    public async Task The_offered_number_is_used_an_edited_one_is_kept_and_a_duplicate_is_refused_with_a_message()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var offered = await OfferedAsync(client, "Petitions");

        var created = await CreatePetitionAsync(client, offered);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.True(await demo.Factory.WithDbAsync(db => db.Petitions.AnyAsync(p => p.Number == offered)));
        Assert.NotEqual(offered, await OfferedAsync(client, "Petitions"));

        var edited = await CreatePetitionAsync(client, "XF-HAND-7");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var before = await demo.Factory.WithDbAsync(db => db.Petitions.CountAsync());
        var duplicate = await CreatePetitionAsync(client, offered);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var page = await duplicate.ParseAsync();
        Assert.Contains($"编号“{offered}”已存在", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await demo.Factory.WithDbAsync(db => db.Petitions.CountAsync()));
    }
}
