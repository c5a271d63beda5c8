using System.Globalization;
using System.Text;
using SanLing.Domain.Common;
using SanLing.Domain.Notifications;

namespace SanLing.Infrastructure.Notifications;

/// <summary>
/// Once a day, at the configured local hour, gathers each person's notifications not yet sent out into ONE message per
/// channel (e-mail, gateway) in the outbox. Items arriving after a person's digest wait for the next day's.
/// </summary>
public sealed class DigestComposer(SanLingDbContext db, TimeProvider clock, MailSettingsStore settings, IEnumerable<IMessageSender> senders)
{
    /// <summary>Most items listed in one digest; the rest are counted ("还有 N 条").</summary>
    public const int MaxListedItems = 30;

    /// <summary>Writes today's digests if it is time; returns how many outbox messages were written.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var townId = db.CurrentTownId ?? throw new InvalidOperationException("没有确定当前乡镇。");
        var mail = await settings.LoadAsync(ct);
        var localNow = clock.GetLocalNow().DateTime;
        if (!DeliveryRules.IsDigestTime(localNow, mail.DigestHour))
        {
            return 0;
        }
        var now = clock.GetUtcNow();
        var today = clock.Today();
        var pending = await db.Notifications.AsNoTracking()
            .Where(n => n.DigestedAt == null && n.CreatedAt <= now)
            .Select(n => new { n.Id, n.UserId, n.Kind, n.Args, n.CreatedAt })
            .ToListAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }
        var done = (await db.OutboxMessages.AsNoTracking().Where(m => m.DigestDay == today).Select(m => m.UserId).Distinct().ToListAsync(ct)).ToHashSet();
        var userIds = pending.Select(p => p.UserId).Distinct().Where(u => !done.Contains(u)).ToList();
        if (userIds.Count == 0)
        {
            return 0;
        }
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.TownId == townId)
            .Select(u => new { u.Id, u.Email, u.PhoneNumber, u.IsDisabled }).ToListAsync(ct);
        var ready = new Dictionary<Channel, bool>();
        foreach (var sender in senders)
        {
            ready[sender.Channel] = ready.GetValueOrDefault(sender.Channel) || await sender.IsReadyAsync(ct);
        }
        var written = 0;
        var digested = new List<long>();
        foreach (var person in people)
        {
            var items = pending.Where(p => p.UserId == person.Id).OrderBy(p => p.CreatedAt).ToList();
            digested.AddRange(items.Select(i => i.Id));
            if (person.IsDisabled)
            {
                continue;
            }
            var (subject, body) = Compose(today, items.Select(i => NotificationWording.Chinese(i.Kind, i.Args)).ToList());
            foreach (var (channel, address) in new[] { (Channel.Email, person.Email), (Channel.Gateway, person.PhoneNumber) })
            {
                if (string.IsNullOrWhiteSpace(address) || !ready.GetValueOrDefault(channel) || address.Length > DeliveryRules.AddressMaxLength)
                {
                    continue;
                }
                db.OutboxMessages.Add(new OutboxMessage
                {
                    TownId = townId, UserId = person.Id, Channel = channel, Address = address.Trim(), Subject = subject, Body = body,
                    DigestDay = today, ItemCount = items.Count, NextAttemptAt = now, CreatedAt = now,
                });
                written++;
            }
        }
        await db.SaveChangesAsync(ct);
        // Items of people without an account left (or none in this town) are closed too, so they do not wait forever.
        var orphaned = pending.Where(p => !userIds.Contains(p.UserId) || people.All(u => u.Id != p.UserId)).Where(p => !done.Contains(p.UserId)).Select(p => p.Id);
        var ids = digested.Concat(orphaned).ToList();
        await db.Notifications.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.DigestedAt, now), ct);
        return written;
    }

    /// <summary>The digest's subject and body: one line per item, oldest first.</summary>
    public static (string Subject, string Body) Compose(DateOnly day, IReadOnlyList<string> lines)
    {
        var subject = string.Format(CultureInfo.InvariantCulture, "【三零创建】{0} 提醒 {1} 条", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), lines.Count);
        var body = new StringBuilder();
        body.Append(subject).Append('\n');
        foreach (var line in lines.Take(MaxListedItems))
        {
            body.Append("· ").Append(line).Append('\n');
        }
        if (lines.Count > MaxListedItems)
        {
            body.Append(string.Format(CultureInfo.InvariantCulture, "还有 {0} 条，请登录平台查看。", lines.Count - MaxListedItems)).Append('\n');
        }
        return (subject, body.ToString());
    }
}
