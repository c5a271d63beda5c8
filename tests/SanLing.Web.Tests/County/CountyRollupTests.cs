using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.County;

/// <summary>
/// The county roll-up: the county dashboard's figures are the sums of the towns' stored runs, its query count does not
/// grow with the towns, the county workbook holds the towns' rates and reports, drill-down lands in the town, and no
/// county page or leader export shows a person or a town of another county.
/// </summary>
public sealed class CountyRollupTests(CountyRollupFixture county) : IClassFixture<CountyRollupFixture>
{
    private Task<HttpClient> LoginAsync(string userName) =>
        county.Factory.CreateBrowserlessClient().LoggedInAsync(userName, CountyRollupFixture.Password);

    private static string Cell(IHtmlDocument page, string selector) =>
        (page.QuerySelector(selector) ?? throw new InvalidOperationException($"no {selector}")).TextContent.Trim();

    private static string Percent(int compliant, int subjects) =>
        subjects == 0 ? "—" : ((decimal)compliant / subjects * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_county_figures_are_the_sums_of_the_towns_stored_runs()
    {
        var client = await LoginAsync("hk-leader");
        var page = await client.GetPageAsync("/Counties/Index?year=2025");

        var totals = new Dictionary<SubjectGroup, (int Compliant, int NonCompliant, int Pending)>();
        foreach (var code in new[] { "TA", "TB", "TC" })
        {
            var stored = await county.StoredCountsAsync(county.Runs2025[code]);
            int Of(SubjectGroup g, SubjectVerdict v) => stored.GetValueOrDefault((g, v));
            var row = $"#county-towns tr[data-town={code}]";
            foreach (var (group, css) in new[] { (SubjectGroup.VillageCommunity, "vc"), (SubjectGroup.EnterpriseUnit, "eu") })
            {
                var compliant = Of(group, SubjectVerdict.Compliant);
                var subjects = compliant + Of(group, SubjectVerdict.NonCompliant) + Of(group, SubjectVerdict.Pending);
                Assert.Equal(Percent(compliant, subjects), Cell(page, $"{row} td.{css}-rate"));
                Assert.Equal($"{compliant}/{subjects}", Cell(page, $"{row} td.{css}-counts"));
                var t = totals.GetValueOrDefault(group);
                totals[group] = (t.Compliant + compliant, t.NonCompliant + Of(group, SubjectVerdict.NonCompliant), t.Pending + Of(group, SubjectVerdict.Pending));
            }
        }
        foreach (var (group, total) in totals)
        {
            var card = $"#county-rates [data-group={group}]";
            var subjects = total.Compliant + total.NonCompliant + total.Pending;
            Assert.Equal(Percent(total.Compliant, subjects), Cell(page, $"{card} td.rate"));
            Assert.Equal(N(subjects), Cell(page, $"{card} td.subjects"));
            Assert.Equal(N(total.Compliant), Cell(page, $"{card} td.compliant"));
            Assert.Equal(N(total.NonCompliant), Cell(page, $"{card} td.noncompliant"));
            Assert.Equal(N(total.Pending), Cell(page, $"{card} td.pending"));
        }
        // Known by hand: 甲镇's three enterprises comply, 乙镇's one of three, 丙镇's two of three → 6 of 9 (66.7 %), under 95 %.
        Assert.Equal("66.7%", Cell(page, "#county-rates [data-group=EnterpriseUnit] td.rate"));
        Assert.Equal("未达目标", Cell(page, "#county-rates [data-group=EnterpriseUnit] .group-status"));
        // Ranked by the share of 达标: 甲镇 first, 乙镇 last; 丁镇 has no run and no rank.
        var ranking = page.QuerySelectorAll("#county-towns tbody tr").Select(r => (r.GetAttribute("data-town"), r.QuerySelector("td.rank")!.TextContent.Trim())).ToList();
        Assert.Equal([("TA", "1"), ("TC", "2"), ("TB", "3"), ("TD", "—")], ranking);
        Assert.Equal("尚无评定", Cell(page, "#county-towns tr[data-town=TD] td.no-run"));
        Assert.DoesNotContain("0.0%", page.QuerySelector("#county-towns tr[data-town=TD]")!.TextContent);
        // The trend: 2025 summed over the three towns (the provisional 2026 is not a point of it).
        Assert.Equal(["2025"], page.QuerySelectorAll("#trend-table tbody tr").Select(r => r.GetAttribute("data-year")).ToList());
        Assert.Equal("3", Cell(page, "#trend-table tr[data-year='2025'] td.towns"));
        Assert.Equal("6/9", Cell(page, "#trend-table tr[data-year='2025'] td.eu-counts"));
    }

    [Fact]
    public async Task The_current_year_is_shown_by_default_as_a_provisional_run_without_rates()
    {
        var client = await LoginAsync("hk-center");
        var page = await client.GetPageAsync("/Counties/Index");

        Assert.Equal("2026", page.QuerySelector("select[name=year] option[selected]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#provisional-note .as-of-badge"));
        Assert.Contains("11月24日", Cell(page, "#provisional-note .as-of-badge"));
        // 甲镇's as-of run: counts, but no rate and no target verdict (pending is not failing).
        Assert.Equal("—", Cell(page, "#county-towns tr[data-town=TA] td.eu-rate"));
        Assert.Equal("—", Cell(page, "#county-rates [data-group=VillageCommunity] td.rate"));
        Assert.Null(page.QuerySelector("#county-rates .group-status"));
        var stored = await county.Factory.WithDbAsync(db => db.EvaluationRuns.IgnoreQueryFilters()
            .Where(r => r.TownId == county.Towns["TA"] && r.Year == 2026).SelectMany(r => r.Results).CountAsync(r => r.Verdict == SubjectVerdict.Pending));
        Assert.Equal(N(stored), Cell(page, "#county-towns tr[data-town=TA] td.pending"));
        Assert.StartsWith("尚无 2026 年评定", Cell(page, "#county-towns tr[data-town=TB] td.no-run"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_town_without_a_run_of_the_year_shows_its_latest_published_year_outside_the_year_s_figures()
    {
        var client = await LoginAsync("hk-center");
        // 2026 (the default): only 甲镇 has a run, its as-of run; 乙镇 and 丙镇 have published 2025 only, 丁镇 nothing.
        var page = await client.GetPageAsync("/Counties/Index");
        Assert.Equal("2026", page.QuerySelector("select[name=year] option[selected]")!.GetAttribute("value"));

        foreach (var code in new[] { "TB", "TC" })
        {
            var row = $"#county-towns tr[data-town={code}]";
            Assert.StartsWith("尚无 2026 年评定", Cell(page, $"{row} td.no-run"), StringComparison.Ordinal);
            Assert.Equal("—", Cell(page, $"{row} td.rank"));
            var link = page.QuerySelector($"{row} .earlier-link")!;
            Assert.Equal("2025", link.GetAttribute("data-year"));
            Assert.Contains("year=2025", link.GetAttribute("href"), StringComparison.Ordinal);
            Assert.Contains("2025", link.TextContent, StringComparison.Ordinal);
            // The figures are the town's stored 2025 run.
            var stored = await county.StoredCountsAsync(county.Runs2025[code]);
            int Of(SubjectGroup g, SubjectVerdict v) => stored.GetValueOrDefault((g, v));
            foreach (var (group, css) in new[] { (SubjectGroup.VillageCommunity, "vc"), (SubjectGroup.EnterpriseUnit, "eu") })
            {
                var compliant = Of(group, SubjectVerdict.Compliant);
                var subjects = compliant + Of(group, SubjectVerdict.NonCompliant) + Of(group, SubjectVerdict.Pending);
                Assert.Equal(Percent(compliant, subjects), Cell(page, $"{row} .earlier-{css}-rate"));
                Assert.Equal($"{compliant}/{subjects}", Cell(page, $"{row} .earlier-{css}-counts"));
            }
        }
        Assert.Null(page.QuerySelector("#county-towns tr[data-town=TA] .earlier-link"));
        Assert.Equal("尚无评定", Cell(page, "#county-towns tr[data-town=TD] td.no-run"));

        // The year's figures are still 甲镇's as-of run alone: the earlier years are shown, not summed.
        var asOf = await county.Factory.WithDbAsync(db => db.EvaluationRuns.IgnoreQueryFilters()
            .Where(r => r.TownId == county.Towns["TA"] && r.Year == 2026).Select(r => r.Id).SingleAsync());
        var taCounts = await county.StoredCountsAsync(asOf);
        foreach (var group in new[] { SubjectGroup.VillageCommunity, SubjectGroup.EnterpriseUnit })
        {
            var subjects = taCounts.Where(c => c.Key.Item1 == group).Sum(c => c.Value);
            Assert.Equal(N(subjects), Cell(page, $"#county-rates [data-group={group}] td.subjects"));
            Assert.Equal(N(taCounts.GetValueOrDefault((group, SubjectVerdict.Pending))), Cell(page, $"#county-rates [data-group={group}] td.pending"));
        }

        // In English the earlier year reads as English too.
        var english = await LoginAsync("hk-center");
        await english.PostFormAsync("/Account/SetLanguage", await english.AntiforgeryTokenAsync("/Counties/Index"), [new("culture", "en"), new("returnUrl", "/")]);
        var offending = new SortedDictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var englishPage = await english.GetPageAsync("/Counties/Index");
        Assert.StartsWith("No evaluation of 2026 yet", Cell(englishPage, "#county-towns tr[data-town=TB] td.no-run"), StringComparison.Ordinal);
        Security.EnglishCrawlTests.Check("GET Counties.Index", englishPage, offending);
        Assert.True(offending.Count == 0, string.Join(" | ", offending.SelectMany(o => o.Value).Distinct()));
    }

    [Fact]
    public async Task Completeness_and_supervision_are_counted_by_town()
    {
        var client = await LoginAsync("hk-leader");
        var page = await client.GetPageAsync("/Counties/Index?year=2026");

        // 2026 up to November: each town's village has two grids, one inspected every month through October; the
        // enterprises inspect nothing. 甲镇 has 3 enterprises: 5 units a month, 1 submitted.
        Assert.Equal("20.0%", Cell(page, "#work-table tr[data-town=TA] td.month[data-month='1']"));
        Assert.Equal("0.0%", Cell(page, "#work-table tr[data-town=TA] td.month[data-month='11']"));
        // The year: the months past their due date (January–October on 25 November): 10 of 50.
        Assert.Equal("10/50", Cell(page, "#work-table tr[data-town=TA] .year-counts"));
        // 乙镇: three orders waiting, one of them overdue; the answered one is not open.
        Assert.Equal("3", Cell(page, "#work-table tr[data-town=TB] td.open-orders"));
        Assert.Equal("1", Cell(page, "#work-table tr[data-town=TB] td.overdue-orders"));
        Assert.Equal("0", Cell(page, "#work-table tr[data-town=TA] td.open-orders"));
    }

    [Fact]
    public async Task The_county_dashboard_runs_as_many_queries_for_five_towns_as_for_two()
    {
        async Task<int> MeasureAsync(string userName)
        {
            var client = await LoginAsync(userName);
            // Warm up the pipeline (a different cache entry), then measure a page built from the database.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Counties/Index?year=2000")).StatusCode);
            using var counter = new QueryCounter(county.Factory.DatabasePath);
            var response = await client.GetAsync("/Counties/Index?year=2025");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ParseAsync();
            Assert.NotNull(page.QuerySelector("#county-rates"));
            return counter.Queries;
        }

        var two = await MeasureAsync("q2-leader");
        var five = await MeasureAsync("q5-leader");
        Assert.Equal(two, five);
        Assert.InRange(five, 1, 20);
    }

    [Fact]
    public async Task The_county_workbook_holds_the_towns_rates_and_their_reports_combined()
    {
        var client = await LoginAsync("hk-center");
        var response = await client.GetAsync("/Counties/Export?year=2025");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());

        Assert.Equal(["各乡镇达标率", "达标率", "单位明细", "荣誉", "一票否优", "倒查追责", "申诉"], book.Worksheets.Select(s => s.Name).ToList());
        var rates = book.Worksheet("各乡镇达标率");
        Assert.Equal("乡镇编码", rates.Cell(1, 1).GetString());
        var rows = Enumerable.Range(2, 4).ToDictionary(r => rates.Cell(r, 1).GetString(), r => r);
        Assert.Equal(["TA", "TB", "TC", "TD"], rows.Keys.Order().ToList());
        foreach (var code in new[] { "TA", "TB", "TC" })
        {
            var stored = await county.StoredCountsAsync(county.Runs2025[code]);
            var r = rows[code];
            var euCompliant = stored.GetValueOrDefault((SubjectGroup.EnterpriseUnit, SubjectVerdict.Compliant));
            var euSubjects = stored.Where(s => s.Key.Item1 == SubjectGroup.EnterpriseUnit).Sum(s => s.Value);
            Assert.Equal(euSubjects, rates.Cell(r, 9).GetValue<int>());
            Assert.Equal(euCompliant, rates.Cell(r, 10).GetValue<int>());
            Assert.Equal(Math.Round((double)euCompliant / euSubjects, 4), rates.Cell(r, 13).GetDouble(), 4);
            Assert.Equal(county.Runs2025[code], rates.Cell(r, 15).GetValue<int>());
            Assert.Equal("全年评定", rates.Cell(r, 16).GetString());
            Assert.Contains("2020", rates.Cell(r, 19).GetString(), StringComparison.Ordinal);
        }
        Assert.Equal("尚无评定", rates.Cell(rows["TD"], 3).GetString());
        Assert.Equal("全县合计", rates.Cell(6, 2).GetString());
        Assert.Equal(9, rates.Cell(6, 9).GetValue<int>());
        Assert.Equal(6, rates.Cell(6, 10).GetValue<int>());
        // The codes stay text.
        Assert.Equal(XLDataType.Text, rates.Cell(rows["TA"], 1).DataType);

        // 单位明细: every town's results, with the town first; the stored verdicts of the three runs.
        var details = book.Worksheet("单位明细");
        Assert.Equal("乡镇", details.Cell(1, 1).GetString());
        Assert.Equal("编码", details.Cell(1, 2).GetString());
        var lines = Enumerable.Range(2, details.LastRowUsed()!.RowNumber() - 1).Select(r => (Town: details.Cell(r, 1).GetString(), Code: details.Cell(r, 2).GetString())).ToList();
        var runs = new[] { "TA", "TB", "TC" }.Select(c => county.Runs2025[c]).ToList();
        var results = await county.Factory.WithDbAsync(db => db.EvaluationResults.CountAsync(r => runs.Contains(r.RunId)));
        Assert.Equal(results, lines.Count);
        Assert.Equal(["丙镇", "乙镇", "甲镇"], lines.Select(l => l.Town).Distinct().Order().ToList());
        Assert.Contains(("乙镇", "TBQ2"), lines);
        var text = AllText(book);
        Assert.DoesNotContain("邻县红石镇", text);
        Assert.DoesNotContain("TXQ1", text);
    }

    [Fact]
    public async Task A_year_without_runs_is_answered_with_a_message_not_a_file()
    {
        var client = await LoginAsync("hk-center");
        var response = await client.GetAsync("/Counties/Export?year=2024");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("尚无评定结果，无法导出", page.Body!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Counties/Export?year=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Counties/Export?year=3000")).StatusCode);
    }

    [Fact]
    public async Task The_county_leader_sees_no_personal_data_on_the_county_pages_or_in_the_export()
    {
        var client = await LoginAsync("hk-leader");
        foreach (var url in new[] { "/Counties/Index", "/Counties/Index?year=2025" })
        {
            var html = await client.GetStringAsync(url);
            foreach (var personal in CountyRollupFixture.PersonalData)
            {
                Assert.DoesNotContain(personal, html);
            }
        }
        var response = await client.GetAsync("/Counties/Export?year=2025");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        // The leader's version has no 申诉 sheet (people's own words).
        Assert.DoesNotContain("申诉", book.Worksheets.Select(s => s.Name));
        var text = AllText(book);
        foreach (var personal in CountyRollupFixture.PersonalData)
        {
            Assert.DoesNotContain(personal, text);
        }
    }

    [Fact]
    public async Task A_town_s_name_leads_into_its_dashboard_then_territory_then_subject_card()
    {
        var client = await LoginAsync("hk-leader");
        var page = await client.GetPageAsync("/Counties/Index?year=2025");
        var form = (IHtmlFormElement)page.QuerySelector("#county-towns tr[data-town=TB] .town-link")!.Closest("form")!;
        var fields = PortalClient.FormValues(form);
        Assert.Equal("/Dashboard?year=2025", fields["returnUrl"]);

        var switched = await client.PostFormAsync(form.GetAttribute("action")!, PortalClient.TokenOf(page), fields.Where(f => f.Key != "__RequestVerificationToken"));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Dashboard?year=2025", switched.Headers.Location!.OriginalString);

        var dashboard = await client.GetPageAsync("/Dashboard?year=2025");
        var stored = await county.StoredCountsAsync(county.Runs2025["TB"]);
        Assert.Equal(N(stored.Where(s => s.Key.Item1 == SubjectGroup.EnterpriseUnit).Sum(s => s.Value)), Cell(dashboard, "[data-group=EnterpriseUnit] td.subjects"));
        var territory = dashboard.QuerySelector("#territory-table a")!.GetAttribute("href")!;
        var results = await client.GetPageAsync(territory);
        Assert.Contains("乙镇企业2", results.Body!.TextContent);
        var subjectId = await county.Factory.WithDbAsync(db => db.Subjects.IgnoreQueryFilters().Where(s => s.Code == "TBQ2").Select(s => s.Id).SingleAsync());
        var card = await client.GetAsync($"/Dashboard/Subject/{county.Runs2025["TB"]}/{subjectId}");
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        // Another town's run is not found from inside 乙镇.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Dashboard/Results/{county.Runs2025["TA"]}")).StatusCode);
    }

    [Fact]
    public async Task A_return_address_elsewhere_is_ignored_and_another_county_s_town_is_not_found()
    {
        var client = await LoginAsync("hk-center");
        var token = await client.AntiforgeryTokenAsync("/Counties/Index");
        var switched = await client.PostFormAsync($"/Counties/Switch/{county.Towns["TC"]}", token, [new("returnUrl", "https://evil.example/Dashboard")]);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/", switched.Headers.Location!.OriginalString);
        var other = await client.PostFormAsync($"/Counties/Switch/{county.Towns["TX"]}", token, [new("returnUrl", "/Dashboard")]);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task A_town_of_another_county_never_appears()
    {
        var client = await LoginAsync("hk-center");
        foreach (var url in new[] { "/Counties/Index", "/Counties/Index?year=2025" })
        {
            var html = await client.GetStringAsync(url);
            Assert.DoesNotContain("邻县红石镇", html);
            Assert.DoesNotContain("二县1镇", html);
        }
        var page = await client.GetPageAsync("/Counties/Index?year=2025");
        Assert.Equal(["TA", "TB", "TC", "TD"], page.QuerySelectorAll("#county-towns tbody tr").Select(r => r.GetAttribute("data-town")!).Order().ToList());
    }

    private static string AllText(XLWorkbook book) =>
        string.Join("\n", book.Worksheets.SelectMany(s => s.CellsUsed()).Select(c => c.GetString()));
}
