using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.KeyPopulations;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Security;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// The audit chain is anchored outside the database: a MAC under the audit key on every line and a head checkpoint
/// beside it. Whoever can only rewrite the database can neither cut lines from the end nor re-hash the chain unseen.
/// </summary>
public sealed class AuditAnchorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sanling-tests", $"anchor-{Guid.NewGuid():N}");

    public AuditAnchorTests() => Directory.CreateDirectory(_folder);

    private string DatabasePath => Path.Combine(_folder, "sanling.db");

    private async Task<KeyedPortal> PortalWithTrailAsync()
    {
        var portal = new KeyedPortal(DatabasePath);
        await KeyTestSupport.TownWithKeyPersonAsync(portal, KeyTestSupport.IdNumber(801));
        await portal.WithDbAsync(async db =>
        {
            for (var i = 0; i < 3; i++)
            {
                await AuditChain.AppendAsync(db, TimeProvider.System, Domain.Auditing.AuditAction.View, nameof(KeyPerson), "1", null);
            }
        });
        return portal;
    }

    [Fact]
    public async Task Every_line_is_sealed_and_the_checkpoint_follows_the_last_committed_line()
    {
        using var portal = await PortalWithTrailAsync();

        var lines = await portal.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).ToListAsync());
        var anchor = portal.Services.GetRequiredService<AuditAnchor>();
        Assert.All(lines, line => Assert.True(anchor.MacMatches(line.Hash, line.Mac), $"line {line.Id}"));
        var head = anchor.ReadHead();
        Assert.NotNull(head);
        Assert.Equal(lines[^1].Id, head.LastId);
        Assert.Equal(lines[^1].Hash, head.Hash);
        Assert.Equal(lines.Count, head.Count);
    }

    [Fact]
    public async Task Deleting_the_last_lines_is_reported_by_verify_audit()
    {
        using var portal = await PortalWithTrailAsync();
        var last = await portal.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id));
        await portal.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM AuditEntries WHERE Id >= {last - 1}"));

        var (code, _, error) = await new PortalProcess(DatabasePath).RunAsync("", "verify-audit");

        Assert.Equal(1, code);
        Assert.Contains($"检查点记录到第 {last} 条，数据库中只到第 {last - 2} 条", error, StringComparison.Ordinal);
        // The page shows the same finding, recorded by the check itself.
        var recorded = await portal.WithDbAsync(db => AuditChain.LastVerificationAsync(db));
        Assert.Equal(AuditProblem.MissingAtEnd, recorded!.Problem);
    }

    [Fact]
    public async Task Re_hashing_the_chain_without_the_audit_key_is_detected()
    {
        using var portal = await PortalWithTrailAsync();
        // An edit, then every hash after it recomputed: the plain hash chain is consistent again.
        var edited = await portal.WithDbAsync(async db =>
        {
            var lines = await db.AuditEntries.OrderBy(a => a.Id).ToListAsync();
            lines[1].UserName = "someone-else";
            var previous = lines[0].Hash;
            foreach (var line in lines.Skip(1))
            {
                line.PreviousHash = previous;
                line.Hash = AuditChain.HashOf(line);
                previous = line.Hash;
            }
            await db.SaveChangesAsync();
            return lines[1].Id;
        });

        var check = await portal.WithDbAsync(db => AuditChain.CheckAsync(db, AuditChain.AnchorOf(db), useCheckpoint: true));

        Assert.Equal(AuditProblem.MacMismatch, check.Problem);
        Assert.Equal(edited, check.BrokenAt);
        Assert.Equal(edited, await portal.WithDbAsync(db => AuditChain.FirstBrokenLineAsync(db)));
    }

    [Fact]
    public async Task Stripping_the_macs_and_re_hashing_does_not_pass_as_an_old_unsealed_trail()
    {
        using var portal = await PortalWithTrailAsync();
        await portal.WithDbAsync(async db =>
        {
            var lines = await db.AuditEntries.OrderBy(a => a.Id).ToListAsync();
            var previous = "";
            foreach (var line in lines)
            {
                line.UserName += "-x";
                line.Mac = null;
                line.PreviousHash = previous;
                line.Hash = AuditChain.HashOf(line);
                previous = line.Hash;
            }
            await db.SaveChangesAsync();
        });

        var check = await portal.WithDbAsync(db => AuditChain.CheckAsync(db, AuditChain.AnchorOf(db), useCheckpoint: true));

        Assert.Equal(AuditProblem.HeadReplaced, check.Problem);
    }

    [Fact]
    public async Task Lines_written_before_anchoring_count_as_such_and_do_not_fail_the_check()
    {
        using var portal = await PortalWithTrailAsync();
        // A trail from before MACs existed: the first lines have none (their hashes are untouched).
        var unsealed = await portal.WithDbAsync(async db =>
        {
            var first = await db.AuditEntries.OrderBy(a => a.Id).Take(2).Select(a => a.Id).ToListAsync();
            await db.AuditEntries.Where(a => first.Contains(a.Id)).ExecuteUpdateAsync(a => a.SetProperty(x => x.Mac, (string?)null));
            return first.Count;
        });

        var (code, output, error) = await new PortalProcess(DatabasePath).RunAsync("", "verify-audit");

        Assert.True(code == 0, error);
        Assert.Contains($"其中 {unsealed} 条写于启用校验码之前", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifty_concurrent_audited_requests_leave_a_chain_that_verify_audit_passes()
    {
        using var demo = DemoTown.Start(kestrel: false);
        var personId = await demo.WithDbAsync(db => db.KeyPersons.OrderBy(k => k.Id).Select(k => k.Id).FirstAsync());
        var clients = new List<HttpClient>();
        for (var i = 0; i < 5; i++)
        {
            clients.Add(await demo.CreateBrowserlessClient().LoggedInAsync("office"));
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => clients[i % clients.Count].GetAsync($"/KeyPersons/Details/{personId}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var head = demo.Services.GetRequiredService<AuditAnchor>().ReadHead();
        Assert.Equal(await demo.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id)), head!.LastId);
        Assert.Equal(await demo.WithDbAsync(db => db.AuditEntries.LongCountAsync()), head.Count);
        var (code, output, error) = await new PortalProcess(demo.DatabasePath).RunAsync("", "verify-audit");
        Assert.True(code == 0, error);
        Assert.Contains("审计日志完整", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_moves_the_checkpoint_back_to_the_restored_trail_and_says_so()
    {
        const string Password = "Harbor-lamp-2026x";
        var portal = new PortalProcess(DatabasePath);
        Assert.Equal(0, (await portal.RunAsync(Password, "setup", "QS", "青山镇", "--admin", "chen")).ExitCode);
        var backup = Path.Combine(_folder, "backup.db");
        Assert.Equal(0, (await portal.RunAsync("", "backup", backup)).ExitCode);
        var linesInBackup = (long)PortalProcess.Scalar(backup, "SELECT MAX(Id) FROM AuditEntries")!;
        var created = await portal.RunAsync(Password, "create-user", "wang", "office");
        Assert.True(created.ExitCode == 0, created.Error);

        var restore = await portal.RunAsync("", "restore", backup);

        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains($"审计检查点（", restore.Output, StringComparison.Ordinal);
        Assert.Contains($"已重置为还原后数据库的末条审计记录（第 {linesInBackup} 条）", restore.Output, StringComparison.Ordinal);
        Assert.Contains("不在备份中，须另行备份", restore.Output, StringComparison.Ordinal);
        var verify = await portal.RunAsync("", "verify-audit");
        Assert.True(verify.ExitCode == 0, verify.Error);
    }

    public void Dispose() => PortalProcess.DeleteFolder(_folder);
}
