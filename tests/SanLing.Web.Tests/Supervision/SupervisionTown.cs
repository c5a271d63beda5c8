using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Inspections;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Supervision;

/// <summary>
/// A town for 督办 and the dispute flow (clock: Wednesday 2026-11-25). 上塘村 CUN01 (grid 第二网格, worker 张三 =
/// account grid1), 下塘村 CUN02 (grid 第一网格, 李四 = grid2), enterprise QY01 in CUN01 (account liaison), and
/// <c>extra</c> more villages alike. Every village's October inspection is submitted with an overdue hazard, a risky
/// dispute and an escalated dispute; every village has a 2025 petition still open (积案).
/// </summary>
public sealed class SupervisionTown
{
    public required BuiltTown Town { get; init; }

    public int Hazard(string village) => FindingIds[(village, FindingType.Hazard, false)];

    public int RiskyDispute(string village) => FindingIds[(village, FindingType.Dispute, false)];

    public int EscalatedDispute(string village) => FindingIds[(village, FindingType.Dispute, true)];

    public Dictionary<(string Village, FindingType Type, bool Escalated), int> FindingIds { get; } = [];

    public static async Task<SupervisionTown> SeedAsync(SanLingFactory factory, int extra = 0)
    {
        var builder = new TownBuilder().WithRuleSet().WithResponsiblePersons("赵一", "钱二")
            .Village("CUN01", "上塘村").WithGrid("CUN01-G2", "第二网格", "张三", "13800000001", account: "grid1")
            .Village("CUN02", "下塘村").WithGrid("CUN02-G1", "第一网格", "李四", "13800000002", account: "grid2")
            .Enterprise("QY01", "青山厂", territory: "CUN01").With(s => s.ContactPerson = "周五");
        for (var i = 1; i <= extra; i++)
        {
            builder.Village($"V{i:000}", $"村{i:000}").WithGrid($"V{i:000}-G1", "第一网格", $"网格员{i}").Enterprise($"E{i:000}", $"企业{i:000}");
        }
        builder.User("office", Roles.Office).User("admin", Roles.Admin).User("leader", Roles.Leadership)
            .User("grid1", Roles.GridWorker, "CUN01").User("grid2", Roles.GridWorker, "CUN02").User("liaison", Roles.Liaison, "QY01");
        // Through the app's services rather than BuildAsync(factory): the browser tests serve this town over Kestrel.
        BuiltTown built;
        using (var scope = factory.Services.CreateScope())
        {
            built = await builder.BuildAsync(scope.ServiceProvider.GetRequiredService<SanLing.Infrastructure.Data.SanLingDbContext>(), scope.ServiceProvider);
        }
        var town = new SupervisionTown { Town = built };
        await factory.WithDbAsync(async db =>
        {
            var villages = await db.Subjects.Where(s => s.Grids.Any()).Select(s => new { s.Id, s.Code, Grid = s.Grids.First().Id }).ToListAsync();
            var inspections = new List<(string Code, Inspection Inspection)>();
            foreach (var v in villages)
            {
                var october = new Inspection
                {
                    SubjectId = v.Id, GridId = v.Grid, Month = new DateOnly(2026, 10, 1), InspectedOn = new DateOnly(2026, 10, 20),
                    Status = InspectionStatus.Submitted, SubmittedAt = new DateTimeOffset(2026, 10, 21, 10, 0, 0, TimeSpan.FromHours(8)),
                };
                october.Findings.Add(new Finding { Type = FindingType.Hazard, HazardCategory = HazardCategory.Fire, RiskLevel = RiskLevel.Larger, Description = $"{v.Code} 消防通道堵塞", RectifyBy = new DateOnly(2026, 11, 10), Status = FindingStatus.Rectifying });
                october.Findings.Add(new Finding { Type = FindingType.Dispute, DisputeCategory = DisputeCategory.Land, Description = $"{v.Code} 宅基地纠纷", Parties = "甲、乙", RiskOfCriminalEscalation = true, Status = FindingStatus.Mediating });
                october.Findings.Add(new Finding { Type = FindingType.Dispute, DisputeCategory = DisputeCategory.Wages, Description = $"{v.Code} 欠薪纠纷上报", Parties = "工人、包工头", Status = FindingStatus.Escalated });
                db.Inspections.Add(october);
                inspections.Add((v.Code, october));
                db.Petitions.Add(new Petition { Number = $"XF-{v.Code}", SubjectId = v.Id, OccurredOn = new DateOnly(2025, 6, 1), Kind = PetitionKind.Individual, Matter = "征地补偿", LeaderInCharge = "孙副镇长" });
            }
            await db.SaveChangesAsync();
            foreach (var (code, inspection) in inspections)
            {
                foreach (var f in inspection.Findings)
                {
                    town.FindingIds[(code, f.Type, f.Status == FindingStatus.Escalated)] = f.Id;
                }
            }
        });
        return town;
    }
}
