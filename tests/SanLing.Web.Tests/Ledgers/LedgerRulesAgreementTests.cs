using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Subjects;
using SanLing.Web.Features.Dashboard;
using SanLing.Web.Tests.Imports;
using SanLing.Web.Tests.Support;
using static SanLing.Web.Tests.Imports.Xlsx;

namespace SanLing.Web.Tests.Ledgers;

/// <summary>One home per rule: the form and the import say the same; the ledger, the dashboard and 3.3 count the same 积案.</summary>
[Collection(DemoTownCollection.Name)]
public sealed class LedgerRulesAgreementTests(DemoTownFixture demo)
{
    [Fact]
    public async Task The_form_and_the_import_refuse_the_same_out_of_range_value_with_the_same_message()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Petitions/Create");
        var response = await client.PostFormAsync("/Petitions/Create", token,
            [new("Number", "AG-F-1"), new("SubjectCode", "CUN05"), new("FiledOn", "2026-10-01"), new("Kind", "Individual"), new("PetitionerCount", "20000"), new("Status", "Received")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = (await response.ParseAsync()).QuerySelector("main")!.TextContent;

        var result = await SmallTownFixture.ImportAsync(demo.Factory, "petitions", Book(Sheet("信访", TemplateImportTests.PetitionHeaders,
            ["AG-I-1", "CUN05", new DateOnly(2026, 10, 1), "个体访", 20000, null, null, "受理", null, "否", "否"])));
        var error = Assert.Single(result.Errors);
        Assert.Equal("人数", error.Column);
        Assert.Equal("人数应在 1 到 10000 之间", error.Reason);
        Assert.Contains(error.Reason, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_english_the_form_gives_the_same_rule_in_english()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Petitions/Create");
        await client.PostFormAsync("/Account/SetLanguage", token, [new("culture", "en"), new("returnUrl", "/")]);
        token = await client.AntiforgeryTokenAsync("/Petitions/Create");
        var response = await client.PostFormAsync("/Petitions/Create", token,
            [new("Number", "AG-E-1"), new("SubjectCode", "CUN05"), new("FiledOn", "2026-10-01"), new("Kind", "Individual"), new("PetitionerCount", "20000"), new("Status", "Received")]);
        var page = (await response.ParseAsync()).QuerySelector("main")!.TextContent;
        Assert.Contains("People must be between 1 and 10000", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_over_long_text_is_a_message_by_its_field_never_a_database_error()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Petitions/Create");
        var response = await client.PostFormAsync("/Petitions/Create", token,
            [new("Number", "AG-L-1"), new("SubjectCode", "CUN05"), new("FiledOn", "2026-10-01"), new("Kind", "Individual"), new("PetitionerCount", "1"),
             new("Matter", new string('事', PetitionRules.MatterMaxLength + 1)), new("LeaderInCharge", new string('领', PetitionRules.LeaderMaxLength + 1)), new("Status", "Received")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ParseAsync();
        Assert.Equal("事由不能超过 1000 个字", document.QuerySelector("[data-field='Matter']")!.TextContent);
        Assert.Equal("包案领导不能超过 50 个字", document.QuerySelector("[data-field='LeaderInCharge']")!.TextContent);
        Assert.False(await demo.Factory.WithDbAsync(db => db.Petitions.AnyAsync(p => p.Number == "AG-L-1")));
    }

    [Fact]
    public async Task The_ledger_filter_the_office_dashboard_and_item_3_3_agree_on_backlog()
    {
        // Today is 2026-11-25 (the test clock).
        var today = DateOnly.FromDateTime(demo.Factory.Clock.GetLocalNow().DateTime);
        var dashboardBefore = await BacklogOnDashboardAsync();
        var subject = await demo.Factory.WithDbAsync(db => db.Subjects.SingleAsync(s => s.Code == "CUN05"));
        Petition P(string number, DateOnly filed, PetitionStatus status, DateOnly? resolved = null) =>
            new() { Number = number, SubjectId = subject.Id, OccurredOn = filed, Kind = PetitionKind.Individual, Status = status, ResolvedOn = resolved };
        await demo.Factory.WithDbAsync(async db =>
        {
            db.Petitions.AddRange(
                P("BLT-A", new DateOnly(2025, 12, 31), PetitionStatus.Handling),                                // filed 31 Dec, still open: backlog
                P("BLT-B", new DateOnly(2025, 12, 31), PetitionStatus.Resolved, new DateOnly(2026, 1, 1)),    // resolved 1 Jan: cleared
                P("BLT-C", new DateOnly(2025, 6, 1), PetitionStatus.Escalated),                                // escalated is not resolved: backlog
                P("BLT-D", new DateOnly(2024, 5, 1), PetitionStatus.Resolved, new DateOnly(2025, 3, 1)),      // resolved late: cleared
                P("BLT-E", new DateOnly(2026, 1, 5), PetitionStatus.Received));                                // this year's: not backlog
            await db.SaveChangesAsync();
        });
        string[] expected = ["BLT-A", "BLT-C"];

        // The petition ledger's 积案 filter, as the office sees it.
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var list = (await (await client.GetAsync("/Petitions?Backlog=true&Q=BLT-")).ParseAsync()).QuerySelector("main")!.TextContent;
        Assert.Equal(expected, new[] { "BLT-A", "BLT-B", "BLT-C", "BLT-D", "BLT-E" }.Where(n => list.Contains(n, StringComparison.Ordinal)));

        // The office dashboard's 积案 count grows by exactly those.
        Assert.Equal(dashboardBefore + expected.Length, await BacklogOnDashboardAsync());

        // Item 3.3 as of today names exactly those as open backlog.
        var facts = await demo.Factory.WithDbAsync(db => db.Petitions.AsNoTracking().Where(p => p.Number.StartsWith("BLT-"))
            .Select(p => new PetitionFact(p.Number, p.Kind, p.OccurredOn, p.Status, p.ResolvedOn)).ToListAsync());
        var outcome = new PetitionsAndDisputesRule().Judge(
            new SubjectFacts { SubjectId = subject.Id, Code = subject.Code, Name = subject.Name, Kind = SubjectKind.Village, Petitions = facts.Where(f => f.FiledOn.Year < 2026).ToList() },
            new EvaluationPeriod(2026, today));
        Assert.Equal(ItemVerdict.Pending, outcome.Verdict);
        Assert.Equal(expected, new[] { "BLT-A", "BLT-B", "BLT-C", "BLT-D" }.Where(n => outcome.Detail.Contains(n, StringComparison.Ordinal)));
    }

    private async Task<int> BacklogOnDashboardAsync() =>
        await demo.Factory.WithDbAsync(async db => (await new OfficeDashboardQueries(db, demo.Factory.Clock).LoadAsync(CancellationToken.None)).BacklogPetitions);
}
