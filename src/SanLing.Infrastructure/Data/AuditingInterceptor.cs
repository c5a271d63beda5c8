using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using SanLing.Domain.Auditing;
using SanLing.Domain.Common;

namespace SanLing.Infrastructure.Data;

/// <summary>
/// On every save: stamps the town, the audit fields and a fresh concurrency token on each record, and
/// appends one hash-chained audit line per created, changed or deleted record, in the same transaction.
/// Every new audit line is linked to the chain here, at save time, after the chain is locked (see <see cref="Gates"/>).
/// </summary>
public sealed class AuditingInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>Property values never written to the audit trail in clear.</summary>
    private static readonly HashSet<string> SecretProperties = ["IdNumberCipher", "IdNumberHash"];

    private static readonly HashSet<string> Bookkeeping =
        [nameof(Entity.Version), nameof(Entity.CreatedAt), nameof(Entity.CreatedBy), nameof(Entity.UpdatedAt), nameof(Entity.UpdatedBy), nameof(Entity.TownId)];

    /// <summary>
    /// One gate per database in this process, so appenders queue here rather than spin on the database's lock.
    /// The database lock (BEGIN IMMEDIATE on SQLite, UPDLOCK/HOLDLOCK on SQL Server) orders this process against
    /// others (a command running beside the portal). The gate is taken only before a transaction this interceptor
    /// begins itself: a caller's transaction may already hold the database lock, and waiting for the gate then
    /// could deadlock with a gate holder waiting for that lock.
    /// </summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private static SemaphoreSlim GateOf(SanLingDbContext db) =>
        Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));

    private static bool WritesAudit(SanLingDbContext db) => db.PendingAudit.Count > 0 || db.UnchainedAudit.Count > 0;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is SanLingDbContext db)
        {
            Prepare(db);
            if (WritesAudit(db) && db.Database.CurrentTransaction is null)
            {
                var gate = GateOf(db);
                gate.Wait();
                db.HeldAuditGate = gate;
                try
                {
                    db.OwnedAuditTransaction = db.Database.BeginTransaction();
                }
                catch
                {
                    db.ReleaseAuditGate();
                    throw;
                }
            }
            if (db.UnchainedAudit.Count > 0)
            {
                Chain(db.UnchainedAudit, db.LastAuditHash());
            }
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is SanLingDbContext db)
        {
            Prepare(db);
            if (WritesAudit(db) && db.Database.CurrentTransaction is null)
            {
                var gate = GateOf(db);
                await gate.WaitAsync(cancellationToken);
                db.HeldAuditGate = gate;
                try
                {
                    db.OwnedAuditTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
                }
                catch
                {
                    db.ReleaseAuditGate();
                    throw;
                }
            }
            if (db.UnchainedAudit.Count > 0)
            {
                Chain(db.UnchainedAudit, await db.LastAuditHashAsync(cancellationToken));
            }
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is SanLingDbContext db)
        {
            db.UnchainedAudit.Clear();
            if (db.WritingAuditLines)
            {
                return result;
            }
            if (db.PendingAudit.Count > 0)
            {
                WriteAudit(db);
                db.WritingAuditLines = true;
                try
                {
                    db.SaveChanges();
                }
                finally
                {
                    db.WritingAuditLines = false;
                }
            }
            db.OwnedAuditTransaction?.Commit();
            EndTransaction(db);
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is SanLingDbContext db)
        {
            db.UnchainedAudit.Clear();
            if (db.WritingAuditLines)
            {
                return result;
            }
            if (db.PendingAudit.Count > 0)
            {
                WriteAudit(db);
                db.WritingAuditLines = true;
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                finally
                {
                    db.WritingAuditLines = false;
                }
            }
            if (db.OwnedAuditTransaction is { } tx)
            {
                await tx.CommitAsync(cancellationToken);
            }
            EndTransaction(db);
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Abandon(DbContext? context)
    {
        if (context is SanLingDbContext db && !db.WritingAuditLines)
        {
            db.OwnedAuditTransaction?.Rollback();
            EndTransaction(db);
        }
    }

    /// <summary>Ends the save's own transaction (committed or rolled back) and only then lets the next appender in.</summary>
    private static void EndTransaction(SanLingDbContext db)
    {
        db.OwnedAuditTransaction?.Dispose();
        db.OwnedAuditTransaction = null;
        db.PendingAudit.Clear();
        db.ReleaseAuditGate();
    }

    /// <summary>Links new lines, in the order they were added, after <paramref name="previous"/> (the last line's hash).</summary>
    private static void Chain(List<AuditEntry> lines, string? previous)
    {
        previous ??= "";
        foreach (var line in lines)
        {
            line.PreviousHash = previous;
            line.Hash = AuditChain.HashOf(line);
            previous = line.Hash;
        }
    }

    private void Prepare(SanLingDbContext db)
    {
        var now = clock.GetUtcNow();
        var actor = db.Actor;
        foreach (var entry in db.ChangeTracker.Entries<Entity>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    if (entry.Entity.TownId == 0)
                    {
                        entry.Entity.TownId = actor.TownId
                            ?? throw new InvalidOperationException("没有确定当前乡镇，不能写入数据。");
                    }
                    entry.Entity.CreatedAt = now;
                    entry.Entity.CreatedBy = actor.UserName;
                    entry.Entity.Version = Guid.NewGuid();
                    break;
                case EntityState.Modified:
                    if (entry.Property(e => e.TownId).IsModified)
                    {
                        throw new InvalidOperationException("记录所属乡镇不可更改。");
                    }
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.UpdatedBy = actor.UserName;
                    // The original value stays for the WHERE clause; the new one makes stale copies fail.
                    entry.Entity.Version = Guid.NewGuid();
                    break;
            }

            if (!db.SuppressRowAudit && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                db.PendingAudit.Add(new PendingAudit(entry, ToAction(entry.State), Describe(entry)));
            }
        }
    }

    private static AuditAction ToAction(EntityState state) => state switch
    {
        EntityState.Added => AuditAction.Create,
        EntityState.Deleted => AuditAction.Delete,
        _ => AuditAction.Update,
    };

    private static string Describe(EntityEntry entry)
    {
        var changes = new SortedDictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Bookkeeping.Contains(name) || property.Metadata.IsPrimaryKey())
            {
                continue;
            }
            var before = entry.State == EntityState.Added ? null : property.OriginalValue;
            var after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
            if (entry.State == EntityState.Modified && (!property.IsModified || Equals(before, after)))
            {
                continue;
            }
            if (before is null && after is null)
            {
                continue;
            }
            changes[name] = SecretProperties.Contains(name)
                ? [before is null ? null : "***", after is null ? null : "***"]
                : [Readable(before), Readable(after)];
        }
        return JsonSerializer.Serialize(changes, JsonOptions);
    }

    /// <summary>Enums as the words the office uses (已化解, not 3).</summary>
    private static object? Readable(object? value) => value is Enum e ? Terms.Of(e) : value;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private void WriteAudit(SanLingDbContext db)
    {
        var pending = db.PendingAudit.ToList();
        db.PendingAudit.Clear();
        var now = clock.GetUtcNow();
        foreach (var item in pending)
        {
            var entity = (Entity)item.Entry.Entity;
            var line = new AuditEntry
            {
                TownId = entity.TownId,
                At = now,
                UserId = db.Actor.UserId,
                UserName = db.Actor.UserName,
                Role = db.Actor.Role,
                Action = item.Action,
                EntityType = item.Entry.Metadata.ClrType.Name,
                EntityId = entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Changes = item.Changes,
                PreviousHash = "",
                Hash = "",
            };
            db.AuditEntries.Add(line);
            db.UnchainedAudit.Add(line);
        }
    }
}

/// <summary>The tamper-evident chain: each line's hash covers its content and the previous line's hash.</summary>
public static class AuditChain
{
    public static string HashOf(AuditEntry e)
    {
        var text = string.Join('\u001f',
            e.PreviousHash, e.At.ToUnixTimeMilliseconds(), e.TownId, e.UserId, e.UserName, e.Role,
            (int)e.Action, e.EntityType, e.EntityId, e.Changes);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Walks the whole trail in order and returns the id of the first line whose hash or link is wrong
    /// (a line edited, removed or inserted), or null when the chain is intact. Streams: memory stays flat.
    /// </summary>
    public static async Task<long?> FirstBrokenLineAsync(SanLingDbContext db, CancellationToken cancellationToken = default)
    {
        var previous = "";
        await foreach (var line in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (line.PreviousHash != previous || HashOf(line) != line.Hash)
            {
                return line.Id;
            }
            previous = line.Hash;
        }
        return null;
    }

    /// <summary>
    /// Checks the whole chain and records the result as a line of its own (action <see cref="AuditAction.VerifyChain"/>),
    /// so the administration page can show when the chain was last checked, by whom, and what was found.
    /// </summary>
    public static async Task<AuditVerification> VerifyAndRecordAsync(SanLingDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var broken = await FirstBrokenLineAsync(db, cancellationToken);
        var lines = await db.AuditEntries.CountAsync(cancellationToken);
        var result = new AuditVerification(broken is null, broken, lines, clock.GetUtcNow(), db.Actor.UserName);
        await AppendAsync(db, clock, AuditAction.VerifyChain, nameof(AuditEntry), null, JsonSerializer.Serialize(new VerificationDetails(result.Intact, result.Lines, result.BrokenAt)), cancellationToken);
        return result;
    }

    /// <summary>The last recorded check of the chain, or null when it was never checked.</summary>
    public static async Task<AuditVerification?> LastVerificationAsync(SanLingDbContext db, CancellationToken cancellationToken = default)
    {
        var last = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.VerifyChain)
            .OrderByDescending(a => a.Id)
            .Select(a => new { a.At, a.UserName, a.Changes })
            .FirstOrDefaultAsync(cancellationToken);
        if (last?.Changes is null)
        {
            return null;
        }
        try
        {
            var details = JsonSerializer.Deserialize<VerificationDetails>(last.Changes);
            return details is null ? null : new AuditVerification(details.Intact, details.BrokenAt, details.Lines, last.At, last.UserName);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record VerificationDetails(
        [property: System.Text.Json.Serialization.JsonPropertyName("intact")] bool Intact,
        [property: System.Text.Json.Serialization.JsonPropertyName("lines")] int Lines,
        [property: System.Text.Json.Serialization.JsonPropertyName("brokenAt")] long? BrokenAt);

    /// <summary>Adds a line written by the application itself (a reveal, an export, an import, the seed).</summary>
    public static async Task AppendAsync(SanLingDbContext db, TimeProvider clock, AuditAction action, string entityType, string? entityId, string? details, CancellationToken cancellationToken = default)
    {
        var line = new AuditEntry
        {
            TownId = db.Actor.TownId,
            At = clock.GetUtcNow(),
            UserId = db.Actor.UserId,
            UserName = db.Actor.UserName,
            Role = db.Actor.Role,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Changes = details,
            PreviousHash = "",
            Hash = "",
        };
        // Linked to the chain by the interceptor, under the chain's lock, in the save's transaction.
        db.AuditEntries.Add(line);
        db.UnchainedAudit.Add(line);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>One check of the chain: intact, or the first line found altered, removed or inserted.</summary>
public sealed record AuditVerification(bool Intact, long? BrokenAt, int Lines, DateTimeOffset At, string? By);

internal sealed record PendingAudit(EntityEntry Entry, AuditAction Action, string Changes);
