using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Dashboard;

/// <summary>One hand-built town with three years of stored runs, shared by the tests of this class.</summary>
public sealed class DashboardTownFixture : IAsyncLifetime, IDisposable
{
    public SanLingFactory Factory { get; } = new(demo: false);

    public DashboardTown Town { get; private set; } = null!;

    public async Task InitializeAsync() => Town = await DashboardTown.SeedAsync(Factory, perTerritory: 6);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Factory.Dispose();
}

public sealed class DashboardTests(DashboardTownFixture fixture) : IClassFixture<DashboardTownFixture>
{
    private DashboardTown Town => fixture.Town;

    private static string Percent(int compliant, int subjects) =>
        subjects == 0 ? "—" : ((decimal)compliant / subjects * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Cell(IHtmlDocument page, string selector) =>
        (page.QuerySelector(selector) ?? throw new InvalidOperationException($"no {selector}")).TextContent.Trim();

    [Fact]
    public async Task A_leader_lands_on_the_dashboard_of_the_latest_published_year()
    {
        var client = await fixture.Factory.CreateBrowserlessClient().LoggedInAsync("leader");

        var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Dashboard", home.Headers.Location!.OriginalString);
        var page = await client.GetPageAsync("/Dashboard");
        Assert.Equal("2025", page.QuerySelector("select[name=year] option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Group_rates_equal_the_stored_results_of_the_latest_published_run()
    {
        var client = await fixture.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        var page = await client.GetPageAsync("/Dashboard");

        foreach (var group in Enum.GetValues<SubjectGroup>())
        {
            var rows = Town.Published.Where(r => r.RunYear == 2025 && r.Kind.Group() == group).ToList();
            var compliant = rows.Count(r => r.Verdict == SubjectVerdict.Compliant);
            var card = $"[data-group={group}]";
            Assert.Equal(Percent(compliant, rows.Count), Cell(page, $"{card} td.rate"));
            Assert.Equal(rows.Count.ToString(CultureInfo.InvariantCulture), Cell(page, $"{card} td.subjects"));
            Assert.Equal(compliant.ToString(CultureInfo.InvariantCulture), Cell(page, $"{card} td.compliant"));
            Assert.Equal(rows.Count(r => r.Verdict == SubjectVerdict.NonCompliant).ToString(CultureInfo.InvariantCulture), Cell(page, $"{card} td.noncompliant"));
            Assert.Equal(rows.Count(r => r.Verdict == SubjectVerdict.Pending).ToString(CultureInfo.InvariantCulture), Cell(page, $"{card} td.pending"));
            var met = (decimal)compliant / rows.Count >= (group == SubjectGroup.VillageCommunity ? 0.90m : 0.95m);
            Assert.Equal(met ? "已达目标" : "未达目标", Cell(page, $"{card} .group-status"));
        }
        // Known by hand: 2025's villages/community are 达标, 达标, 不达标 → 66.7 %; 18 enterprises/units in all.
        Assert.Equal("66.7%", Cell(page, "[data-group=VillageCommunity] td.rate"));
        Assert.Equal("18", Cell(page, "[data-group=EnterpriseUnit] td.subjects"));
    }

    [Fact]
    public async Task The_trend_shows_the_latest_published_run_of_each_year()
    {
        var client = await fixture.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        var page = await client.GetPageAsync("/Dashboard");

        var years = page.QuerySelectorAll("#trend-table tbody tr").Select(r => r.GetAttribute("data-year")).ToList();
        Assert.Equal(["2023", "2024", "2025"], years);
        foreach (var year in new[] { 2023, 2024, 2025 })
        {
            var vc = Town.Published.Where(r => r.RunYear == year && r.Kind.Group() == SubjectGroup.VillageCommunity).ToList();
            var eu = Town.Published.Where(r => r.RunYear == year && r.Kind.Group() == SubjectGroup.EnterpriseUnit).ToList();
            var row = $"#trend-table tr[data-year='{year}']";
            Assert.Equal(Percent(vc.Count(r => r.Verdict == SubjectVerdict.Compliant), vc.Count), Cell(page, $"{row} .vc-rate"));
            Assert.Equal(Percent(eu.Count(r => r.Verdict == SubjectVerdict.Compliant), eu.Count), Cell(page, $"{row} .eu-rate"));
            Assert.Equal($"{eu.Count(r => r.Verdict == SubjectVerdict.Compliant)}/{eu.Count}", Cell(page, $"{row} .eu-counts"));
        }
        // The years differ, so a mix-up of runs would show.
        Assert.Equal(3, page.QuerySelectorAll("#trend-table tbody .eu-counts").Select(td => td.TextContent).Distinct().Count());
        // The unpublished later run (everything 达标) and the superseded run (everything 待评定) are not shown.
        Assert.NotEqual("100.0%", Cell(page, "#trend-table tr[data-year='2025'] .eu-rate"));
        Assert.NotEqual("0.0%", Cell(page, "#trend-table tr[data-year='2025'] .eu-rate"));
    }

    [Fact]
    public async Task Territory_counts_include_the_village_and_its_enterprises_and_drill_down_to_their_verdicts()
    {
        var client = await fixture.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        var page = await client.GetPageAsync("/Dashboard?year=2024");

        Assert.Equal(3, page.QuerySelectorAll("#territory-table tbody tr").Length);
        foreach (var code in DashboardTown.TerritoryCodes)
        {
            var territory = Town.Subjects.Single(s => s.Code == code);
            var rows = Town.Published.Where(r => r.RunYear == 2024 && (r.SubjectId == territory.Id || r.TerritoryId == territory.Id)).ToList();
            var eu = rows.Where(r => r.SubjectId != territory.Id).ToList();
            var row = $"#territory-table tr[data-territory={code}]";
            Assert.Equal($"{rows.Count(r => r.Verdict == SubjectVerdict.Compliant)}/{rows.Count}", Cell(page, $"{row} .all-counts"));
            Assert.Equal($"{eu.Count(r => r.Verdict == SubjectVerdict.Compliant)}/{eu.Count}", Cell(page, $"{row} .eu-counts"));
            Assert.Equal(7, rows.Count);
        }
        // Bars are sorted by rate, best first.
        var rates = page.QuerySelectorAll("#territory-table tbody .all-rate").Select(td => decimal.Parse(td.TextContent.Trim().TrimEnd('%'), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(rates.OrderByDescending(r => r), rates);

        // Drill down: the territory's subjects with their stored verdicts, then one subject's items.
        var link = page.QuerySelector("#territory-table tr[data-territory=CUN02] a")!.GetAttribute("href")!;
        var list = await client.GetPageAsync(link);
        var cun02 = Town.Subjects.Single(s => s.Code == "CUN02");
        var expected = Town.Published.Where(r => r.RunYear == 2024 && (r.SubjectId == cun02.Id || r.TerritoryId == cun02.Id)).ToList();
        var shown = list.QuerySelectorAll("#result-list tbody tr").ToDictionary(tr => tr.GetAttribute("data-subject")!, tr => tr.QuerySelector(".verdict")!.TextContent.Trim());
        Assert.Equal(expected.Select(r => r.Code).Order(), shown.Keys.Order());
        foreach (var r in expected)
        {
            Assert.StartsWith(SanLing.Domain.Common.Terms.Of(r.Verdict), shown[r.Code], StringComparison.Ordinal);
        }

        var subject = expected.First(r => r.Verdict == SubjectVerdict.NonCompliant);
        var card = await client.GetPageAsync(list.QuerySelector($"#result-list tr[data-subject={subject.Code}] a")!.GetAttribute("href")!);
        Assert.Equal("不达标", Cell(card, "#item-list tr[data-item='5.1'] .verdict"));
        Assert.Equal("3月未排查", Cell(card, "#item-list tr[data-item='5.1'] .reason"));
        Assert.Equal("党组织坚强有力", Cell(card, "#item-list tr[data-item='1.1'] td:nth-child(2)"));
    }

    [Fact]
    public async Task Honours_vetoes_incidents_and_inspections_of_the_year_are_counted()
    {
        var client = await fixture.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        var page = await client.GetPageAsync("/Dashboard?year=2025");
        var run = Town.Published.Where(r => r.RunYear == 2025).ToList();

        Assert.Equal(run.Count(r => r.Honour == Honour.Named).ToString(CultureInfo.InvariantCulture), Cell(page, "#honour-table td[data-honour=Named]"));
        Assert.Equal(run.Count(r => r.IsVetoed).ToString(CultureInfo.InvariantCulture), Cell(page, "#honour-table td.vetoed"));
        var vetoedList = await client.GetPageAsync(page.QuerySelector("#honour-table td.vetoed a")!.GetAttribute("href")!);
        Assert.Equal(run.Count(r => r.IsVetoed), vetoedList.QuerySelectorAll("#result-list tbody tr[data-subject]").Length);

        // 2025: petitions in March (2) and July (1), an accident in July, a case in December; 2024's petition not counted.
        Assert.Equal(12, page.QuerySelectorAll("#incident-table tbody tr").Length);
        Assert.Equal("2", Cell(page, "#incident-table tr[data-month='3'] .petitions"));
        Assert.Equal("1", Cell(page, "#incident-table tr[data-month='7'] .petitions"));
        Assert.Equal("1", Cell(page, "#incident-table tr[data-month='7'] .accidents"));
        Assert.Equal("1", Cell(page, "#incident-table tr[data-month='12'] .cases"));
        Assert.Equal("3", Cell(page, "#incident-table tfoot .petitions"));

        // Expected: 3 grids + 18 enterprises/units, of which 5 have two workshops → 3 + 13 + 10 = 26; January: 2 submitted (a draft does not count).
        Assert.Equal("26", Cell(page, "#inspection-table tr[data-month='1'] .expected"));
        Assert.Equal("2", Cell(page, "#inspection-table tr[data-month='1'] .submitted"));
        Assert.Equal("7.7%", Cell(page, "#inspection-table tr[data-month='1'] .rate"));
        Assert.Equal("0", Cell(page, "#inspection-table tr[data-month='2'] .submitted"));
    }

    [Fact]
    public async Task The_territory_selector_restricts_every_figure_to_that_territory()
    {
        var client = await fixture.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        var cun01 = Town.Subjects.Single(s => s.Code == "CUN01");
        var page = await client.GetPageAsync($"/Dashboard?year=2025&territoryId={cun01.Id}");

        var eu = Town.Published.Where(r => r.RunYear == 2025 && r.TerritoryId == cun01.Id).ToList();
        Assert.Equal(eu.Count.ToString(CultureInfo.InvariantCulture), Cell(page, "[data-group=EnterpriseUnit] td.subjects"));
        Assert.Equal("1", Cell(page, "[data-group=VillageCommunity] td.subjects"));
        Assert.Equal("2", Cell(page, "#incident-table tfoot .petitions")); // XF-1 on CUN01, XF-2 on QY0001 in CUN01
        Assert.Equal(cun01.Id.ToString(CultureInfo.InvariantCulture), page.QuerySelector("select[name=territoryId] option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Unpublished_runs_cannot_be_opened()
    {
        var client = await fixture.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Dashboard/Results/{Town.UnpublishedRunId}")).StatusCode);
        var subject = Town.Subjects[0].Id;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Dashboard/Subject/{Town.UnpublishedRunId}/{subject}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Dashboard/Subject/{Town.RunOfYear[2025]}/{subject}")).StatusCode);
    }

    [Theory]
    [InlineData("/Petitions", false)]
    [InlineData("/Petitions?backlog=true", false)]
    [InlineData("/Petitions/Create", false)]
    [InlineData("/Accidents", false)]
    [InlineData("/Cases", false)]
    [InlineData("/Grids", false)]
    [InlineData("/Grids?noWorker=true", false)]
    [InlineData("/KeyPersons", true)]
    [InlineData("/RentalHouses", true)]
    [InlineData("/Attestations", true)]
    [InlineData("/Dashboard/Office", false)]
    [InlineData("/Dashboard/Warnings", false)]
    [InlineData("/InspectionReview/Missing", true)]
    [InlineData("/InspectionReview/MissingExport", true)]
    [InlineData("/InspectionReview/WorkList", true)]
    [InlineData("/Petitions/Export", true)]
    [InlineData("/KeyPersons/Export", true)]
    public async Task A_leader_is_refused_every_ledger_key_person_page_and_personal_export(string url, bool mayNotExistYet)
    {
        var client = await fixture.Factory.CreateBrowserlessClient().LoggedInAsync("leader");

        var status = (await client.GetAsync(url)).StatusCode;

        Assert.True(status == HttpStatusCode.Forbidden || (mayNotExistYet && status == HttpStatusCode.NotFound), $"{url} answered {(int)status}");
    }

    [Fact]
    public async Task A_leader_sees_no_personal_data_on_the_dashboard_pages()
    {
        var client = await fixture.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        var pages = new[]
        {
            "/Dashboard", $"/Dashboard/Results/{Town.RunOfYear[2025]}",
            $"/Dashboard/Subject/{Town.RunOfYear[2025]}/{Town.Subjects[0].Id}",
        };
        foreach (var url in pages)
        {
            var html = await client.GetStringAsync(url);
            Assert.DoesNotContain("/Petitions", html, StringComparison.Ordinal);
            Assert.DoesNotContain("XF-1", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Grid_workers_and_liaisons_cannot_open_the_dashboard()
    {
        foreach (var user in new[] { "grid", "liaison" })
        {
            var client = await fixture.Factory.CreateBrowserlessClient().LoggedInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Dashboard")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Dashboard/Results/{Town.RunOfYear[2025]}")).StatusCode);
        }
    }
}
