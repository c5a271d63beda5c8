using System.Globalization;
using SanLing.Domain.Common;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Notifications;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Notifications;

/// <summary>The signed-in user's own notifications (never anyone else's): the bell's count, the list, marking read.</summary>
public sealed class NotificationQueries(SanLingDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int PageSize = 30;

    private string Me => db.Actor.UserId ?? "";

    private IQueryable<Notification> Mine => db.Notifications.Where(n => n.UserId == Me);

    public Task<int> UnreadCountAsync(CancellationToken ct) =>
        db.Actor.UserId is null ? Task.FromResult(0) : Mine.AsNoTracking().CountAsync(n => n.ReadAt == null, ct);

    public async Task<NotificationPage> PageAsync(int? page, Microsoft.AspNetCore.Http.PathString path, Microsoft.AspNetCore.Http.QueryString query, CancellationToken ct)
    {
        var current = PageInfo.Clamp(page);
        var total = await Mine.AsNoTracking().CountAsync(ct);
        var unread = await UnreadCountAsync(ct);
        var rows = await Mine.AsNoTracking()
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((current - 1) * PageSize).Take(PageSize)
            .Select(n => new { n.Id, n.Kind, n.Args, n.Link, n.CreatedAt, n.ReadAt })
            .ToListAsync(ct);
        return new NotificationPage(
            rows.Select(n => new NotificationRow(n.Id, n.Kind, Text(n.Kind, n.Args), n.Link, clock.InTownTime(n.CreatedAt), n.ReadAt is null)).ToList(),
            unread,
            new PageInfo(current, PageSize, total, path, query),
            await ContactAsync(ct));
    }

    /// <summary>The item in the reader's language: the kind's Chinese format is the resource key, the arguments stay.</summary>
    public string Text(NotificationKind kind, string args) =>
        string.Format(CultureInfo.CurrentCulture, l[NotificationWording.Template(kind)].Value, NotificationArgs.Read(args));

    /// <summary>Marks one of the user's items read; false when it is not theirs (or does not exist).</summary>
    public async Task<bool> MarkReadAsync(long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var mine = await Mine.AnyAsync(n => n.Id == id, ct);
        if (mine)
        {
            await Mine.Where(n => n.Id == id && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        }
        return mine;
    }

    /// <summary>The user's own e-mail address and phone number (where their digest goes).</summary>
    public async Task<ContactForm> ContactAsync(CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == Me).Select(u => new ContactForm { Email = u.Email, Phone = u.PhoneNumber }).FirstOrDefaultAsync(ct)
        ?? new ContactForm();

    /// <summary>Saves the user's own contact; only their row (no other account is touched).</summary>
    public Task<int> SaveContactAsync(ContactForm form, CancellationToken ct)
    {
        var email = string.IsNullOrWhiteSpace(form.Email) ? null : form.Email.Trim();
        var phone = string.IsNullOrWhiteSpace(form.Phone) ? null : form.Phone.Trim();
        var normalized = email?.ToUpperInvariant();
        return db.Users.Where(u => u.Id == Me).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Email, email).SetProperty(u => u.NormalizedEmail, normalized).SetProperty(u => u.PhoneNumber, phone), ct);
    }

    public Task<int> MarkAllReadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return Mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    /// <summary>The local path an item links to, or null (only paths inside the portal are followed).</summary>
    public static string? SafeLink(string? link) =>
        link is { Length: > 1 } && link[0] == '/' && link[1] != '/' && link[1] != '\\' ? link : null;
}

public sealed record NotificationRow(long Id, NotificationKind Kind, string Text, string? Link, DateTimeOffset At, bool Unread);

public sealed record NotificationPage(IReadOnlyList<NotificationRow> Rows, int Unread, PageInfo Paging, ContactForm Contact);

/// <summary>The outbox as the admin sees it: delivery state of every digest, newest first.</summary>
public sealed class OutboxQueries(SanLingDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<OutboxPage> PageAsync(DeliveryStatus? status, int? page, Microsoft.AspNetCore.Http.PathString path, Microsoft.AspNetCore.Http.QueryString query, CancellationToken ct)
    {
        var current = PageInfo.Clamp(page);
        var counts = await db.OutboxMessages.AsNoTracking().GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var filtered = db.OutboxMessages.AsNoTracking().Where(m => status == null || m.Status == status);
        var total = await filtered.CountAsync(ct);
        var rows = await (
                from m in filtered
                join u in db.Users on m.UserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                orderby m.CreatedAt descending, m.Id descending
                select new { m.Id, UserName = u == null ? null : u.UserName, m.Channel, m.Address, m.Subject, m.ItemCount, m.Status, m.Attempts, m.NextAttemptAt, m.LastError, m.CreatedAt, m.SentAt })
            .Skip((current - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
        return new OutboxPage(
            status,
            counts.ToDictionary(c => c.Key, c => c.Count),
            rows.Select(m => new OutboxRow(m.Id, m.UserName, m.Channel, m.Address, m.Subject, m.ItemCount, m.Status, m.Attempts,
                clock.InTownTime(m.NextAttemptAt), m.LastError, clock.InTownTime(m.CreatedAt), m.SentAt is { } s ? clock.InTownTime(s) : null)).ToList(),
            new PageInfo(current, PageSize, total, path, query));
    }
}

public sealed record OutboxRow(long Id, string? UserName, Channel Channel, string Address, string Subject, int ItemCount, DeliveryStatus Status, int Attempts,
    DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

public sealed record OutboxPage(DeliveryStatus? Status, IReadOnlyDictionary<DeliveryStatus, int> Counts, IReadOnlyList<OutboxRow> Rows, PageInfo Paging);
