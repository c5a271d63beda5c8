using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Inspections;

/// <summary>The office pages run a fixed number of SQL commands, however many subjects the town has.</summary>
public sealed class InspectionQueryCountTests(InspectionTownFixture town) : IClassFixture<InspectionTownFixture>
{
    private async Task AddEnterprisesAsync(int count, string prefix) => await town.Factory.WithDbAsync(async db =>
    {
        for (var i = 0; i < count; i++)
        {
            var subject = new Subject { Code = $"{prefix}{i:000}", Name = $"新企业{prefix}{i}", Kind = SubjectKind.Enterprise, TerritoryId = town.Subjects["V2"] };
            if (i % 2 == 0)
            {
                subject.Grids.Add(new Grid { Code = $"{prefix}{i:000}-C1", Name = "车间", WorkerName = "某人", WorkerPhone = "13900000000" });
            }
            db.Subjects.Add(subject);
        }
        await db.SaveChangesAsync();
        var ids = db.Subjects.Where(s => s.Code.StartsWith(prefix)).Select(s => new { s.Id, Grid = s.Grids.Select(g => (int?)g.Id).FirstOrDefault() }).ToList();
        foreach (var s in ids)
        {
            db.Inspections.Add(new Inspection { SubjectId = s.Id, GridId = s.Grid, Month = new DateOnly(2026, 3, 1), InspectedOn = new DateOnly(2026, 3, 20), Status = InspectionStatus.Submitted, NothingFound = true });
        }
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_matrix_and_the_missing_list_do_not_query_per_subject()
    {
        var client = await town.ClientAsync("o1");
        using var counter = new QueryCounter(town.Factory.DatabasePath);
        string[] urls = ["/InspectionReview?year=2026", "/InspectionReview/Missing?month=2026-10", "/InspectionReview/WorkList", "/InspectionReview/MissingExport?month=2026-10"];
        foreach (var url in urls)
        {
            await client.GetAsync(url); // warm up (first-request work, security stamp check)
        }
        var before = new List<int>();
        foreach (var url in urls)
        {
            before.Add(await counter.CountAsync(() => client.GetAsync(url)));
        }

        await AddEnterprisesAsync(40, "QC");

        var after = new List<int>();
        foreach (var url in urls)
        {
            after.Add(await counter.CountAsync(() => client.GetAsync(url)));
        }
        Assert.Equal(before, after);
        Assert.All(after, n => Assert.InRange(n, 1, 12));
    }
}
