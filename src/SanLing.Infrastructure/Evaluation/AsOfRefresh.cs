using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;

namespace SanLing.Infrastructure.Evaluation;

/// <summary>
/// The current year's provisional evaluation (预评) of the current town, as of the town's today: stored like any run
/// (<see cref="EvaluationRunKind.AsOf"/>, never published), replacing the year's previous one. Pages read it instead
/// of judging the town per request. Refreshed nightly (<see cref="AsOfRefreshJob"/>), by the office's button and after
/// an import.
/// </summary>
public sealed class AsOfRefresher(SanLingDbContext db, TimeProvider clock)
{
    /// <summary>Stores today's as-of run; null (nothing written) when the town has no rule set for the year yet.</summary>
    public async Task<RunOutcome?> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.Today();
        var runner = new EvaluationRunner(db, clock);
        if (await runner.RuleSetForAsync(today.Year, cancellationToken) is null)
        {
            return null;
        }
        return await runner.RunAsync(today.Year, today, EvaluationRunKind.AsOf, cancellationToken);
    }

    /// <summary>Whether the stored as-of run is as of today already.</summary>
    public Task<bool> IsCurrentAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.Today();
        return db.EvaluationRuns.AsNoTracking().AnyAsync(r => r.Kind == EvaluationRunKind.AsOf && r.Year == today.Year && r.AsOf == today, cancellationToken);
    }

    /// <summary>
    /// Refreshes every town, each as the system actor of that town, in its own scope; with <paramref name="onlyStale"/>
    /// only the towns whose as-of run is not as of today (the catch-up at start).
    /// </summary>
    public static async Task RefreshAllTownsAsync(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger, CancellationToken cancellationToken,
        bool onlyStale = false)
    {
        List<int> towns;
        using (var scope = scopes.CreateScope())
        {
            towns = await scope.ServiceProvider.GetRequiredService<SanLingDbContext>().Towns.AsNoTracking()
                .Select(t => t.Id).ToListAsync(cancellationToken);
        }
        foreach (var townId in towns)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
            db.Actor.ActAsSystem(townId, "as-of-refresh");
            try
            {
                var refresher = new AsOfRefresher(db, clock);
                if (onlyStale && await refresher.IsCurrentAsync(cancellationToken))
                {
                    continue;
                }
                var outcome = await refresher.RefreshAsync(cancellationToken);
                logger.LogInformation("预评已刷新：乡镇 {TownId}，评定记录 {RunId}", townId, outcome?.Run.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One town's failure must not stop the others' refresh, nor the job.
                logger.LogError(ex, "预评刷新失败：乡镇 {TownId}", townId);
            }
        }
    }
}

/// <summary>
/// Refreshes every town's as-of run each night at <see cref="RefreshHour"/> o'clock town time (the app's
/// <see cref="TimeProvider"/>, a <see cref="TownTimeProvider"/>); with <c>catchUp</c> (Evaluation:RefreshAsOfOnStart),
/// also at start for the towns not refreshed today.
/// </summary>
public sealed class AsOfRefreshJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AsOfRefreshJob> logger, bool catchUp) : BackgroundService
{
    /// <summary>01:00 town time: after midnight, so the run is "as of" the new day, before anyone is at work.</summary>
    public const int RefreshHour = 1;

    /// <summary>Completed refreshes since start (tests wait for it).</summary>
    public int Refreshes { get; private set; }

    /// <summary>How long from <paramref name="localNow"/> (town time) until the next refresh.</summary>
    public static TimeSpan DelayUntilNext(DateTimeOffset localNow)
    {
        var next = new DateTimeOffset(localNow.Date.AddHours(RefreshHour), localNow.Offset);
        if (next <= localNow)
        {
            next = new DateTimeOffset(localNow.Date.AddDays(1).AddHours(RefreshHour), localNow.Offset);
        }
        return next - localNow;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (catchUp)
            {
                // After a restart (or a night the server was off): only the towns not refreshed today.
                await AsOfRefresher.RefreshAllTownsAsync(scopes, clock, logger, stoppingToken, onlyStale: true);
            }
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(DelayUntilNext(clock.GetLocalNow()), clock, stoppingToken);
                await RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await AsOfRefresher.RefreshAllTownsAsync(scopes, clock, logger, cancellationToken);
        Refreshes++;
    }
}
