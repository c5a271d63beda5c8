using System.Diagnostics;
using System.Net;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Standards;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Evaluation;

/// <summary>
/// A hand-built town whose 2025 results are worked out by hand:
/// CUN01 达标 (also 2024: 通报表扬) · CUN02 no grid → 不达标 · SQ01 6.3 not attested → 待评定 ·
/// QY01 达标 · QY02 accident on 31 Dec (有影响, 重大) → 不达标, vetoed, accountability ·
/// DW01 达标 (5.2 n/a) · DW02 petition of Nov 2024 still unresolved at the end of 2025 (resolved Feb 2026: backlog) → 不达标.
/// Rates: 村（社区） 1/3 = 33.3 %, 企业和单位 2/4 = 50.0 %; 村 1/2, 社区 0/1 (1 pending), 企业 1/2, 单位 1/2.
/// The results page, the annual report workbook and the command line must all say so.
/// </summary>
public sealed class EvaluationIntegrationTests : IDisposable
{
    private const string Password = "Harbor-lamp-2026x";
    private readonly SanLingFactory _factory = new(demo: false);

    private static readonly Dictionary<string, string> ExpectedVerdicts = new()
    {
        ["CUN01"] = "达标", ["CUN02"] = "不达标", ["SQ01"] = "待评定",
        ["QY01"] = "达标", ["QY02"] = "不达标", ["DW01"] = "达标", ["DW02"] = "不达标",
    };

    // label → (subjects, compliant, pending, rate)
    private static readonly Dictionary<string, (int, int, int, string)> ExpectedRates = new()
    {
        ["村（社区）"] = (3, 1, 1, "33.3%"),
        ["企业和单位"] = (4, 2, 0, "50.0%"),
        ["村"] = (2, 1, 0, "50.0%"),
        ["社区"] = (1, 0, 1, "0.0%"),
        ["企业"] = (2, 1, 0, "50.0%"),
        ["单位"] = (2, 1, 0, "50.0%"),
    };

    public void Dispose() => _factory.Dispose();

    private async Task BuildTownAsync()
    {
        _ = _factory.Server;
        await _factory.WithDbAsync(async db =>
        {
            var t = await new TownBuilder().WithRuleSet().WithResponsiblePersons()
                .Village("CUN01").WithGrids(2)
                .Village("CUN02")
                .Community("SQ01").WithGrids(1)
                .Enterprise("QY01", territory: "CUN01")
                .Enterprise("QY02", territory: "SQ01")
                .Unit("DW01", territory: "CUN02")
                .Unit("DW02", territory: "CUN01")
                .BuildAsync(db);
            var (cun01, cun02, sq01, qy01, qy02, dw01, dw02) = (t["CUN01"], t["CUN02"], t["SQ01"], t["QY01"], t["QY02"], t["DW01"], t["DW02"]);
            t.InspectAllMonths(cun01, 2024);
            t.AttestAll(cun01, 2024);
            foreach (var s in new[] { cun01, sq01, qy01, qy02, dw01, dw02 })
            {
                t.InspectAllMonths(s, 2025);
            }
            t.AttestAll(cun01, 2025);
            t.AttestAll(cun02, 2025);
            t.AttestAll(sq01, 2025, "6.3");
            t.AttestAll(qy01, 2025);
            t.AttestAll(qy02, 2025);
            t.AttestAll(dw01, 2025, "5.2");
            db.Attestations.Add(new Attestation { Subject = dw01, Year = 2025, ItemCode = "5.2", Result = AttestationResult.NotApplicable });
            t.AttestAll(dw02, 2025);
            db.Accidents.Add(new Accident { Number = "SG-2025-1", Subject = qy02, OccurredOn = new DateOnly(2025, 12, 31), IsImpactful = true, IsMajor = true, Category = AccidentCategory.Fire });
            db.Accidents.Add(new Accident { Number = "SG-2026-1", Subject = qy01, OccurredOn = new DateOnly(2026, 1, 1), IsImpactful = true, IsMajor = true, Category = AccidentCategory.Fire });
            db.Petitions.Add(new Petition { Number = "XF-2024-077", Subject = dw02, OccurredOn = new DateOnly(2024, 11, 20), Kind = PetitionKind.Individual, Status = PetitionStatus.Resolved, ResolvedOn = new DateOnly(2026, 2, 1) });
            await t.SaveAsync();

            using var scope = _factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var (name, role) in new[] { ("chen", Roles.Office), ("boss", Roles.Leadership), ("wang", Roles.GridWorker) })
            {
                var user = new AppUser { UserName = name, DisplayName = name, TownId = t.Town.Id, ScopeSubjectId = role == Roles.GridWorker ? cun01.Id : null };
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                await users.AddToRoleAsync(user, role);
            }
        });
    }

    private async Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SanLing.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ConnectionStrings__SanLing"] = $"Data Source={_factory.DatabasePath}";
        start.Environment["DataProtection__KeyDirectory"] = _factory.KeyDirectory;
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(Path.GetTempPath(), "sanling-tests", "cli-logs", "log-.txt");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }

    private static Dictionary<string, (int, int, int, string)> CliRates(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r').Split('\t')).Where(c => c.Length == 8 && ExpectedRates.ContainsKey(c[0]))
            .ToDictionary(c => c[0], c => (int.Parse(c[1]), int.Parse(c[2]), int.Parse(c[3]), c[5]));

    [Fact]
    public async Task Results_page_workbook_and_command_line_agree_with_the_hand_worked_results()
    {
        await BuildTownAsync();

        // The command line evaluates 2024 (CUN01's first compliant year).
        var cli2024 = await CliAsync("evaluate", "2024");
        Assert.True(cli2024.ExitCode == 0, cli2024.Error);

        // Office staff run 2025 from the page.
        var office = await _factory.CreateBrowserlessClient().LoggedInAsync("chen", Password);
        var token = await office.AntiforgeryTokenAsync("/Evaluation");
        var posted = await office.PostFormAsync("/Evaluation/Run", token, [new("Year", "2025"), new("AsOf", "")]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var resultsUrl = posted.Headers.Location!.OriginalString;
        var page = await office.GetPageAsync(resultsUrl);

        var pageRates = page.QuerySelectorAll("#group-rates tbody tr, #kind-rates tbody tr").ToDictionary(
            tr => tr.QuerySelector("th")!.TextContent.Trim(),
            tr =>
            {
                var td = tr.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
                return (int.Parse(td[0]), int.Parse(td[1]), int.Parse(td[2]), td[4]);
            });
        Assert.Equal(ExpectedRates, pageRates);
        var pageVerdicts = page.QuerySelectorAll("#result-list tbody tr").ToDictionary(
            tr => tr.QuerySelector("td")!.TextContent.Trim(), tr => tr.QuerySelector("td.verdict")!.TextContent.Trim());
        Assert.Equal(ExpectedVerdicts, pageVerdicts);

        // The card explains QY02's failure with the accident's number; the accident of 1 Jan 2026 counts nowhere.
        var qy02 = await _factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == "QY02").Select(s => s.Id).SingleAsync());
        var card = await office.GetPageAsync($"{resultsUrl.Replace("Results", "Card", StringComparison.Ordinal)}?subjectId={qy02}");
        Assert.Contains("5.3 不达标：当年发生安全事故 1 起（SG-2025-1）", card.QuerySelector("#item-list tr[data-item='5.3']")!.TextContent, StringComparison.Ordinal);
        var dw02Card = await office.GetPageAsync($"{resultsUrl.Replace("Results", "Card", StringComparison.Ordinal)}?subjectId={await _factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == "DW02").Select(s => s.Id).SingleAsync())}");
        Assert.Contains("XF-2024-077", dw02Card.QuerySelector("#item-list tr[data-item='3.3']")!.TextContent, StringComparison.Ordinal);

        // Lists: CUN01 compliant two years running, QY02 vetoed and up for accountability review.
        var lists = await office.GetPageAsync(resultsUrl.Replace("Results", "Lists", StringComparison.Ordinal));
        var honours = lists.QuerySelectorAll("#honour-list tbody tr").ToDictionary(tr => tr.Children[0].TextContent, tr => tr.Children[4].TextContent);
        Assert.Equal("通报表扬", honours["CUN01"]);
        Assert.Equal("命名表彰", honours["QY01"]);
        Assert.Equal(["QY02"], lists.QuerySelectorAll("#veto-list tbody tr").Select(tr => tr.Children[0].TextContent).ToArray());
        Assert.Equal(["SG-2025-1"], lists.QuerySelectorAll("#accountability-list tbody tr").Select(tr => tr.Children[1].TextContent).ToArray());

        // The annual report downloaded from the page.
        var download = await office.GetAsync(resultsUrl.Replace("Results", "Report", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using (var book = new XLWorkbook(await download.Content.ReadAsStreamAsync()))
        {
            AssertWorkbook(book);
        }

        // The command line: evaluate 2025 again prints the same rates; export-report writes the same workbook.
        var cli = await CliAsync("evaluate", "2025");
        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.Equal(ExpectedRates, CliRates(cli.Output));
        var file = Path.Combine(Path.GetTempPath(), "sanling-tests", $"report-{Guid.NewGuid():N}.xlsx");
        var export = await CliAsync("export-report", "2025", file);
        Assert.True(export.ExitCode == 0, export.Error);
        using (var book = new XLWorkbook(file))
        {
            AssertWorkbook(book);
        }
        File.Delete(file);

        // Comparing the CLI's run with the page's: nothing changed.
        var runs = await office.GetPageAsync("/Evaluation");
        Assert.Equal(3, runs.QuerySelectorAll("#run-list tbody tr").Length);
    }

    private static void AssertWorkbook(XLWorkbook book)
    {
        Assert.Equal(["达标率", "单位明细", "荣誉", "一票否优", "倒查追责", "申诉"], book.Worksheets.Select(w => w.Name).ToArray());
        var rates = book.Worksheet("达标率");
        Assert.Equal(["分组", "单位数", "达标数", "待评定数", "达标率", "目标", "是否达标"], rates.Row(1).CellsUsed().Select(c => c.GetString()).ToArray());
        var bookRates = rates.RowsUsed().Skip(1).ToDictionary(r => r.Cell(1).GetString(),
            r => (r.Cell(2).GetValue<int>(), r.Cell(3).GetValue<int>(), r.Cell(4).GetValue<int>(), $"{r.Cell(5).GetValue<decimal>() * 100:0.0}%"));
        Assert.Equal(ExpectedRates, bookRates);
        var details = book.Worksheet("单位明细");
        var header = details.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(["编码", "名称", "类型", "所属村社区", "结果", "1.1"], header.Take(6).ToArray());
        Assert.Equal(["7.3", "连续达标年数", "荣誉", "一票否优"], header.TakeLast(4).ToArray());
        var bookVerdicts = details.RowsUsed().Skip(1).ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(5).GetString());
        Assert.Equal(ExpectedVerdicts, bookVerdicts);
        var cun02 = details.RowsUsed().Single(r => r.Cell(1).GetString() == "CUN02");
        Assert.Equal("不达标", cun02.Cell(header.IndexOf("7.1") + 1).GetString());
        Assert.Equal(["QY02"], book.Worksheet("一票否优").RowsUsed().Skip(1).Select(r => r.Cell(1).GetString()).ToArray());
        Assert.Equal(["SG-2025-1"], book.Worksheet("倒查追责").RowsUsed().Skip(1).Select(r => r.Cell(2).GetString()).ToArray());
    }

    [Fact]
    public async Task Leadership_sees_published_runs_only_and_grid_workers_are_refused()
    {
        await BuildTownAsync();
        var office = await _factory.CreateBrowserlessClient().LoggedInAsync("chen", Password);
        var token = await office.AntiforgeryTokenAsync("/Evaluation");
        var posted = await office.PostFormAsync("/Evaluation/Run", token, [new("Year", "2025")]);
        var resultsUrl = posted.Headers.Location!.OriginalString;

        var leader = await _factory.CreateBrowserlessClient().LoggedInAsync("boss", Password);
        Assert.Empty((await leader.GetPageAsync("/Evaluation")).QuerySelectorAll("#run-list tbody tr a"));
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync(resultsUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync(resultsUrl.Replace("Results", "Report", StringComparison.Ordinal))).StatusCode);

        var results = await office.GetPageAsync(resultsUrl);
        var publish = await office.PostFormAsync(resultsUrl.Replace("Results", "Publish", StringComparison.Ordinal), PortalClient.TokenOf(results),
            [new("version", results.QuerySelector("#publish-form input[name=version]")!.GetAttribute("value")!)]);
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);

        var seen = await leader.GetPageAsync(resultsUrl);
        Assert.Equal(7, seen.QuerySelectorAll("#result-list tbody tr").Length);
        Assert.Null(seen.QuerySelector("#publish-form"));
        // Reasons carry numbers, never names: the principal's name 张三 appears nowhere in the cards.
        var cun01 = await _factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == "CUN01").Select(s => s.Id).SingleAsync());
        var card = await leader.GetAsync($"{resultsUrl.Replace("Results", "Card", StringComparison.Ordinal)}?subjectId={cun01}");
        Assert.DoesNotContain("张三", await card.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostFormAsync("/Evaluation/Run", PortalClient.TokenOf(seen), [new("Year", "2024")])).StatusCode);

        var grid = await _factory.CreateBrowserlessClient().LoggedInAsync("wang", Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync("/Evaluation")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync(resultsUrl)).StatusCode);
    }

    [Theory]
    [InlineData("2027", "", "评定年度应在 2000 至 2026 之间")]
    [InlineData("2025", "2026-01-05", "截止日期必须在评定年度内")]
    [InlineData("", "", "请填写评定年度")]
    public async Task A_bad_run_request_is_refused_with_a_chinese_message_and_stores_nothing(string year, string asOf, string message)
    {
        await BuildTownAsync();
        var office = await _factory.CreateBrowserlessClient().LoggedInAsync("chen", Password);
        var token = await office.AntiforgeryTokenAsync("/Evaluation");
        var response = await office.PostFormAsync("/Evaluation/Run", token, [new("Year", year), new("AsOf", asOf)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.EvaluationRuns.CountAsync()));
    }

    [Fact]
    public async Task The_command_line_refuses_bad_arguments_with_exit_code_2()
    {
        await BuildTownAsync();
        foreach (var args in new[] { new[] { "evaluate" }, ["evaluate", "20x5"], ["evaluate", "2025", "--as-of", "2025-02-30"], ["evaluate", "2025", "--as-of", "2024-12-31"] })
        {
            var (code, _, error) = await CliAsync(args);
            Assert.Equal(2, code);
            Assert.Matches("[\u4e00-\u9fff]", error);
        }
        Assert.Equal(0, await _factory.WithDbAsync(db => db.EvaluationRuns.CountAsync()));
    }

    [Fact]
    public async Task Early_warning_shows_this_years_failures_risks_and_attestations_to_do()
    {
        await BuildTownAsync();
        await _factory.WithDbAsync(async db =>
        {
            var cun01 = await db.Subjects.Include(s => s.Grids).SingleAsync(s => s.Code == "CUN01");
            var qy02 = await db.Subjects.SingleAsync(s => s.Code == "QY02");
            // Today is 25 Nov 2026: January to October are due; CUN01 has done January to September.
            foreach (var grid in cun01.Grids)
            {
                for (var m = 1; m <= 9; m++)
                {
                    db.Inspections.Add(new Domain.Inspections.Inspection { SubjectId = cun01.Id, GridId = grid.Id, Month = new DateOnly(2026, m, 1), InspectedOn = new DateOnly(2026, m, 20), Status = Domain.Inspections.InspectionStatus.Submitted });
                }
            }
            db.Cases.Add(new SecurityCase { Number = "AJ-2026-3", SubjectId = qy02.Id, OccurredOn = new DateOnly(2026, 3, 3), Kind = CaseKind.PublicSecurity });
            await db.SaveChangesAsync();
        });
        var office = await _factory.CreateBrowserlessClient().LoggedInAsync("chen", Password);
        // The page reads the stored as-of run (预评): the office refreshes it with the button.
        var before = await office.GetPageAsync("/Evaluation/Warning");
        Assert.NotNull(before.QuerySelector("#no-as-of-run"));
        await office.PostFormAsync("/Evaluation/RefreshAsOf", PortalClient.TokenOf(before), []);
        var page = await office.GetPageAsync("/Evaluation/Warning");

        var failing = page.QuerySelectorAll("#failing-list tbody tr").ToDictionary(tr => tr.Children[0].TextContent, tr => tr.Children[4].TextContent);
        Assert.Contains("2.4 不达标：当年发生刑事、治安案件 1 件（AJ-2026-3）", failing["QY02"], StringComparison.Ordinal);
        Assert.Contains("7.1 不达标", failing["CUN02"], StringComparison.Ordinal);
        var risks = page.QuerySelectorAll("#risk-list tbody tr").ToDictionary(tr => tr.Children[0].TextContent, tr => tr.Children[4].TextContent);
        Assert.Contains("待评定：应排查 10 个月，缺 1 个月（2026-10），尚可补报", risks["CUN01"], StringComparison.Ordinal);
        // Nobody has been attested for 2026 yet: all seven subjects wait.
        Assert.Equal("7", page.QuerySelector("#awaiting-count")!.TextContent);
        var run = Assert.Single(await _factory.WithDbAsync(db => db.EvaluationRuns.ToListAsync()));
        Assert.Equal(Domain.Evaluation.EvaluationRunKind.AsOf, run.Kind);
    }

    [Fact]
    public async Task Office_derives_next_years_rule_set_and_the_evaluation_uses_it()
    {
        await BuildTownAsync();
        var office = await _factory.CreateBrowserlessClient().LoggedInAsync("chen", Password);
        var source = await _factory.WithDbAsync(db => db.RuleSets.Select(r => r.Id).SingleAsync());
        var editor = await office.GetPageAsync($"/RuleSets/Derive/{source}");
        var form = PortalClient.FormValues(editor, "#derive-form");
        Assert.Equal("2021", form["Year"]);
        form["Year"] = "2025";
        form["Name"] = "2025年三零创建评定细则";
        form["VillageCommunityTargetPercent"] = "92";
        var index = form.Single(f => f.Value == "2.4" && f.Key.EndsWith(".Code", StringComparison.Ordinal)).Key.Split('.')[0];
        form[$"{index}.JudgingForVillageCommunity"] = "Attested";
        var response = await office.PostFormAsync($"/RuleSets/Derive/{source}", PortalClient.TokenOf(editor), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var derived = await _factory.WithDbAsync(db => db.RuleSets.Include(r => r.Items).SingleAsync(r => r.Year == 2025));
        Assert.Equal(0.92m, derived.VillageCommunityTarget);
        Assert.Equal(ItemJudging.Attested, derived.Items.Single(i => i.Code == "2.4").JudgingForVillageCommunity);
        Assert.Equal(ItemJudging.Data, derived.Items.Single(i => i.Code == "2.4").JudgingForEnterpriseUnit);
        Assert.Equal(source, derived.DerivedFromId);

        // The same year again is refused, nothing written.
        var again = await office.PostFormAsync($"/RuleSets/Derive/{source}", PortalClient.TokenOf(editor), form);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("该年度已有评定细则", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.RuleSets.CountAsync()));

        // 2025 is now judged with the derived rule set: target 92 %, and 2.4 attested for villages (CUN01 has no such attestation → pending).
        var token = await office.AntiforgeryTokenAsync("/Evaluation");
        var run = await office.PostFormAsync("/Evaluation/Run", token, [new("Year", "2025")]);
        var page = await office.GetPageAsync(run.Headers.Location!.OriginalString);
        Assert.Contains("2025年三零创建评定细则", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("92.0%", page.QuerySelectorAll("#group-rates tbody tr")[0].QuerySelectorAll("td")[5].TextContent.Trim());
        var leader = await _factory.CreateBrowserlessClient().LoggedInAsync("boss", Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/RuleSets")).StatusCode);
    }
}
