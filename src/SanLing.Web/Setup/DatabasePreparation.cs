using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Evaluation;
using SanLing.Infrastructure.Identity;
using SanLing.Infrastructure.Seed;

namespace SanLing.Web.Setup;

/// <summary>Start-up: apply migrations, make sure the roles exist, and (demo mode) seed an empty database.</summary>
public static class DatabasePreparation
{
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await MigrateAsync(app.Services, cancellationToken);
        if (app.Configuration.GetValue("Demo:Enabled", true))
        {
            await SeedDemoIfEmptyAsync(app.Services, app.Logger, cancellationToken);
        }
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the portal read while a command (import, evaluate) writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>Seeds the demo town and its accounts when the database has no town; returns false when it had one.</summary>
    /// <summary>
    /// The demo town comes with its past years evaluated and published (公示), so leadership's dashboard and the
    /// results pages have something to show. Oldest first: consecutive compliant years build on the year before.
    /// </summary>
    private static async Task PublishPastYearsAsync(SanLingDbContext db, TimeProvider clock, int townId, CancellationToken cancellationToken)
    {
        db.Actor.ActAsSystem(townId, "seed-demo");
        for (var year = 2023; year < clock.Today().Year; year++)
        {
            await new EvaluationRunner(db, clock).RunAsync(year, null, cancellationToken);
        }
        var now = clock.GetUtcNow();
        await db.EvaluationRuns.ExecuteUpdateAsync(r => r
            .SetProperty(x => x.IsPublished, true)
            .SetProperty(x => x.PublishedAt, now)
            .SetProperty(x => x.PublishedBy, "seed-demo"), cancellationToken);
    }

    public static async Task<bool> SeedDemoIfEmptyAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        if (await db.Towns.AnyAsync(cancellationToken))
        {
            return false;
        }
        var started = TimeProvider.System.GetTimestamp();
        var summary = await scope.ServiceProvider.GetRequiredService<DemoTownSeeder>().SeedAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync(scope.ServiceProvider, summary.TownId);
        await PublishPastYearsAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), summary.TownId, cancellationToken);
        var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        logger.LogInformation("Demo town seeded in {Elapsed:0.0}s: {Summary}", seconds, summary);
        foreach (var account in DemoAccounts.Accounts)
        {
            // Demo mode only: the README lists the same accounts.
            logger.LogWarning("演示账号 {UserName}（{Role}）密码 {Password}", account.UserName, account.Role, DemoAccounts.Password);
        }
        return true;
    }
}
