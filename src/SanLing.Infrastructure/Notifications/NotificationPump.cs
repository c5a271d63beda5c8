using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SanLing.Domain.Common;

namespace SanLing.Infrastructure.Notifications;

/// <summary>
/// The background job: every <c>Notifications:IntervalSeconds</c> (60 by default), for each town, adds the day's
/// reminders, writes the daily digests when their hour has come, and sends the outbox. Tests call
/// <see cref="RunOnceAsync"/> with a fake clock instead of waiting.
/// </summary>
public sealed class NotificationPump(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<NotificationPump> logger) : BackgroundService
{
    private readonly SemaphoreSlim _once = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Notifications:IntervalSeconds", 60), 5, 3600));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, TimeProvider.System, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A bad run (database busy, mail server gone) is logged; the next run tries again.
                logger.LogError(e, "Notification run failed");
            }
        }
    }

    /// <summary>One run over every town (never two at once in this process).</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        await _once.WaitAsync(ct);
        try
        {
            List<int> towns;
            using (var scope = scopes.CreateScope())
            {
                towns = await scope.ServiceProvider.GetRequiredService<SanLingDbContext>().Towns.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
            }
            foreach (var town in towns)
            {
                // A fresh scope per step: each step's own unit of work, as the town's system actor.
                await InTownAsync(town, sp => sp.GetRequiredService<ReminderGenerator>().RunAsync(clock.Today(), ct));
                await InTownAsync(town, sp => sp.GetRequiredService<DigestComposer>().RunAsync(ct));
                await InTownAsync(town, sp => sp.GetRequiredService<OutboxSender>().RunAsync(ct));
            }
        }
        finally
        {
            _once.Release();
        }
    }

    private async Task InTownAsync(int town, Func<IServiceProvider, Task<int>> step)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAsSystem(town, "notifications");
        await step(scope.ServiceProvider);
    }
}
