using Microsoft.AspNetCore.Identity;
using SanLing.Domain.Common;
using SanLing.Infrastructure.Evaluation;
using SanLing.Infrastructure.Seed;
using SanLing.Infrastructure.Security;

namespace SanLing.Web.Setup;

/// <summary>
/// Start-up: apply migrations, make sure the roles exist, seed the demo town when asked (<c>Demo:Enabled</c>, never
/// by default in the shipped configuration), and open the one-time setup page when the database is empty.
/// </summary>
public static class DatabasePreparation
{
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await MigrateAsync(app.Services, cancellationToken);
        if (app.Configuration.GetValue("Demo:Enabled", false))
        {
            if (!await SeedDemoIfEmptyAsync(app.Services, app.Logger, cancellationToken) && !await HasDemoTownAsync(app.Services, cancellationToken))
            {
                app.Logger.LogWarning("Demo:Enabled=true，但数据库中已有真实乡镇的数据：演示模式不写入任何数据。");
            }
        }
        if (await HasDemoTownAsync(app.Services, cancellationToken))
        {
            WarnDemoAccounts(app.Logger);
        }
        await app.Services.GetRequiredService<SetupGate>().OpenIfEmptyAsync(app.Services, app.Logger, cancellationToken);
    }

    private static async Task<bool> HasDemoTownAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        return await db.Towns.AnyAsync(t => t.Code == DemoTownSeeder.TownCode, cancellationToken);
    }

    /// <summary>Loud on purpose: whoever reads the log of a deployed portal must notice published passwords.</summary>
    private static void WarnDemoAccounts(ILogger logger)
    {
        const string Banner = "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!";
        logger.LogWarning(Banner);
        logger.LogWarning("!!! 演示模式：数据库中是虚构的演示乡镇，以下账号的密码已在 README 中公开。");
        logger.LogWarning("!!! DEMO MODE: the accounts below have a PUBLISHED password. Never use this database for a real town.");
        foreach (var account in DemoAccounts.Accounts)
        {
            logger.LogWarning("!!! 演示账号 {UserName}（{Role}）密码 {Password}", account.UserName, account.Role, DemoAccounts.Password);
        }
        logger.LogWarning(Banner);
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
        foreach (var role in Roles.Every)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        // Before anything reads the key ring (portal and commands alike): it must decrypt with the key material outside
        // the database, or the start is refused; keys still in clear are encrypted in place; and a key exists afterwards,
        // so no protection inside a save's transaction ever has to write one (SQLite would lock against itself).
        await KeyRingGuard.PrepareAsync(services, services.GetRequiredService<ILoggerFactory>().CreateLogger("SanLing.Keys"), cancellationToken);
    }

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
        // And the current year's provisional evaluation (预评), as the nightly job would have stored it.
        await new AsOfRefresher(db, clock).RefreshAsync(cancellationToken);
    }

    /// <summary>
    /// Seeds the demo town and its accounts into a database with no town and no account; returns false (writing
    /// nothing) otherwise, so demo data is never mixed with a real town.
    /// </summary>
    public static async Task<bool> SeedDemoIfEmptyAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        if (!await TownFounding.IsEmptyAsync(db, cancellationToken))
        {
            return false;
        }
        var started = TimeProvider.System.GetTimestamp();
        var summary = await scope.ServiceProvider.GetRequiredService<DemoTownSeeder>().SeedAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync(scope.ServiceProvider, summary.TownId);
        await PublishPastYearsAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), summary.TownId, cancellationToken);
        var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        logger.LogInformation("Demo town seeded in {Elapsed:0.0}s: {Summary}", seconds, summary);
        return true;
    }
}
