using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Identity;

namespace SanLing.Infrastructure.Data;

/// <summary>
/// The one DbContext. Each provider has a subclass (<see cref="SqliteSanLingDbContext"/>,
/// <see cref="SqlServerSanLingDbContext"/>, <see cref="PostgreSqlSanLingDbContext"/>) so that each keeps its own
/// migrations and its own way of locking the audit chain.
/// </summary>
public abstract class SanLingDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    private readonly CurrentActor _actor;

    protected SanLingDbContext(DbContextOptions options, CurrentActor actor) : base(options)
    {
        _actor = actor;
    }

    /// <summary>The town every town-scoped query is filtered to (parameterised per context instance).</summary>
    public int? CurrentTownId => _actor.TownId;

    public CurrentActor Actor => _actor;

    /// <summary>Bulk jobs (the demo seed) write one summary audit line instead of one per row.</summary>
    public bool SuppressRowAudit { get; set; }

    internal List<PendingAudit> PendingAudit { get; } = [];
    internal Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? OwnedAuditTransaction { get; set; }

    /// <summary>Audit lines added but not yet linked to the chain; linked at save time, under the chain's lock.</summary>
    internal List<AuditEntry> UnchainedAudit { get; } = [];

    /// <summary>The last line chained in the open transaction and the chain's length with it: the checkpoint once committed.</summary>
    internal (AuditEntry Line, long Count)? UncommittedHead { get; set; }

    /// <summary>True while the interceptor saves the audit lines of a save (the nested save must not commit).</summary>
    internal bool WritingAuditLines { get; set; }

    /// <summary>This process's gate to the chain, while this context holds it (with <see cref="OwnedAuditTransaction"/>).</summary>
    internal SemaphoreSlim? HeldAuditGate { get; set; }

    internal void ReleaseAuditGate()
    {
        var gate = HeldAuditGate;
        HeldAuditGate = null;
        gate?.Release();
    }

    /// <summary>
    /// The last audit line (id and hash), read inside the save's transaction once the chain is locked: on SQLite the
    /// transaction began with BEGIN IMMEDIATE and already holds the database's write lock.
    /// </summary>
    internal virtual AuditTail? LastAuditLine() =>
        AuditEntries.OrderByDescending(a => a.Id).Select(a => new AuditTail { Id = a.Id, Hash = a.Hash }).FirstOrDefault();

    internal virtual Task<AuditTail?> LastAuditLineAsync(CancellationToken cancellationToken) =>
        AuditEntries.OrderByDescending(a => a.Id).Select(a => new AuditTail { Id = a.Id, Hash = a.Hash }).FirstOrDefaultAsync(cancellationToken);

    // A context dropped mid-save (a request aborted) must not keep the other appenders of this process waiting.
    // Released after the context (and its transaction) is gone, so the next appender finds the database free.
    public override void Dispose()
    {
        try
        {
            base.Dispose();
        }
        finally
        {
            ReleaseAuditGate();
        }
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            ReleaseAuditGate();
        }
        GC.SuppressFinalize(this);
    }

    public DbSet<Town> Towns => Set<Town>();
    public DbSet<County> Counties => Set<County>();
    public DbSet<Subject> Subjects => Set<Subject>();
    public DbSet<Grid> Grids => Set<Grid>();
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<Accident> Accidents => Set<Accident>();
    public DbSet<SecurityCase> Cases => Set<SecurityCase>();
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<FindingPhoto> FindingPhotos => Set<FindingPhoto>();
    public DbSet<MonthLock> MonthLocks => Set<MonthLock>();
    public DbSet<KeyPerson> KeyPersons => Set<KeyPerson>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<RentalHouse> RentalHouses => Set<RentalHouse>();
    public DbSet<RuleSet> RuleSets => Set<RuleSet>();
    public DbSet<RuleSetItem> RuleSetItems => Set<RuleSetItem>();

    /// <summary>County rule sets are not town-filtered: county pages filter by the user's county themselves.</summary>
    public DbSet<CountyRuleSet> CountyRuleSets => Set<CountyRuleSet>();
    public DbSet<CountyRuleSetItem> CountyRuleSetItems => Set<CountyRuleSetItem>();
    public DbSet<Attestation> Attestations => Set<Attestation>();
    public DbSet<EvaluationRun> EvaluationRuns => Set<EvaluationRun>();
    public DbSet<EvaluationResult> EvaluationResults => Set<EvaluationResult>();
    public DbSet<EvaluationItemResult> EvaluationItemResults => Set<EvaluationItemResult>();

    /// <summary>
    /// The item verdicts of <paramref name="results"/>, read as <c>ResultId IN (…)</c>. SQLite answers the correlated
    /// form (<c>EvaluationItemResults.Where(i => EvaluationResults.Any(r => r.Id == i.ResultId …))</c>) by scanning
    /// every item of every run ever stored (2.7 s on a county's 12.7 million items); this form reads the results' own
    /// items by index (0.02 s).
    /// </summary>
    public IQueryable<EvaluationItemResult> ItemResultsOf(IQueryable<EvaluationResult> results) =>
        EvaluationItemResults.Where(i => results.Select(r => r.Id).Contains(i.ResultId));
    public DbSet<Appeal> Appeals => Set<Appeal>();
    public DbSet<AppealItem> AppealItems => Set<AppealItem>();
    public DbSet<AppealEvidence> AppealEvidence => Set<AppealEvidence>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SystemSetting> SystemSettings => Set<SystemSetting>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<TownHoliday> TownHolidays => Set<TownHoliday>();
    public DbSet<Domain.Supervision.SupervisionOrder> SupervisionOrders => Set<Domain.Supervision.SupervisionOrder>();
    public DbSet<Domain.Supervision.EscalatedDispute> EscalatedDisputes => Set<Domain.Supervision.EscalatedDispute>();
    public DbSet<Domain.Notifications.Notification> Notifications => Set<Domain.Notifications.Notification>();
    public DbSet<Domain.Notifications.OutboxMessage> OutboxMessages => Set<Domain.Notifications.OutboxMessage>();

    /// <summary>API tokens are not town-filtered: the bearer handler finds a token before any town is known; pages filter by town themselves.</summary>
    public DbSet<Domain.Api.ApiToken> ApiTokens => Set<Domain.Api.ApiToken>();
    public DbSet<Domain.Api.ApiCallLog> ApiCallLogs => Set<Domain.Api.ApiCallLog>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SanLingDbContext).Assembly);

        foreach (var type in builder.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => typeof(Entity).IsAssignableFrom(t)).ToList())
        {
            ApplyTownFilterMethod.MakeGenericMethod(type).Invoke(this, [builder]);
        }
        // Notifications and the outbox are traffic, not audited records (no Entity), but town-scoped all the same.
        builder.Entity<Domain.Notifications.Notification>().HasQueryFilter(n => n.TownId == CurrentTownId);
        builder.Entity<Domain.Notifications.OutboxMessage>().HasQueryFilter(m => m.TownId == CurrentTownId);
    }

    private static readonly System.Reflection.MethodInfo ApplyTownFilterMethod =
        typeof(SanLingDbContext).GetMethod(nameof(ApplyTownFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    private void ApplyTownFilter<T>(ModelBuilder builder) where T : Entity
    {
        Expression<Func<T, bool>> filter = e => e.TownId == CurrentTownId;
        builder.Entity<T>().HasQueryFilter(filter);
        builder.Entity<T>().Property(e => e.Version).IsConcurrencyToken();
        builder.Entity<T>().HasIndex(e => e.TownId);
    }
}

public sealed class SqliteSanLingDbContext(DbContextOptions<SqliteSanLingDbContext> options, CurrentActor actor)
    : SanLingDbContext(options, actor)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; store it as a sortable integer.
        configurationBuilder.Properties<DateTimeOffset>()
            .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>()
            .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class SqlServerSanLingDbContext(DbContextOptions<SqlServerSanLingDbContext> options, CurrentActor actor)
    : SanLingDbContext(options, actor)
{
    // UPDLOCK + HOLDLOCK: the last line (or the empty range) stays locked until the save commits, so a second
    // appender, in this process or another, waits here instead of chaining onto the same predecessor.
    private const string LockedLastLine =
        "SELECT TOP(1) [Id], [Hash] FROM [AuditEntries] WITH (UPDLOCK, HOLDLOCK) ORDER BY [Id] DESC";

    internal override AuditTail? LastAuditLine() =>
        Database.SqlQueryRaw<AuditTail>(LockedLastLine).AsEnumerable().FirstOrDefault();

    internal override async Task<AuditTail?> LastAuditLineAsync(CancellationToken cancellationToken) =>
        (await Database.SqlQueryRaw<AuditTail>(LockedLastLine).ToListAsync(cancellationToken)).FirstOrDefault();
}

public sealed class PostgreSqlSanLingDbContext(DbContextOptions<PostgreSqlSanLingDbContext> options, CurrentActor actor)
    : SanLingDbContext(options, actor)
{
    /// <summary>The transaction-scoped advisory lock that orders appenders to the audit chain ("SanLing" in ASCII).</summary>
    internal const long AuditChainLock = 0x53616E4C696E67;

    // An advisory lock, not SELECT … FOR UPDATE on the last line: FOR UPDATE locks nothing while the trail is empty, and
    // a second appender that waited on the old last line would still read it as the last. Taken in its own statement:
    // under READ COMMITTED the next statement's snapshot then sees what the previous holder committed.
    private static readonly string TakeLock = $"SELECT pg_advisory_xact_lock({AuditChainLock})";

    internal override AuditTail? LastAuditLine()
    {
        Database.ExecuteSqlRaw(TakeLock);
        return base.LastAuditLine();
    }

    internal override async Task<AuditTail?> LastAuditLineAsync(CancellationToken cancellationToken)
    {
        await Database.ExecuteSqlRawAsync(TakeLock, cancellationToken);
        return await base.LastAuditLineAsync(cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // timestamptz stores an instant and Npgsql refuses to write a non-zero offset: every value goes in as UTC
        // (the instant is unchanged; pages convert to the town's time zone as they do on the other providers).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Index filters are written in SQL Server's [brackets], which SQLite accepts too; PostgreSQL quotes with "".
        foreach (var index in builder.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredIndexes()))
        {
            if (index.GetFilter() is { } filter)
            {
                index.SetFilter(filter.Replace('[', '"').Replace(']', '"'));
            }
        }
    }

    private sealed class UtcDateTimeOffsetConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(), v => v);
}

/// <summary>The id and hash of the audit chain's last line.</summary>
public sealed class AuditTail
{
    public long Id { get; set; }
    public string Hash { get; set; } = "";
}
