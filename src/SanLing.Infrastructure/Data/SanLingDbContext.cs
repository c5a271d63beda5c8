using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
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
/// <see cref="SqlServerSanLingDbContext"/>) only so that each keeps its own migrations.
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

    public DbSet<Town> Towns => Set<Town>();
    public DbSet<Subject> Subjects => Set<Subject>();
    public DbSet<Grid> Grids => Set<Grid>();
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<Accident> Accidents => Set<Accident>();
    public DbSet<SecurityCase> Cases => Set<SecurityCase>();
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<MonthLock> MonthLocks => Set<MonthLock>();
    public DbSet<KeyPerson> KeyPersons => Set<KeyPerson>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<RentalHouse> RentalHouses => Set<RentalHouse>();
    public DbSet<RuleSet> RuleSets => Set<RuleSet>();
    public DbSet<RuleSetItem> RuleSetItems => Set<RuleSetItem>();
    public DbSet<Attestation> Attestations => Set<Attestation>();
    public DbSet<EvaluationRun> EvaluationRuns => Set<EvaluationRun>();
    public DbSet<EvaluationResult> EvaluationResults => Set<EvaluationResult>();
    public DbSet<EvaluationItemResult> EvaluationItemResults => Set<EvaluationItemResult>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SystemSetting> SystemSettings => Set<SystemSetting>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SanLingDbContext).Assembly);

        foreach (var type in builder.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => typeof(Entity).IsAssignableFrom(t)).ToList())
        {
            ApplyTownFilterMethod.MakeGenericMethod(type).Invoke(this, [builder]);
        }
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
    : SanLingDbContext(options, actor);
