using Microsoft.EntityFrameworkCore;
using SanLing.Infrastructure.Data;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests;

/// <summary>The audit trail is hash-chained: any edit or removal of a line is detected.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private readonly SanLingFactory _factory = new(demo: false);

    private async Task SeedAuditedChangesAsync() => await _factory.WithDbAsync(async db =>
    {
        var town = new Domain.Common.Town { Code = "T1", Name = "测试镇" };
        db.Towns.Add(town);
        await db.SaveChangesAsync();
        db.Actor.ActAsSystem(town.Id, "test");
        for (var i = 1; i <= 3; i++)
        {
            db.Subjects.Add(new Domain.Subjects.Subject { Code = $"CUN{i:00}", Name = $"{i}村", Kind = Domain.Subjects.SubjectKind.Village });
            await db.SaveChangesAsync();
        }
    });

    [Fact]
    public async Task An_untouched_trail_verifies()
    {
        await SeedAuditedChangesAsync();
        Assert.Null(await _factory.WithDbAsync(db => AuditChain.FirstBrokenLineAsync(db)));
        Assert.Equal(3, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Subject")));
    }

    [Fact]
    public async Task An_edited_line_is_detected()
    {
        await SeedAuditedChangesAsync();
        var second = await _factory.WithDbAsync(async db =>
        {
            var line = await db.AuditEntries.OrderBy(a => a.Id).Skip(1).FirstAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE AuditEntries SET UserName = 'someone-else' WHERE Id = {line.Id}");
            return line.Id;
        });
        Assert.Equal(second, await _factory.WithDbAsync(db => AuditChain.FirstBrokenLineAsync(db)));
    }

    [Fact]
    public async Task A_removed_line_is_detected()
    {
        await SeedAuditedChangesAsync();
        var ids = await _factory.WithDbAsync(async db =>
        {
            var all = await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM AuditEntries WHERE Id = {all[1]}");
            return all;
        });
        Assert.Equal(ids[2], await _factory.WithDbAsync(db => AuditChain.FirstBrokenLineAsync(db)));
    }

    public void Dispose() => _factory.Dispose();
}
