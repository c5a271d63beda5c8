using SanLing.Infrastructure.Data;

namespace SanLing.Web.Commands;

/// <summary><c>verify-audit</c>: checks that no line of the audit trail was altered, removed or inserted.</summary>
public sealed class VerifyAuditCommand : ICliCommand
{
    public string Name => "verify-audit";

    public string Usage => "verify-audit                               校验审计日志链是否完整（未被篡改或删除）";

    public async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        var broken = await AuditChain.FirstBrokenLineAsync(db);
        if (broken is { } id)
        {
            throw new CommandException($"审计日志在第 {id} 条处断链：该条或其前一条已被修改、删除或插入。");
        }
        Console.WriteLine($"审计日志完整，共 {db.AuditEntries.Count()} 条。");
        return CommandLine.Ok;
    }
}
