using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using SanLing.Domain.Auditing;
using SanLing.Domain.Common;
using SanLing.Infrastructure.Security;

namespace SanLing.Infrastructure.Data;

/// <summary>
/// On every save: stamps the town, the audit fields and a fresh concurrency token on each record, and
/// appends one hash-chained audit line per created, changed or deleted record, in the same transaction.
/// Every new audit line is linked to the chain here, at save time, after the chain is locked (see <see cref="Gates"/>),
/// and sealed with the audit key's MAC; once the transaction commits, the head checkpoint outside the database moves on.
/// Fields marked <see cref="PersonalAttribute"/> are written to the trail encrypted (<see cref="AuditFieldProtector"/>).
/// </summary>
public sealed class AuditingInterceptor(TimeProvider clock, AuditAnchor anchor, AuditFieldProtector fields)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>The anchor the chain is sealed with (also used to check it).</summary>
    public AuditAnchor Anchor => anchor;

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
                var last = db.LastAuditLine();
                var head = anchor.ReadHead();
                Chain(db, last, head, CountBefore(last, head) ?? db.AuditEntries.LongCount());
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
                var last = await db.LastAuditLineAsync(cancellationToken);
                var head = anchor.ReadHead();
                Chain(db, last, head, CountBefore(last, head) ?? await db.AuditEntries.LongCountAsync(cancellationToken));
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

    /// <summary>
    /// Links new lines, in the order they were added, after <paramref name="last"/> (the chain's last line), seals each
    /// with its MAC, and remembers the new head for the checkpoint once the transaction commits. When the database ends
    /// before the recorded head (lines were cut from the end), the checkpoint stays where it is: new lines must not
    /// cover up the gap that <c>verify-audit</c> reports.
    /// </summary>
    private void Chain(SanLingDbContext db, AuditTail? last, AuditHead? head, long countBefore)
    {
        var previous = last?.Hash ?? "";
        var truncated = head is not null && head.LastId > (last?.Id ?? 0);
        foreach (var line in db.UnchainedAudit)
        {
            line.PreviousHash = previous;
            line.Hash = AuditChain.HashOf(line);
            line.Mac = anchor.Mac(line.Hash);
            previous = line.Hash;
        }
        db.UncommittedHead = truncated ? null : (db.UnchainedAudit[^1], countBefore + db.UnchainedAudit.Count);
    }

    /// <summary>The number of lines up to <paramref name="last"/> when the checkpoint already stands there (no count query).</summary>
    private static long? CountBefore(AuditTail? last, AuditHead? head)
    {
        if (last is null)
        {
            return 0;
        }
        return head is not null && head.LastId == last.Id && head.Hash == last.Hash ? head.Count : null;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Advance(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Advance(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(System.Data.Common.DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData.Context);

    public Task TransactionFailedAsync(System.Data.Common.DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>The lines are committed: the checkpoint outside the database moves to the new head.</summary>
    private void Advance(DbContext? context)
    {
        if (context is SanLingDbContext { UncommittedHead: var (line, count) } db)
        {
            db.UncommittedHead = null;
            anchor.Advance(new AuditHead(line.Id, line.Hash, line.Mac, count));
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is SanLingDbContext db)
        {
            db.UncommittedHead = null;
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

    private string Describe(EntityEntry entry)
    {
        var changes = new SortedDictionary<string, object?>(StringComparer.Ordinal);
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
            if (SecretProperties.Contains(name))
            {
                changes[name] = new object?[] { before is null ? null : "***", after is null ? null : "***" };
            }
            else if (IsPersonal(property.Metadata))
            {
                changes[name] = fields.Protect([Readable(before), Readable(after)]);
            }
            else
            {
                changes[name] = new[] { Readable(before), Readable(after) };
            }
        }
        return JsonSerializer.Serialize(changes, JsonOptions);
    }

    private static readonly ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IProperty, bool> PersonalProperties = new();

    /// <summary>Marked <see cref="PersonalAttribute"/> on the entity (the one list of personal fields).</summary>
    private static bool IsPersonal(Microsoft.EntityFrameworkCore.Metadata.IProperty property) =>
        PersonalProperties.GetOrAdd(property, p => p.PropertyInfo?.IsDefined(typeof(PersonalAttribute), inherit: true) == true);

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
    /// Walks the whole trail in order and returns the id of the first line whose hash, link or MAC is wrong (a line
    /// edited, removed or inserted, or the chain re-hashed without the audit key), or null when the chain is intact.
    /// </summary>
    public static async Task<long?> FirstBrokenLineAsync(SanLingDbContext db, CancellationToken cancellationToken = default) =>
        (await CheckAsync(db, AnchorOf(db), useCheckpoint: false, cancellationToken)).BrokenAt;

    /// <summary>The anchor of the context's audit interceptor, or null for a bare context (then only hashes are checked).</summary>
    public static AuditAnchor? AnchorOf(SanLingDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<AuditingInterceptor>().FirstOrDefault()?.Anchor;

    /// <summary>
    /// Checks the whole chain: each line's hash and link; with an <paramref name="anchor"/>, each line's MAC (lines before
    /// the first sealed line are counted as written before anchoring, any later line must be sealed); with
    /// <paramref name="useCheckpoint"/>, that the database still reaches the head recorded outside it. Streams: memory stays flat.
    /// </summary>
    public static async Task<AuditCheck> CheckAsync(SanLingDbContext db, AuditAnchor? anchor, bool useCheckpoint, CancellationToken cancellationToken = default)
    {
        // Read before the lines: the checkpoint is written only after a commit, so the lines read next reach at least as far.
        var checkpoint = useCheckpoint ? anchor?.ReadHead() : null;
        var previous = "";
        var lines = 0;
        var beforeAnchoring = 0;
        var anchored = false;
        long? headId = null;
        AuditEntry? atCheckpoint = null;
        var linesToCheckpoint = 0L;
        await foreach (var line in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            lines++;
            headId = line.Id;
            if (line.PreviousHash != previous || HashOf(line) != line.Hash)
            {
                return new AuditCheck(AuditProblem.Altered, line.Id, lines, beforeAnchoring, checkpoint?.LastId);
            }
            if (anchor is not null)
            {
                if (line.Mac is null)
                {
                    if (anchored)
                    {
                        return new AuditCheck(AuditProblem.MacMissing, line.Id, lines, beforeAnchoring, checkpoint?.LastId);
                    }
                    beforeAnchoring++;
                }
                else if (!anchor.MacMatches(line.Hash, line.Mac))
                {
                    return new AuditCheck(AuditProblem.MacMismatch, line.Id, lines, beforeAnchoring, checkpoint?.LastId);
                }
                else
                {
                    anchored = true;
                }
            }
            if (checkpoint is not null && line.Id <= checkpoint.LastId)
            {
                linesToCheckpoint++;
                if (line.Id == checkpoint.LastId)
                {
                    atCheckpoint = line;
                }
            }
            previous = line.Hash;
        }
        if (checkpoint is not null)
        {
            if (atCheckpoint is null || linesToCheckpoint < checkpoint.Count)
            {
                // Lines cut from the end (or the whole trail): the database no longer reaches the recorded head.
                return new AuditCheck(AuditProblem.MissingAtEnd, headId, lines, beforeAnchoring, checkpoint.LastId);
            }
            if (atCheckpoint.Hash != checkpoint.Hash)
            {
                return new AuditCheck(AuditProblem.HeadReplaced, atCheckpoint.Id, lines, beforeAnchoring, checkpoint.LastId);
            }
        }
        else if (useCheckpoint && anchored)
        {
            return new AuditCheck(AuditProblem.CheckpointMissing, null, lines, beforeAnchoring, null);
        }
        return new AuditCheck(null, null, lines, beforeAnchoring, checkpoint?.LastId);
    }

    /// <summary>The chain's head as it is in the database (for the checkpoint after a restore), or null when it is empty.</summary>
    public static async Task<AuditHead?> HeadAsync(SanLingDbContext db, CancellationToken cancellationToken = default)
    {
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id)
            .Select(a => new { a.Id, a.Hash, a.Mac }).FirstOrDefaultAsync(cancellationToken);
        return last is null ? null : new AuditHead(last.Id, last.Hash, last.Mac, await db.AuditEntries.LongCountAsync(cancellationToken));
    }

    /// <summary>
    /// Checks the whole chain (with the audit key and the head checkpoint) and records the result as a line of its own
    /// (action <see cref="AuditAction.VerifyChain"/>), so the administration page can show when the chain was last
    /// checked, by whom, and what was found.
    /// </summary>
    public static async Task<AuditVerification> VerifyAndRecordAsync(SanLingDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(db, AnchorOf(db), useCheckpoint: true, cancellationToken);
        var result = new AuditVerification(check.Problem is null, check.BrokenAt, check.Lines, clock.GetUtcNow(), db.Actor.UserName)
        {
            Problem = check.Problem,
            BeforeAnchoring = check.BeforeAnchoring,
            CheckpointId = check.CheckpointId,
        };
        // Only what a reader needs: an intact check of a fully sealed chain stays {"intact":true,"lines":…,"brokenAt":null}.
        var details = new VerificationDetails(result.Intact, result.Lines, result.BrokenAt, result.Problem,
            result.BeforeAnchoring > 0 ? result.BeforeAnchoring : null, result.Intact ? null : result.CheckpointId);
        await AppendAsync(db, clock, AuditAction.VerifyChain, nameof(AuditEntry), null, JsonSerializer.Serialize(details), cancellationToken);
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
            return details is null ? null : new AuditVerification(details.Intact, details.BrokenAt, details.Lines, last.At, last.UserName)
            {
                // Checks recorded before the chain was anchored knew only one problem: a broken link.
                Problem = details.Problem ?? (details.Intact ? null : AuditProblem.Altered),
                BeforeAnchoring = details.BeforeAnchoring ?? 0,
                CheckpointId = details.CheckpointId,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record VerificationDetails(
        [property: System.Text.Json.Serialization.JsonPropertyName("intact")] bool Intact,
        [property: System.Text.Json.Serialization.JsonPropertyName("lines")] int Lines,
        [property: System.Text.Json.Serialization.JsonPropertyName("brokenAt")] long? BrokenAt,
        [property: System.Text.Json.Serialization.JsonPropertyName("problem"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] AuditProblem? Problem = null,
        [property: System.Text.Json.Serialization.JsonPropertyName("beforeAnchoring"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? BeforeAnchoring = null,
        [property: System.Text.Json.Serialization.JsonPropertyName("checkpoint"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] long? CheckpointId = null);

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

/// <summary>What a check of the chain found wrong.</summary>
public enum AuditProblem
{
    /// <summary>A line's hash or link is wrong: the line (or the one before it) was edited, removed or inserted.</summary>
    Altered = 1,

    /// <summary>A line's MAC does not match: the chain was re-hashed by someone without the audit key.</summary>
    MacMismatch = 2,

    /// <summary>A line after the first sealed one has no MAC.</summary>
    MacMissing = 3,

    /// <summary>The database ends before the head recorded in the checkpoint: lines were cut from the end.</summary>
    MissingAtEnd = 4,

    /// <summary>The line at the checkpoint's head is not the one recorded there.</summary>
    HeadReplaced = 5,

    /// <summary>The chain is sealed but the head checkpoint outside the database is gone.</summary>
    CheckpointMissing = 6,
}

/// <summary>
/// The result of walking the chain. <see cref="BrokenAt"/> is the line concerned (for <see cref="AuditProblem.MissingAtEnd"/>,
/// the database's last line); <see cref="BeforeAnchoring"/> counts the lines written before MACs existed (not a failure).
/// </summary>
public sealed record AuditCheck(AuditProblem? Problem, long? BrokenAt, int Lines, int BeforeAnchoring, long? CheckpointId);

/// <summary>One recorded check of the chain: intact, or what was found wrong and where.</summary>
public sealed record AuditVerification(bool Intact, long? BrokenAt, int Lines, DateTimeOffset At, string? By)
{
    public AuditProblem? Problem { get; init; }

    public int BeforeAnchoring { get; init; }

    /// <summary>The last line recorded in the head checkpoint when the check ran.</summary>
    public long? CheckpointId { get; init; }
}

internal sealed record PendingAudit(EntityEntry Entry, AuditAction Action, string Changes);
