using System.Globalization;
using SanLing.Domain.Notifications;

namespace SanLing.Infrastructure.Notifications;

/// <summary>
/// Adds items to people's notification lists inside the caller's unit of work (they are saved with the change they
/// announce). The daily digest step later sends them out through the outbox.
/// </summary>
public sealed class NotificationWriter(SanLingDbContext db, TimeProvider clock)
{
    /// <summary>Adds one item for <paramref name="userId"/>; the caller saves. <paramref name="args"/> fill the kind's wording.</summary>
    public Notification Add(int townId, string userId, NotificationKind kind, IEnumerable<string?> args, string? link, string? dedupeKey = null)
    {
        var item = new Notification
        {
            TownId = townId,
            UserId = userId,
            Kind = kind,
            Args = NotificationArgs.Write(args),
            Link = link is { Length: > DeliveryRules.LinkMaxLength } ? null : link,
            DedupeKey = dedupeKey,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Notifications.Add(item);
        return item;
    }

    /// <summary>A new 督办 order reaches its addressee.</summary>
    public void SupervisionIssued(int townId, string userId, int orderId, string subjectName, string instruction, DateOnly dueOn) =>
        Add(townId, userId, NotificationKind.SupervisionIssued, [subjectName, instruction, Day(dueOn)], $"/Supervision/Details/{orderId}");

    /// <summary>The office sent a 督办 answer back.</summary>
    public void SupervisionReturned(int townId, string userId, int orderId, string subjectName, string reason, DateOnly dueOn) =>
        Add(townId, userId, NotificationKind.SupervisionReturned, [subjectName, reason, Day(dueOn)], $"/Supervision/Details/{orderId}");

    /// <summary>
    /// The office returned a month's inspection with a reason (monthly sign-off): the grid worker or liaison who
    /// submits it is told. <paramref name="place"/> names the subject and grid, e.g. "上塘村第二网格".
    /// </summary>
    public void InspectionReturned(int townId, string userId, int subjectId, int? gridId, DateOnly month, string place, string reason) =>
        Add(townId, userId, NotificationKind.InspectionReturned, [place, Month(month), reason],
            gridId is { } g
                ? string.Create(CultureInfo.InvariantCulture, $"/Inspections/Edit?subjectId={subjectId}&gridId={g}&month={Month(month)}")
                : string.Create(CultureInfo.InvariantCulture, $"/Inspections/Edit?subjectId={subjectId}&month={Month(month)}"));

    /// <summary>申诉复核: the office upheld or rejected an appeal; the appellant is told with the office's words.</summary>
    public void AppealDecided(int townId, string userId, string subjectName, bool upheld, string? decision) =>
        Add(townId, userId, upheld ? NotificationKind.AppealUpheld : NotificationKind.AppealRejected, [subjectName, decision], "/Appeals/Mine");

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
