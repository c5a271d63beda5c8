using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Evaluation;
using SanLing.Web.Tests.Dashboard;
using SanLing.Web.Tests.Imports;
using SanLing.Web.Tests.Support;
using static SanLing.Web.Tests.Imports.Xlsx;

namespace SanLing.Web.Tests.Evaluation;

/// <summary>
/// The current year's as-of run (预评) is stored like any run, refreshed by the nightly job, the office's button and
/// imports, never published, and read — not recomputed — by leadership, the early warning and the liaison.
/// Today is 25 Nov 2026 (the factory's clock).
/// </summary>
public sealed class AsOfRunTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static async Task<(SanLingFactory Factory, DashboardTown Town)> TownAsync()
    {
        var factory = new SanLingFactory(demo: false);
        var town = await DashboardTown.SeedAsync(factory, perTerritory: 2);
        // Something to fail this year: a case on the first enterprise (2.4), the liaison's own unit.
        await factory.WithDbAsync(async db =>
        {
            var qy = await db.Subjects.SingleAsync(s => s.Code == "QY0001");
            db.Cases.Add(new SecurityCase { Number = "AJ-ASOF-1", SubjectId = qy.Id, OccurredOn = new DateOnly(2026, 3, 3), Kind = CaseKind.PublicSecurity });
            await db.SaveChangesAsync();
            return 0;
        });
        return (factory, town);
    }

    private static Task<RunOutcome?> RefreshAsync(SanLingFactory factory) =>
        factory.WithDbAsync(db => new AsOfRefresher(db, factory.Clock).RefreshAsync());

    private static Task<List<EvaluationRun>> AsOfRunsAsync(SanLingFactory factory) =>
        factory.WithDbAsync(db => db.EvaluationRuns.AsNoTracking().Where(r => r.Kind == EvaluationRunKind.AsOf).ToListAsync());

    [Fact]
    public async Task The_stored_as_of_run_equals_an_evaluation_on_the_fly_of_the_same_date_and_only_the_latest_is_kept()
    {
        var (factory, _) = await TownAsync();
        using var _f = factory;
        await RefreshAsync(factory);
        var second = (await RefreshAsync(factory))!.Run;

        var runs = await AsOfRunsAsync(factory);
        Assert.Equal([second.Id], runs.Select(r => r.Id));
        Assert.Equal(Today, runs[0].AsOf);
        Assert.False(runs[0].IsPublished);

        var (stored, judged) = await factory.WithDbAsync(async db =>
        {
            var stored = await db.EvaluationResults.AsNoTracking().Where(r => r.RunId == second.Id)
                .Select(r => new { r.SubjectId, r.Verdict, r.IsVetoed, Items = r.Items.Select(i => new { i.ItemCode, i.Verdict, i.Reason }).ToList() })
                .ToListAsync();
            var runner = new EvaluationRunner(db, factory.Clock);
            var (_, evaluations) = await runner.JudgeAsync(await runner.PeriodAsync(2026, Today));
            return (stored, evaluations);
        });
        Assert.Equal(judged.Count, stored.Count);
        Assert.Contains(judged, e => e.Verdict == SubjectVerdict.NonCompliant);
        foreach (var e in judged)
        {
            var s = stored.Single(r => r.SubjectId == e.Facts.SubjectId);
            Assert.Equal(e.Verdict, s.Verdict);
            Assert.Equal(e.IsVetoed, s.IsVetoed);
            Assert.Equal(e.Items.Select(i => (i.Code, i.Verdict, i.Reason)).Order(), s.Items.Select(i => (i.ItemCode, i.Verdict, i.Reason)).Order());
        }
    }

    [Fact]
    public async Task The_nightly_job_refreshes_at_one_oclock_town_time()
    {
        var (factory, _) = await TownAsync();
        using var _f = factory;
        // 00:30 on 1 Dec in the town (UTC+8) is 16:30 UTC on 30 Nov.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(factory.Clock.LocalTimeZone);
        using var job = new AsOfRefreshJob(factory.Services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<AsOfRefreshJob>.Instance, catchUp: false);
        await job.StartAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.Empty(await AsOfRunsAsync(factory));

        // A minute at a time until the job has woken up (it waits on the fake clock from its own thread).
        for (var i = 0; i < 600 && job.Refreshes == 0; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(50);
        }
        await job.StopAsync(CancellationToken.None);

        Assert.Equal(1, job.Refreshes);
        var run = Assert.Single(await AsOfRunsAsync(factory));
        Assert.Equal(new DateOnly(2026, 12, 1), run.AsOf);
        Assert.True(clock.GetLocalNow().Hour >= AsOfRefreshJob.RefreshHour);
        Assert.Equal(TimeSpan.FromHours(24), AsOfRefreshJob.DelayUntilNext(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.FromHours(8))));
    }

    [Fact]
    public async Task A_successful_import_refreshes_the_as_of_run()
    {
        using var factory = new SanLingFactory(demo: false);
        await SmallTownFixture.CreateTownAsync(factory);
        Assert.Empty(await AsOfRunsAsync(factory));

        ImportAssert.Succeeded(await SmallTownFixture.ImportAsync(factory, "subjects", Book(Sheet("单位", TemplateImportTests.SubjectHeaders,
            ["CUN01", "导入村", "村", null, "李四", "王五", null, null, null, null],
            ["QY01", "导入企业", "企业", "CUN01", "李四", "王五", "13800000000", "一路1号", null, null]))));

        var run = Assert.Single(await AsOfRunsAsync(factory));
        Assert.Equal(Today, run.AsOf);
        var codes = await factory.WithDbAsync(db => db.EvaluationResults.Where(r => r.RunId == run.Id).Select(r => r.Subject!.Code).ToListAsync());
        Assert.Contains("QY01", codes);
    }

    [Fact]
    public async Task An_as_of_run_can_never_be_published()
    {
        Assert.Throws<InvalidOperationException>(() => new EvaluationRun { Year = 2026, AsOf = Today, Kind = EvaluationRunKind.AsOf }.Publish(DateTimeOffset.UtcNow, "x"));
        Assert.Equal(EvaluationRunKind.AsOf, EvaluationRun.KindFor(2026, Today));

        var (factory, _) = await TownAsync();
        using var _f = factory;
        var office = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).LoggedInAsync("office");
        // The office's button stores it.
        var warning = await office.GetPageAsync("/Evaluation/Warning");
        var refreshed = await office.PostFormAsync("/Evaluation/RefreshAsOf", PortalClient.TokenOf(warning), []);
        Assert.Equal(HttpStatusCode.Redirect, refreshed.StatusCode);
        var run = Assert.Single(await AsOfRunsAsync(factory));

        var results = await office.GetPageAsync($"/Evaluation/Results/{run.Id}");
        Assert.Null(results.QuerySelector("#publish-form"));
        Assert.Contains("预评 · 截至 11月25日", results.QuerySelector(".as-of-badge")!.TextContent, StringComparison.Ordinal);
        Assert.All(results.QuerySelectorAll("#group-rates tbody tr td:nth-child(6)"), td => Assert.Equal("—", td.TextContent.Trim()));

        var answer = await office.PostFormAsync($"/Evaluation/Publish/{run.Id}", PortalClient.TokenOf(results), [new("version", run.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.False((Assert.Single(await AsOfRunsAsync(factory))).IsPublished);
    }

    [Fact]
    public async Task Leadership_sees_the_current_year_by_default_with_its_badge_and_drills_down()
    {
        var (factory, _) = await TownAsync();
        using var _f = factory;
        var run = (await RefreshAsync(factory))!.Run;
        var leader = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).LoggedInAsync("leader");

        var dashboard = await leader.GetPageAsync("/Dashboard");

        var selected = dashboard.QuerySelector("#dashboard-filter select[name=year] option[selected]")!;
        Assert.Equal("2026", selected.GetAttribute("value"));
        Assert.Contains("预评", selected.TextContent, StringComparison.Ordinal);
        Assert.Equal(["2026", "2025", "2024", "2023"], dashboard.QuerySelectorAll("#dashboard-filter select[name=year] option").Select(o => o.GetAttribute("value")!));
        Assert.Equal("预评 · 截至 11月25日", dashboard.QuerySelector("#provisional-note .as-of-badge")!.TextContent.Trim());
        // No rate, no gauge, no fall in the trend: the trend holds published years only.
        Assert.Empty(dashboard.QuerySelectorAll("#group-rates .chart-gauge"));
        Assert.DoesNotContain(dashboard.QuerySelectorAll("#trend-table tbody tr"), tr => tr.GetAttribute("data-year") == "2026");
        // Pending apart from failing, each a link into the run.
        var counts = await factory.WithDbAsync(db => db.EvaluationResults.Where(r => r.RunId == run.Id)
            .GroupBy(r => r.Verdict).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        int Shown(string cls) => dashboard.QuerySelectorAll($"#group-rates td.{cls} a").Sum(a => int.Parse(a.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(counts.GetValueOrDefault(SubjectVerdict.Pending), Shown("pending"));
        Assert.Equal(counts.GetValueOrDefault(SubjectVerdict.NonCompliant), Shown("noncompliant"));
        Assert.True(Shown("noncompliant") > 0);

        var link = dashboard.QuerySelector("#group-rates td.noncompliant a")!.GetAttribute("href")!;
        Assert.StartsWith($"/Dashboard/Results/{run.Id}", link, StringComparison.Ordinal);
        var list = await leader.GetPageAsync(link);
        Assert.NotNull(list.QuerySelector(".as-of-badge"));
        var subject = list.QuerySelector("table a[href^='/Dashboard/Subject/']")!.GetAttribute("href")!;
        var card = await leader.GetPageAsync(subject);
        Assert.NotNull(card.QuerySelector(".as-of-badge"));
        // The evaluation pages, too; but an older as-of run would not be leadership's to read.
        Assert.NotNull((await leader.GetPageAsync($"/Evaluation/Results/{run.Id}")).QuerySelector(".as-of-badge"));
    }

    [Fact]
    public async Task The_liaisons_standing_and_the_early_warning_read_the_stored_run()
    {
        var (factory, _) = await TownAsync();
        using var _f = factory;
        var run = (await RefreshAsync(factory))!.Run;
        // Data changed after the refresh does not show until the next one: nothing is judged per visit.
        await factory.WithDbAsync(async db =>
        {
            var qy = await db.Subjects.SingleAsync(s => s.Code == "QY0001");
            db.Accidents.Add(new Accident { Number = "SG-ASOF-1", SubjectId = qy.Id, OccurredOn = new DateOnly(2026, 4, 2), Category = AccidentCategory.Fire, Injuries = 1 });
            await db.SaveChangesAsync();
            return 0;
        });
        var stored = await factory.WithDbAsync(db => db.EvaluationItemResults.AsNoTracking()
            .Where(i => db.EvaluationResults.Any(r => r.Id == i.ResultId && r.RunId == run.Id && r.Subject!.Code == "QY0001") && i.Verdict != ItemVerdict.NotApplicable)
            .Select(i => new { i.ItemCode, i.Verdict }).ToListAsync());
        var liaison = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).LoggedInAsync("liaison");
        var office = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).LoggedInAsync("office");

        var standing = await liaison.GetPageAsync("/Standing");
        var shown = standing.QuerySelectorAll("#standing-items li").Select(li => (li.GetAttribute("data-code")!, li.GetAttribute("data-verdict")!)).Order().ToList();
        Assert.Equal(stored.Select(i => (i.ItemCode, i.Verdict.ToString())).Order().ToList(), shown);
        Assert.Contains(shown, s => s == ("2.4", "Fail"));
        Assert.DoesNotContain(shown, s => s == ("5.3", "Fail"));
        Assert.Equal("不达标", standing.QuerySelector("#standing-verdict .verdict-NonCompliant")!.TextContent.Trim());

        // One early-warning page: the office dashboard's count and both old addresses lead to it.
        var warning = await office.GetPageAsync("/Evaluation/Warning");
        var failing = warning.QuerySelectorAll("#failing-list tbody tr").Single(tr => tr.Children[0].TextContent.Trim() == "QY0001");
        Assert.Contains("2.4 不达标", failing.Children[4].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("5.3", failing.Children[4].TextContent, StringComparison.Ordinal);
        var total = int.Parse(warning.QuerySelector("#failing-count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(warning.QuerySelector("#risk-count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        var officeBoard = await office.GetPageAsync("/Dashboard/Office");
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), officeBoard.QuerySelector("#warnings .figure")!.TextContent.Trim());
        Assert.Equal("/Evaluation/Warning", officeBoard.QuerySelector("#warnings")!.GetAttribute("href"));
        var old = await office.GetAsync("/Dashboard/Warnings");
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.Equal("/Evaluation/Warning", old.Headers.Location!.OriginalString);
    }
}
