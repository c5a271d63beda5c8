using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Evaluation;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Evaluation;

/// <summary>
/// 假设分析 on a subject's current-year card: the verdicts it shows equal a real evaluation of the changed data, it
/// writes nothing, and only the office, the administrator and the subject's own liaison reach it. Today is 25 Nov 2026.
/// </summary>
public sealed class WhatIfTests
{
    private const int Year = 2026;

    /// <summary>
    /// QY01 (two workshops): January–September inspected by both, October by one only, November and December not yet;
    /// two hazards still being rectified (March, May) and a dispute in mediation (June). QY02 is another liaison's unit.
    /// </summary>
    private static async Task<(SanLingFactory Factory, int Subject, int HazardKept, int HazardClosed, int Dispute, int OtherSubject)> TownAsync()
    {
        var factory = new SanLingFactory(demo: false);
        var town = await new TownBuilder().WithRuleSet().WithResponsiblePersons()
            .Village("CUN01", "一号村").WithGrids(1)
            .Enterprise("QY01", "一号企业", "CUN01").WithGrid("QY01-C1", "一车间", "王五").WithGrid("QY01-C2", "二车间", "赵六")
            .Enterprise("QY02", "二号企业", "CUN01")
            .User("office", Roles.Office).User("leader", Roles.Leadership)
            .User("liaison1", Roles.Liaison, "QY01").User("liaison2", Roles.Liaison, "QY02")
            .BuildAsync(factory);
        var ids = await factory.WithDbAsync(async db =>
        {
            var subject = await db.Subjects.Include(s => s.Grids).SingleAsync(s => s.Code == "QY01");
            var c1 = subject.Grids.Single(g => g.Code == "QY01-C1");
            var c2 = subject.Grids.Single(g => g.Code == "QY01-C2");
            Inspection Inspect(Grid grid, int month, params Finding[] findings)
            {
                var inspection = new Inspection
                {
                    SubjectId = subject.Id, GridId = grid.Id, Month = MonthPeriod.Of(Year, month), InspectedOn = MonthPeriod.Of(Year, month).AddDays(10),
                    Status = InspectionStatus.Submitted, NothingFound = findings.Length == 0, Findings = [.. findings],
                };
                db.Inspections.Add(inspection);
                return inspection;
            }
            var kept = new Finding { Type = FindingType.Hazard, HazardCategory = HazardCategory.Fire, RiskLevel = RiskLevel.Larger, Description = "消防通道堵塞", RectifyBy = new DateOnly(Year, 4, 30), Status = FindingStatus.Rectifying };
            var closed = new Finding { Type = FindingType.Hazard, HazardCategory = HazardCategory.Fire, RiskLevel = RiskLevel.Larger, Description = "灭火器过期", RectifyBy = new DateOnly(Year, 6, 30), Status = FindingStatus.Rectifying };
            var dispute = new Finding { Type = FindingType.Dispute, DisputeCategory = DisputeCategory.Neighbour, Description = "工资纠纷", Status = FindingStatus.Mediating };
            for (var m = 1; m <= 9; m++)
            {
                Inspect(c1, m, m == 3 ? [kept] : m == 5 ? [closed] : m == 6 ? [dispute] : []);
                Inspect(c2, m);
            }
            Inspect(c1, 10);
            await db.SaveChangesAsync();
            return (subject.Id, kept.Id, closed.Id, dispute.Id, await db.Subjects.Where(s => s.Code == "QY02").Select(s => s.Id).SingleAsync());
        });
        await factory.WithDbAsync(db => new AsOfRefresher(db, factory.Clock).RefreshAsync());
        return (factory, ids.Item1, ids.Item2, ids.Item3, ids.Item4, ids.Item5);
    }

    private static Task<HttpClient> SignInAsync(SanLingFactory factory, string user) =>
        factory.CreateBrowserlessClient().LoggedInAsync(user, TownBuilder.Password);

    private static Task<int[]> RowCountsAsync(SanLingFactory factory) => factory.WithDbAsync(async db => new[]
    {
        await db.EvaluationRuns.CountAsync(), await db.EvaluationResults.CountAsync(), await db.EvaluationItemResults.CountAsync(),
        await db.AuditEntries.CountAsync(), await db.Findings.CountAsync(), await db.Inspections.CountAsync(),
    });

    private static Dictionary<string, string> YearEndVerdicts(IHtmlDocument page) =>
        page.QuerySelectorAll("#what-if-items tbody tr").ToDictionary(r => r.GetAttribute("data-item")!, r => r.GetAttribute("data-year-end")!);

    [Fact]
    public async Task The_what_if_verdicts_equal_a_real_evaluation_of_the_same_changed_data_and_nothing_is_written()
    {
        var (factory, subject, kept, closed, dispute, _) = await TownAsync();
        using var _f = factory;
        var office = await SignInAsync(factory, "office");
        var before = await RowCountsAsync(factory);

        // From the as-of card: the link, then the toggles.
        var run = await factory.WithDbAsync(db => db.EvaluationRuns.Where(r => r.Kind == EvaluationRunKind.AsOf).Select(r => r.Id).SingleAsync());
        var card = await office.GetPageAsync($"/Evaluation/Card/{run}?subjectId={subject}");
        var link = card.QuerySelector("#what-if-link")!.GetAttribute("href")!;
        var form = await office.GetPageAsync(link);
        var keys = form.QuerySelectorAll("#what-if-form input[name=open]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal([$"h{kept}", $"h{closed}", $"d{dispute}", "m2026-10", "m2026-11", "m2026-12"], keys);
        Assert.Equal("待评定", form.QuerySelector("#what-if-now")!.TextContent.Trim());

        // The hazard of March is not rectified by 31 Dec, November is never inspected; the rest is done.
        var whatIf = await office.GetPageAsync($"/WhatIf?subjectId={subject}&open=h{kept}&open=m2026-11");
        Assert.Equal(["h" + kept, "m2026-11"], whatIf.QuerySelectorAll("#what-if-form input[name=open]:checked").Select(i => i.GetAttribute("value")));
        var predicted = YearEndVerdicts(whatIf);
        var predictedVerdict = whatIf.QuerySelector("#what-if-year-end")!.TextContent.Trim();
        Assert.Equal("不达标", predictedVerdict);
        Assert.Equal(nameof(ItemVerdict.Fail), predicted["5.3"]);
        Assert.Contains("2026-03 QY01-C1", whatIf.QuerySelector("#what-if-items tr[data-item='5.3']")!.TextContent, StringComparison.Ordinal);

        // Nothing ticked: everything open is taken as done, and the year would end without a failure.
        var allDone = await office.GetPageAsync($"/WhatIf?subjectId={subject}");
        Assert.DoesNotContain(nameof(ItemVerdict.Fail), YearEndVerdicts(allDone).Values);

        Assert.Equal(before, await RowCountsAsync(factory));

        // Now the same for real: the other hazard and the dispute closed in December, October and December inspected,
        // the March hazard's deadline moved past 31 Dec; then a real evaluation of the whole year.
        await factory.WithDbAsync(async db =>
        {
            var findings = await db.Findings.Where(f => f.Id == closed || f.Id == dispute || f.Id == kept).ToListAsync();
            findings.Single(f => f.Id == closed).Status = FindingStatus.Rectified;
            findings.Single(f => f.Id == closed).ClosedOn = new DateOnly(Year, 12, 20);
            findings.Single(f => f.Id == dispute).Status = FindingStatus.Resolved;
            findings.Single(f => f.Id == dispute).ClosedOn = new DateOnly(Year, 12, 20);
            findings.Single(f => f.Id == kept).RectifyBy = new DateOnly(Year + 1, 1, 15);
            var grids = await db.Grids.Where(g => g.SubjectId == subject).ToListAsync();
            foreach (var (grid, month) in new[] { (grids.Single(g => g.Code == "QY01-C2"), 10), (grids[0], 12), (grids[1], 12) })
            {
                db.Inspections.Add(new Inspection
                {
                    SubjectId = subject, GridId = grid.Id, Month = MonthPeriod.Of(Year, month), InspectedOn = new DateOnly(Year, 12, 21),
                    Status = InspectionStatus.Submitted, NothingFound = true,
                });
            }
            await db.SaveChangesAsync();
        });
        var real = await factory.WithDbAsync(async db =>
        {
            var outcome = await new EvaluationRunner(db, factory.Clock).RunAsync(Year, null);
            return await db.EvaluationResults.AsNoTracking().Where(r => r.RunId == outcome.Run.Id && r.SubjectId == subject)
                .Select(r => new { r.Verdict, Items = r.Items.Select(i => new { i.ItemCode, i.Verdict }).ToList() }).SingleAsync();
        });
        Assert.Equal(predicted, real.Items.Where(i => i.Verdict != ItemVerdict.NotApplicable || predicted.ContainsKey(i.ItemCode))
            .ToDictionary(i => i.ItemCode, i => i.Verdict.ToString()));
        Assert.Equal(SubjectVerdict.NonCompliant, real.Verdict);
    }

    [Fact]
    public async Task Only_the_office_and_the_subjects_own_liaison_reach_it_leadership_not()
    {
        var (factory, subject, _, _, _, other) = await TownAsync();
        using var _f = factory;
        var liaison = await SignInAsync(factory, "liaison1");

        var standing = await liaison.GetPageAsync("/Standing");
        var page = await liaison.GetPageAsync(standing.QuerySelector("#what-if-link")!.GetAttribute("href")!);
        Assert.Equal(6, page.QuerySelectorAll("#what-if-form input[name=open]").Length);
        // Another unit's what-if is not there for this liaison, nor for the other unit's liaison this one's.
        Assert.Equal(HttpStatusCode.NotFound, (await liaison.GetAsync($"/WhatIf?subjectId={other}")).StatusCode);
        var liaison2 = await SignInAsync(factory, "liaison2");
        Assert.Equal(HttpStatusCode.NotFound, (await liaison2.GetAsync($"/WhatIf?subjectId={subject}&open=m2026-11")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await liaison2.GetAsync($"/WhatIf?subjectId={other}")).StatusCode);

        var leader = await SignInAsync(factory, "leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/WhatIf?subjectId={subject}")).StatusCode);
        var office = await SignInAsync(factory, "office");
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/WhatIf?subjectId=999999")).StatusCode);
        // Bad toggles are ignored, not a 500.
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync($"/WhatIf?subjectId={subject}&open=%00&open=h-1&open=" + new string('x', 3000))).StatusCode);
    }

    [Fact]
    public async Task Gathering_one_subject_runs_the_same_fixed_number_of_queries()
    {
        var (factory, subject, _, _, _, _) = await TownAsync();
        using var _f = factory;
        using var counter = new QueryCounter(factory.DatabasePath);
        var (facts, all, queries) = await factory.WithDbAsync(async db =>
        {
            var period = new EvaluationPeriod(Year, new DateOnly(Year, 11, 25));
            SubjectFacts? one = null;
            var count = await counter.CountAsync(async () => one = await new FactsGatherer(db).GatherOneAsync(period, subject));
            var every = await new FactsGatherer(db).GatherAsync(period);
            return (one, every, count);
        });
        Assert.Equal(FactsGatherer.QueryCount, queries);
        Assert.Equal(all.Single(f => f.SubjectId == subject).Hazards, facts!.Hazards);
        Assert.Equal(all.Single(f => f.SubjectId == subject).CompleteMonths.Order(), facts.CompleteMonths.Order());
    }
}
