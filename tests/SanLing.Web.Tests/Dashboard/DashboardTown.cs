using Microsoft.Extensions.DependencyInjection;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;
using SanLing.Web.Setup;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Dashboard;

/// <summary>
/// A small hand-built town with stored runs whose figures are known: villages CUN01, CUN02, community SQ01, each with
/// <c>perTerritory</c> enterprises/units (QY0001…), and the demo accounts. Runs: 2023, 2024 and 2025 published
/// (2025 twice: the later one counts), plus a later unpublished 2025 run that must never show.
/// </summary>
public sealed class DashboardTown
{
    public sealed record StoredResult(int RunYear, int SubjectId, string Code, SubjectKind Kind, int? TerritoryId, SubjectVerdict Verdict, Honour Honour, bool IsVetoed);

    public List<(int Id, string Code, string Name, SubjectKind Kind, int? TerritoryId)> Subjects { get; } = [];

    public List<StoredResult> Published { get; } = [];

    public Dictionary<int, int> RunOfYear { get; } = [];

    public int UnpublishedRunId { get; private set; }

    public static string[] TerritoryCodes { get; } = ["CUN01", "CUN02", "SQ01"];

    /// <summary>The verdict rule of the fixture: deterministic, different per year and subject; more 达标 each year.</summary>
    public static SubjectVerdict VerdictOf(int index, int year)
    {
        var draw = ((index * 7) + year) % 10;
        return draw < year - 2017 ? SubjectVerdict.Compliant : draw < 9 ? SubjectVerdict.NonCompliant : SubjectVerdict.Pending;
    }

    public static async Task<DashboardTown> SeedAsync(SanLingFactory factory, int perTerritory)
    {
        var town = new DashboardTown();
        var townId = await factory.WithDbAsync(async db =>
        {
            // Every item is judged alike for both groups here (7.1 by data for enterprises too): 12 A items for them.
            var ruleSet = new RuleSet { Year = 2020, Name = "2020 细则", VillageCommunityTarget = 0.90m, EnterpriseUnitTarget = 0.95m };
            ruleSet.Items.AddRange(StandardCatalogue.Items2020.Select((i, n) =>
            {
                var item = i.ToRuleSetItem(n);
                item.JudgingForEnterpriseUnit = i.Judging;
                return item;
            }));
            // One grid per village/community, two workshops for every fourth enterprise.
            var builder = new TownBuilder().WithRuleSet(ruleSet);
            var n = 0;
            foreach (var code in TerritoryCodes)
            {
                var name = code == "SQ01" ? "青山社区" : $"{code[^1]}号村";
                builder.Subject(code, code == "SQ01" ? SubjectKind.Community : SubjectKind.Village, name).WithGrid(code + "-G01", "第一网格");
            }
            foreach (var territory in TerritoryCodes)
            {
                for (var i = 0; i < perTerritory; i++)
                {
                    n++;
                    builder.Subject($"QY{n:0000}", n % 3 == 0 ? SubjectKind.Unit : SubjectKind.Enterprise, $"测试企业{n}", territory);
                    if ((n - 1) % 4 == 0)
                    {
                        builder.WithGrid($"QY{n:0000}-C1", "一车间").WithGrid($"QY{n:0000}-C2", "二车间");
                    }
                }
            }
            var built = await builder.BuildAsync(db);
            var t = built.Town;
            var territories = built.Subjects.Where(s => s.Kind.IsTerritory()).ToList();
            var enterprises = built.Subjects.Where(s => !s.Kind.IsTerritory()).ToList();
            town.Subjects.AddRange(territories.Concat(enterprises).Select(s => (s.Id, s.Code, s.Name, s.Kind, s.TerritoryId)));

            var all = territories.Concat(enterprises).ToList();
            EvaluationRun Run(int year, DateTimeOffset at, bool published, Func<int, SubjectVerdict> verdict)
            {
                var run = new EvaluationRun { Year = year, AsOf = new DateOnly(year, 12, 31), RuleSetId = ruleSet.Id, RunAt = at, IsPublished = published, PublishedAt = published ? at : null };
                for (var i = 0; i < all.Count; i++)
                {
                    var s = all[i];
                    var v = verdict(i);
                    run.Results.Add(new EvaluationResult
                    {
                        SubjectId = s.Id, Kind = s.Kind, TerritoryId = s.TerritoryId, Verdict = v,
                        ConsecutiveCompliantYears = v == SubjectVerdict.Compliant ? 1 : 0,
                        Honour = v == SubjectVerdict.Compliant && i % 5 == 0 ? Honour.Named : v == SubjectVerdict.Compliant && i % 11 == 0 ? Honour.TownCommendation : Honour.None,
                        IsVetoed = v == SubjectVerdict.NonCompliant && i % 2 == 0,
                        Items =
                        [
                            new EvaluationItemResult { ItemCode = "1.1", Verdict = ItemVerdict.Pass, Reason = "党组织健全（测试）" },
                            new EvaluationItemResult { ItemCode = "5.1", Verdict = v == SubjectVerdict.Compliant ? ItemVerdict.Pass : ItemVerdict.Fail, Reason = v == SubjectVerdict.Compliant ? "12个月均已排查" : "3月未排查" },
                        ],
                    });
                }
                db.EvaluationRuns.Add(run);
                return run;
            }

            var runs = new List<(EvaluationRun Run, bool Counts)>
            {
                (Run(2023, new DateTimeOffset(2024, 1, 10, 8, 0, 0, TimeSpan.Zero), true, i => VerdictOf(i, 2023)), true),
                (Run(2024, new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.Zero), true, i => VerdictOf(i, 2024)), true),
                // An earlier published run of 2025 with every subject pending: superseded by the later one.
                (Run(2025, new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero), true, _ => SubjectVerdict.Pending), false),
                (Run(2025, new DateTimeOffset(2026, 1, 12, 8, 0, 0, TimeSpan.Zero), true, i => VerdictOf(i, 2025)), true),
                // A later draft that is not published: never shown.
                (Run(2025, new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.Zero), false, _ => SubjectVerdict.Compliant), false),
            };

            // 三零 of 2025 and inspections of 2025 (dashboard year).
            db.Petitions.Add(new Petition { Number = "XF-1", SubjectId = territories[0].Id, OccurredOn = new DateOnly(2025, 3, 2) });
            db.Petitions.Add(new Petition { Number = "XF-2", SubjectId = enterprises[0].Id, OccurredOn = new DateOnly(2025, 3, 20) });
            db.Petitions.Add(new Petition { Number = "XF-3", SubjectId = territories[1].Id, OccurredOn = new DateOnly(2025, 7, 1) });
            db.Petitions.Add(new Petition { Number = "XF-0", SubjectId = territories[1].Id, OccurredOn = new DateOnly(2024, 7, 1) });
            db.Accidents.Add(new Accident { Number = "SG-1", SubjectId = enterprises[^1].Id, OccurredOn = new DateOnly(2025, 7, 9) });
            db.Cases.Add(new SecurityCase { Number = "AJ-1", SubjectId = territories[2].Id, OccurredOn = new DateOnly(2025, 12, 31) });
            db.Inspections.Add(new Inspection { SubjectId = territories[0].Id, GridId = null, Month = new DateOnly(2025, 1, 1), InspectedOn = new DateOnly(2025, 1, 20), Status = InspectionStatus.Submitted });
            db.Inspections.Add(new Inspection { SubjectId = enterprises[1].Id, Month = new DateOnly(2025, 1, 1), InspectedOn = new DateOnly(2025, 1, 21), Status = InspectionStatus.Submitted });
            db.Inspections.Add(new Inspection { SubjectId = enterprises[2].Id, Month = new DateOnly(2025, 1, 1), InspectedOn = new DateOnly(2025, 1, 21), Status = InspectionStatus.Draft });
            await db.SaveChangesAsync();

            foreach (var (run, counts) in runs)
            {
                if (counts)
                {
                    town.RunOfYear[run.Year] = run.Id;
                    town.Published.AddRange(run.Results.Select(r =>
                    {
                        var s = all.Single(x => x.Id == r.SubjectId);
                        return new StoredResult(run.Year, r.SubjectId, s.Code, r.Kind, r.TerritoryId, r.Verdict, r.Honour, r.IsVetoed);
                    }));
                }
                else if (!run.IsPublished)
                {
                    town.UnpublishedRunId = run.Id;
                }
            }
            return t.Id;
        });
        using var scope = factory.Services.CreateScope();
        await new DemoAccounts().CreateAsync(scope.ServiceProvider, townId);
        return town;
    }
}
