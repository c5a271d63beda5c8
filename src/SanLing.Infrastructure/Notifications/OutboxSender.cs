using Microsoft.Extensions.Logging;
using SanLing.Domain.Notifications;

namespace SanLing.Infrastructure.Notifications;

/// <summary>
/// Sends the current town's outbox messages that are due, each through its channel's sender; a failure is kept with
/// its error and tried again after a back-off, and reported as failed after <see cref="DeliveryRules.MaxAttempts"/>.
/// </summary>
public sealed class OutboxSender(SanLingDbContext db, TimeProvider clock, IEnumerable<IMessageSender> senders, ILogger<OutboxSender> logger)
{
    /// <summary>Messages sent per run at most (the rest wait for the next run).</summary>
    public const int BatchSize = 50;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.OutboxMessages
            .Where(m => m.Status == DeliveryStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            var sender = senders.LastOrDefault(s => s.Channel == message.Channel);
            try
            {
                if (sender is null)
                {
                    throw new InvalidOperationException($"No sender is configured for channel {message.Channel}.");
                }
                await sender.SendAsync(new OutgoingMessage(message.Address, message.Subject, message.Body), ct);
                message.Status = DeliveryStatus.Sent;
                message.SentAt = clock.GetUtcNow();
                message.Attempts++;
                message.LastError = null;
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                message.Attempts++;
                message.Status = DeliveryRules.AfterFailure(message.Attempts);
                message.NextAttemptAt = clock.GetUtcNow() + DeliveryRules.BackoffAfter(message.Attempts);
                var error = $"{e.GetType().Name}: {e.Message}";
                message.LastError = error.Length > DeliveryRules.ErrorMaxLength ? error[..DeliveryRules.ErrorMaxLength] : error;
                logger.LogWarning("Outbox message {Id} ({Channel}) failed, attempt {Attempt}: {Error}", message.Id, message.Channel, message.Attempts, message.LastError);
            }
            // Saved per message: a crash after a send must not send it again.
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }
}
