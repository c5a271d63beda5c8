using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Evaluation;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Appeals;

/// <summary>
/// A town whose 2025 run is published on 2026-11-25 (the factory's clock), so appeals are open through 12-01.
/// Enterprise QY01 (account liaison) failed an attested item; QY02 (liaison2) and village CUN01 (grid1) are alike otherwise.
/// </summary>
public static class AppealTown
{
    public static async Task<(BuiltTown Town, string FailedItem, int RunId)> BuildAsync(SanLingFactory factory)
    {
        var built = await new TownBuilder().WithRuleSet().WithResponsiblePersons()
            .Village("CUN01", "上塘村").WithGrid("CUN01-G1", "第一网格", "张三", "13800000001", account: "grid1")
            .Enterprise("QY01", "青山厂", territory: "CUN01")
            .Enterprise("QY02", "绿水厂", territory: "CUN01")
            .User("office", Roles.Office).User("leader", Roles.Leadership).User("admin", Roles.Admin)
            .User("grid1", Roles.GridWorker, "CUN01").User("liaison", Roles.Liaison, "QY01").User("liaison2", Roles.Liaison, "QY02")
            .BuildAsync(factory);
        var item = DefaultRuleSet.Create2020().AttestedItemsFor(SubjectKind.Enterprise)[0].Code;
        var runId = await factory.WithDbAsync(async db =>
        {
            var subjects = await db.Subjects.Include(s => s.Grids).ToListAsync();
            var town = new BuiltTown(db, built.Town, subjects);
            foreach (var s in subjects)
            {
                town.InspectAllMonths(s, 2025);
                town.AttestAll(s, 2025, s.Code == "QY01" ? new[] { item } : Array.Empty<string>());
            }
            db.Attestations.Add(new Attestation { SubjectId = built.Id("QY01"), Year = 2025, ItemCode = item, Result = AttestationResult.Fail, Note = "未见制度" });
            await town.SaveAsync();
            var outcome = await new EvaluationRunner(db, factory.Clock).RunAsync(2025, null);
            var run = await db.EvaluationRuns.SingleAsync(r => r.Id == outcome.Run.Id);
            run.IsPublished = true;
            run.PublishedAt = factory.Clock.GetUtcNow();
            run.PublishedBy = "office";
            await db.SaveChangesAsync();
            return run.Id;
        });
        return (built, item, runId);
    }
}
