using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Ledgers;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Ledgers;

[Collection(DemoTownCollection.Name)]
public sealed class AccidentAndCaseLedgerTests(DemoTownFixture demo)
{
    [Fact]
    public async Task Office_records_an_accident_and_finds_it_by_category()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Accidents/Create");

        var response = await client.PostFormAsync("/Accidents/Create", token,
            [new("Number", "SG-T-001"), new("SubjectCode", "QY0010"), new("OccurredOn", "2026-06-30"), new("Category", "Fire"),
             new("Deaths", "0"), new("Injuries", "2"), new("Loss", "3.25"), new("Summary", "仓库电线短路起火"), new("IsMajor", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await demo.Factory.WithDbAsync(db => db.Accidents.AsNoTracking().SingleAsync(a => a.Number == "SG-T-001"));
        Assert.Equal(3.25m, saved.LossTenThousandYuan);
        Assert.True(saved.IsMajor);
        var list = await client.GetPageAsync("/Accidents?category=Fire&q=SG-T-001");
        Assert.Single(list.QuerySelectorAll("#accident-list tbody tr a"));
    }

    [Theory]
    [InlineData("-1", "2", "0", "死亡人数应在 0 到 10000 之间")]
    [InlineData("0", "0", "1.234", "最多 2 位小数")]
    [InlineData("0", "0", "abc", "不是有效的值")]
    public async Task Bad_accident_figures_are_refused(string deaths, string injuries, string loss, string message)
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Accidents/Create");
        var number = "SG-BAD-" + Guid.NewGuid().ToString("N")[..6];

        var response = await client.PostFormAsync("/Accidents/Create", token,
            [new("Number", number), new("SubjectCode", "QY0010"), new("OccurredOn", "2026-06-30"), new("Category", "Fire"),
             new("Deaths", deaths), new("Injuries", injuries), new("Loss", loss)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ParseAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await demo.Factory.WithDbAsync(db => db.Accidents.AnyAsync(a => a.Number == number)));
    }

    [Fact]
    public async Task A_case_links_its_offender_by_key_person_number()
    {
        var offender = await demo.Factory.WithDbAsync(db => db.KeyPersons.OrderBy(k => k.Id).Select(k => new { k.Id, k.Number }).FirstAsync());
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Cases/Create");

        var response = await client.PostFormAsync("/Cases/Create", token,
            [new("Number", "AJ-T-001"), new("SubjectCode", "SQ02"), new("OccurredOn", "2026-08-08"), new("Kind", "PublicSecurity"),
             new("Facts", "寻衅滋事"), new("OffenderNumber", offender.Number)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await demo.Factory.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Number == "AJ-T-001"));
        Assert.Equal(offender.Id, saved.OffenderKeyPersonId);
        var details = await client.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Equal(offender.Number, details.QuerySelector("#offender")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_unknown_offender_number_is_refused()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Cases/Create");

        var response = await client.PostFormAsync("/Cases/Create", token,
            [new("Number", "AJ-T-BAD"), new("SubjectCode", "SQ02"), new("OccurredOn", "2026-08-08"), new("Kind", "Criminal"), new("OffenderNumber", "ZD-NOPE")]);

        Assert.Contains("重点人员编号“ZD-NOPE”不存在", (await response.ParseAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await demo.Factory.WithDbAsync(db => db.Cases.AnyAsync(c => c.Number == "AJ-T-BAD")));
    }

    [Fact]
    public async Task A_liaison_sees_only_their_own_subjects_incidents()
    {
        var ids = await demo.Factory.WithDbAsync(async db =>
        {
            var own = await db.Subjects.Where(s => s.Code == "QY0001").Select(s => s.Id).SingleAsync();
            var other = await db.Subjects.Where(s => s.Code == "QY0002").Select(s => s.Id).SingleAsync();
            var mine = new Accident { Number = "SG-L-OWN", SubjectId = own, OccurredOn = new DateOnly(2026, 4, 1), Category = AccidentCategory.Other };
            var theirs = new Accident { Number = "SG-L-OTHER", SubjectId = other, OccurredOn = new DateOnly(2026, 4, 1), Category = AccidentCategory.Other };
            db.Accidents.AddRange(mine, theirs);
            await db.SaveChangesAsync();
            return (Mine: mine.Id, Theirs: theirs.Id);
        });
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("liaison");

        var list = await client.GetPageAsync("/Accidents?q=SG-L-");
        Assert.Equal(["SG-L-OWN"], list.QuerySelectorAll("#accident-list tbody td:first-child").Select(td => td.TextContent.Trim()).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Accidents/Details/{ids.Theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Accidents/Edit/{ids.Mine}")).StatusCode);
    }

    [Theory]
    [InlineData("/Accidents")]
    [InlineData("/Cases")]
    public async Task Leadership_cannot_open_incident_ledgers(string url)
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
    }
}
