using SanLing.Domain.Common;

namespace SanLing.Web.Features.Shared;

/// <summary>
/// Saves an edit (or a delete) of a record the user loaded at <c>version</c>: if anyone saved it since,
/// nothing is written and the outcome is <see cref="SaveOutcome.Stale"/>.
/// </summary>
public static class VersionedSave
{
    public static async Task<SaveOutcome> SaveEditAsync<T>(this SanLingDbContext db, T? record, Guid version, Func<T, Task> change, CancellationToken ct)
        where T : Entity
    {
        if (record is null)
        {
            return SaveOutcome.NotFound;
        }
        db.Entry(record).Property(r => r.Version).OriginalValue = version;
        await change(record);
        return await TrySaveAsync(db, ct);
    }

    public static Task<SaveOutcome> SaveEditAsync<T>(this SanLingDbContext db, T? record, Guid version, Action<T> change, CancellationToken ct)
        where T : Entity =>
        db.SaveEditAsync(record, version, r =>
        {
            change(r);
            return Task.CompletedTask;
        }, ct);

    public static async Task<SaveOutcome> DeleteAsync<T>(this SanLingDbContext db, T? record, Guid version, CancellationToken ct)
        where T : Entity
    {
        if (record is null)
        {
            return SaveOutcome.NotFound;
        }
        db.Entry(record).Property(r => r.Version).OriginalValue = version;
        db.Remove(record);
        return await TrySaveAsync(db, ct);
    }

    private static async Task<SaveOutcome> TrySaveAsync(SanLingDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return SaveOutcome.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SaveOutcome.Stale;
        }
    }
}
