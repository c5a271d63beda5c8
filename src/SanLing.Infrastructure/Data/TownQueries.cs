using SanLing.Domain.Common;

namespace SanLing.Infrastructure.Data;

/// <summary>Reads of the current town's own settings.</summary>
public static class TownQueries
{
    /// <summary>The current town's inspection due day (<see cref="TownRules.DefaultDueDay"/> when no town is known).</summary>
    public static async Task<int> InspectionDueDayAsync(this SanLingDbContext db, CancellationToken ct) =>
        await db.Towns.AsNoTracking().Where(t => t.Id == db.CurrentTownId).Select(t => (int?)t.InspectionDueDay).FirstOrDefaultAsync(ct)
        ?? TownRules.DefaultDueDay;
}
