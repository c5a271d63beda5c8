using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Ledgers;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Ledgers;

[Collection(DemoTownCollection.Name)]
public sealed class PetitionLedgerTests(DemoTownFixture demo)
{
    private Task<int> SubjectId(string code) => demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    private async Task<Petition> AddPetitionAsync(string number, string subjectCode, DateOnly filedOn, PetitionStatus status = PetitionStatus.Handling, DateOnly? resolvedOn = null)
    {
        var subjectId = await SubjectId(subjectCode);
        return await demo.Factory.WithDbAsync(async db =>
        {
            var petition = new Petition { Number = number, SubjectId = subjectId, OccurredOn = filedOn, Kind = PetitionKind.Individual, Status = status, ResolvedOn = resolvedOn };
            db.Petitions.Add(petition);
            await db.SaveChangesAsync();
            return petition;
        });
    }

    [Fact]
    public async Task Office_registers_a_petition()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Petitions/Create");

        var response = await client.PostFormAsync("/Petitions/Create", token,
            [new("Number", "XF-T-001"), new("SubjectCode", "CUN05"), new("FiledOn", "2026-10-08"), new("Kind", "Collective"), new("PetitionerCount", "7"),
             new("Matter", "<script>alert(1)</script>征地补偿"), new("Status", "Received"), new("IsImpactful", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await client.GetAsync(response.Headers.Location!.ToString());
        var html = await details.Content.ReadAsStringAsync();
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;征地补偿", html, StringComparison.Ordinal);
        var saved = await demo.Factory.WithDbAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Number == "XF-T-001"));
        Assert.True(saved.IsImpactful);
        Assert.Equal(7, saved.PetitionerCount);
    }

    public static TheoryData<string, string, string, string, string, string, string> BadPetitions => new()
    {
        // number, subject, filed, kind, count, status+resolved, expected message
        { "XF-B-1", "NOPE", "2026-10-01", "Individual", "1", "Received|", "不存在或不在您的范围内" },
        { "XF-B-2", "CUN05", "2026-10-01", "Collective", "3", "Received|", "集体访的人数应不少于 5 人" },
        { "XF-B-3", "CUN05", "2026-10-01", "Individual", "1", "Resolved|", "必须填写化解日期" },
        { "XF-B-4", "CUN05", "2026-10-01", "Individual", "1", "Handling|2026-10-02", "只有状态为“已化解”时才填写化解日期" },
        { "XF-B-5", "CUN05", "2027-01-01", "Individual", "1", "Received|", "登记日期不能晚于今天" },
        { "XF-B-6", "CUN05", "", "Individual", "1", "Received|", "请填写登记日期" },
    };

    [Theory]
    [MemberData(nameof(BadPetitions))]
    public async Task Bad_input_is_refused_with_a_chinese_message_and_nothing_is_written(string number, string subject, string filed, string kind, string count, string statusAndDate, string message)
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Petitions/Create");
        var parts = statusAndDate.Split('|');

        var response = await client.PostFormAsync("/Petitions/Create", token,
            [new("Number", number), new("SubjectCode", subject), new("FiledOn", filed), new("Kind", kind), new("PetitionerCount", count), new("Status", parts[0]), new("ResolvedOn", parts[1])]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ParseAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await demo.Factory.WithDbAsync(db => db.Petitions.AnyAsync(p => p.Number == number)));
    }

    [Fact]
    public async Task A_duplicate_number_is_refused()
    {
        await AddPetitionAsync("XF-DUP-1", "CUN06", new DateOnly(2026, 3, 1));
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Petitions/Create");

        var response = await client.PostFormAsync("/Petitions/Create", token,
            [new("Number", "XF-DUP-1"), new("SubjectCode", "CUN06"), new("FiledOn", "2026-03-02"), new("Kind", "Individual"), new("PetitionerCount", "1"), new("Status", "Received")]);

        Assert.Contains("已存在", (await response.ParseAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await demo.Factory.WithDbAsync(db => db.Petitions.CountAsync(p => p.Number == "XF-DUP-1")));
    }

    [Fact]
    public async Task One_tap_marks_a_petition_resolved_with_its_date()
    {
        var petition = await AddPetitionAsync("XF-R-1", "CUN07", new DateOnly(2026, 9, 1));
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var page = await client.GetPageAsync($"/Petitions/Details/{petition.Id}");
        var form = PortalClient.FormValues(page, "#resolve-form");

        var response = await client.PostFormAsync($"/Petitions/Resolve/{petition.Id}", PortalClient.TokenOf(page), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await demo.Factory.WithDbAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == petition.Id));
        Assert.Equal(PetitionStatus.Resolved, saved.Status);
        Assert.Equal(new DateOnly(2026, 11, 25), saved.ResolvedOn);
        var history = await client.GetPageAsync($"/Petitions/Details/{petition.Id}");
        Assert.Contains("已化解", history.QuerySelector("#history")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unresolved_petition_of_an_earlier_year_shows_as_backlog_and_a_resolved_one_does_not()
    {
        await AddPetitionAsync("XF-JA-2025", "CUN08", new DateOnly(2025, 11, 20), PetitionStatus.Handling);
        await AddPetitionAsync("XF-OK-2025", "CUN08", new DateOnly(2025, 11, 21), PetitionStatus.Resolved, new DateOnly(2026, 1, 10));
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");

        var page = await client.GetPageAsync("/Petitions?backlog=true&q=-2025");
        var numbers = page.QuerySelectorAll("#petition-list tbody td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("XF-JA-2025", numbers);
        Assert.DoesNotContain("XF-OK-2025", numbers);
    }

    [Fact]
    public async Task A_grid_worker_reads_only_their_village_and_cannot_edit()
    {
        var own = await AddPetitionAsync("XF-G-OWN", "CUN01", new DateOnly(2026, 5, 1));
        var other = await AddPetitionAsync("XF-G-OTHER", "CUN02", new DateOnly(2026, 5, 1));
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");

        var list = await client.GetPageAsync("/Petitions?q=XF-G-");
        Assert.Equal(["XF-G-OWN"], list.QuerySelectorAll("#petition-list tbody td:first-child").Select(td => td.TextContent.Trim()).ToArray());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Petitions/Details/{own.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Petitions/Details/{other.Id}")).StatusCode);
        var token = await client.AntiforgeryTokenAsync("/Petitions");
        var resolve = await client.PostFormAsync($"/Petitions/Resolve/{own.Id}", token, [new("Version", own.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Forbidden, resolve.StatusCode);
        Assert.Equal(PetitionStatus.Handling, await demo.Factory.WithDbAsync(db => db.Petitions.Where(p => p.Id == own.Id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Leadership_cannot_open_the_ledger()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Petitions")).StatusCode);
    }
}
