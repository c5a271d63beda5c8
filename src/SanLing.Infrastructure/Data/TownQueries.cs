using SanLing.Domain.Common;
using SanLing.Domain.Supervision;

namespace SanLing.Infrastructure.Data;

/// <summary>Reads of the current town's own settings.</summary>
public static class TownQueries
{
    /// <summary>The current town's inspection due day (<see cref="TownRules.DefaultDueDay"/> when no town is known).</summary>
    public static async Task<int> InspectionDueDayAsync(this SanLingDbContext db, CancellationToken ct) =>
        await db.Towns.AsNoTracking().Where(t => t.Id == db.CurrentTownId).Select(t => (int?)t.InspectionDueDay).FirstOrDefaultAsync(ct)
        ?? TownRules.DefaultDueDay;

    /// <summary>The current town's working calendar and card thresholds (two queries).</summary>
    public static async Task<TownDeadlines> DeadlinesAsync(this SanLingDbContext db, CancellationToken ct)
    {
        var town = await db.Towns.AsNoTracking().Where(t => t.Id == db.CurrentTownId)
            .Select(t => new { t.InspectionDueDay, t.CardYellowWithinDays, t.CardEscalateAfterDays }).FirstOrDefaultAsync(ct);
        var holidays = await db.TownHolidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct);
        return new TownDeadlines(
            town?.InspectionDueDay ?? TownRules.DefaultDueDay,
            new WorkingCalendar(holidays),
            town is null ? CardThresholds.Default : new CardThresholds(town.CardYellowWithinDays, town.CardEscalateAfterDays));
    }
}

/// <summary>What the town's clock rules need: the inspection due day, its working days and its card thresholds.</summary>
public sealed record TownDeadlines(int DueDay, WorkingCalendar Calendar, CardThresholds Thresholds)
{
    public CardBounds BoundsOn(DateOnly today) => Deadline.BoundsOn(today, Calendar, Thresholds);
}

/// <summary>The data version pages cache their figures by.</summary>
public static class DataVersion
{
    /// <summary>
    /// The audit chain's head: every save of a record, every import and every stored run appends a line in the same
    /// transaction, and appenders are serialised by the chain's lock, so the head id grows with every committed change
    /// (of any town). One indexed read of the primary key's last entry.
    /// </summary>
    public static Task<long> DataVersionAsync(this SanLingDbContext db, CancellationToken ct) =>
        db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync(ct);
}
