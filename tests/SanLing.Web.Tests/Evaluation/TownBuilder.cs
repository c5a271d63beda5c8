using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Data;

namespace SanLing.Web.Tests.Evaluation;

/// <summary>Builds a small hand-made town straight into the database: subjects whose facts a test spells out.</summary>
internal sealed class TownBuilder(SanLingDbContext db)
{
    public Town Town { get; private set; } = null!;

    public async Task<TownBuilder> CreateAsync(string code = "T1")
    {
        Town = new Town { Code = code, Name = "测试镇" };
        db.Towns.Add(Town);
        await db.SaveChangesAsync();
        db.Actor.ActAsSystem(Town.Id, "test");
        db.RuleSets.Add(DefaultRuleSet.Create2020());
        await db.SaveChangesAsync();
        return this;
    }

    public Subject Subject(string code, SubjectKind kind, Subject? territory = null, int grids = 0)
    {
        var subject = new Subject
        {
            Code = code,
            Name = $"{code}名称",
            Kind = kind,
            Territory = territory,
            PrincipalName = "张三",
            LeaderInChargeName = "李四",
        };
        for (var g = 1; g <= grids; g++)
        {
            subject.Grids.Add(new Grid { Code = $"{code}-G{g}", Name = $"第{g}网格", WorkerName = "王五" });
        }
        db.Subjects.Add(subject);
        return subject;
    }

    /// <summary>Submitted inspections of every grid (or the subject itself) for every month of the year.</summary>
    public void InspectAllMonths(Subject subject, int year)
    {
        var units = subject.Grids.Count > 0 ? subject.Grids.Select(g => (Grid?)g).ToList() : [null];
        for (var m = 1; m <= 12; m++)
        {
            foreach (var grid in units)
            {
                db.Inspections.Add(new Inspection
                {
                    Subject = subject,
                    Grid = grid,
                    Month = MonthPeriod.Of(year, m),
                    InspectedOn = MonthPeriod.Of(year, m).AddDays(20),
                    Status = InspectionStatus.Submitted,
                    NothingFound = true,
                });
            }
        }
    }

    /// <summary>达标 attestations of every attested item of the subject's kind, except those listed.</summary>
    public void AttestAll(Subject subject, int year, params string[] except)
    {
        foreach (var item in DefaultRuleSet.Create2020().Items)
        {
            if (!item.AppliesToKind(subject.Kind) || item.JudgingFor(subject.Kind) == ItemJudging.Data || except.Contains(item.Code))
            {
                continue;
            }
            db.Attestations.Add(new Attestation { Subject = subject, Year = year, ItemCode = item.Code, Result = AttestationResult.Pass });
        }
    }

    public Task SaveAsync() => db.SaveChangesAsync();
}
