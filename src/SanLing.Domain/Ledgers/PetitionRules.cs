using System.Linq.Expressions;
using SanLing.Domain.Rules;

namespace SanLing.Domain.Ledgers;

/// <summary>What a petition form or import row says, before it is a <see cref="Petition"/>.</summary>
public sealed record PetitionValues
{
    public string? Number { get; init; }
    public string? SubjectCode { get; init; }
    public DateOnly? FiledOn { get; init; }
    public PetitionKind? Kind { get; init; }
    public int? PetitionerCount { get; init; }
    public string? Matter { get; init; }
    public string? LeaderInCharge { get; init; }
    public PetitionStatus? Status { get; init; }
    public DateOnly? ResolvedOn { get; init; }
}

/// <summary>信访: the ledger's limits, checks and the predicates SQL and the evaluation share (one definition each).</summary>
public static class PetitionRules
{
    public const int NumberMaxLength = IncidentRules.NumberMaxLength;
    public const int MatterMaxLength = 1000;
    public const int LeaderMaxLength = 50;
    public const int MinPetitioners = 1;
    public const int MaxPetitioners = 10_000;

    /// <summary>集体访: five people or more.</summary>
    public const int CollectiveMinimum = 5;

    public static IReadOnlyList<RuleViolation> Check(PetitionValues v, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(v);
        var check = new RuleCheck()
            .Text(nameof(v.Number), "编号", v.Number, NumberMaxLength, required: true)
            .Text(nameof(v.SubjectCode), "单位编码", v.SubjectCode, IncidentRules.SubjectCodeMaxLength, required: true)
            .Date(nameof(v.FiledOn), "登记日期", v.FiledOn, today, required: true)
            .Choice(nameof(v.Kind), "类型", v.Kind)
            .Range(nameof(v.PetitionerCount), "人数", v.PetitionerCount, MinPetitioners, MaxPetitioners)
            .Text(nameof(v.Matter), "事由", v.Matter, MatterMaxLength)
            .Text(nameof(v.LeaderInCharge), "包案领导", v.LeaderInCharge, LeaderMaxLength)
            .Choice(nameof(v.Status), "状态", v.Status);
        check.When(v.Kind == PetitionKind.Collective && v.PetitionerCount < CollectiveMinimum && !check.Failed(nameof(v.PetitionerCount)),
            nameof(v.PetitionerCount), RuleMessages.CollectiveMinimum, CollectiveMinimum);
        check.When(v.Status == PetitionStatus.Resolved && v.ResolvedOn is null, nameof(v.ResolvedOn), RuleMessages.ResolvedOnRequired)
            .When(v.Status is { } s && s != PetitionStatus.Resolved && v.ResolvedOn is not null, nameof(v.ResolvedOn), RuleMessages.ResolvedOnOnlyWhenResolved)
            .NotBefore(nameof(v.ResolvedOn), "化解日期", v.ResolvedOn, "登记日期", v.FiledOn)
            .Date(nameof(v.ResolvedOn), "化解日期", v.ResolvedOn, today);
        return check.Violations;
    }

    /// <summary>已化解 with a date on or before the day (上报 is not resolved at this level). The one definition.</summary>
    public static readonly Expression<Func<PetitionStatus, DateOnly?, DateOnly, bool>> ResolvedByRule =
        (status, resolvedOn, day) => status == PetitionStatus.Resolved && resolvedOn != null && resolvedOn <= day;

    /// <summary>
    /// 积案 on a day: filed in an earlier year and not resolved by that day (BRIEF §3, item 3.3). A petition not resolved
    /// by the end of its own year becomes backlog; resolving it later clears it.
    /// </summary>
    public static readonly Expression<Func<DateOnly, PetitionStatus, DateOnly?, DateOnly, bool>> BacklogRule = BuildBacklogRule();

    private static readonly Func<PetitionStatus, DateOnly?, DateOnly, bool> ResolvedByCompiled = ResolvedByRule.Compile();
    private static readonly Func<DateOnly, PetitionStatus, DateOnly?, DateOnly, bool> BacklogCompiled = BacklogRule.Compile();

    public static bool IsResolvedBy(PetitionStatus status, DateOnly? resolvedOn, DateOnly day) => ResolvedByCompiled(status, resolvedOn, day);

    public static bool IsBacklogOn(DateOnly filedOn, PetitionStatus status, DateOnly? resolvedOn, DateOnly day) => BacklogCompiled(filedOn, status, resolvedOn, day);

    /// <summary>积案 on <paramref name="day"/> as an EF predicate.</summary>
    public static Expression<Func<Petition, bool>> Backlog(DateOnly day)
    {
        var p = Expression.Parameter(typeof(Petition), "p");
        var body = Predicate.Inline(BacklogRule,
            Expression.Property(p, nameof(Petition.OccurredOn)), Expression.Property(p, nameof(Petition.Status)),
            Expression.Property(p, nameof(Petition.ResolvedOn)), Predicate.Captured(day));
        return Expression.Lambda<Func<Petition, bool>>(body, p);
    }

    /// <summary>Resolved by <paramref name="day"/> as an EF predicate.</summary>
    public static Expression<Func<Petition, bool>> ResolvedBy(DateOnly day)
    {
        var p = Expression.Parameter(typeof(Petition), "p");
        var body = Predicate.Inline(ResolvedByRule,
            Expression.Property(p, nameof(Petition.Status)), Expression.Property(p, nameof(Petition.ResolvedOn)), Predicate.Captured(day));
        return Expression.Lambda<Func<Petition, bool>>(body, p);
    }

    private static Expression<Func<DateOnly, PetitionStatus, DateOnly?, DateOnly, bool>> BuildBacklogRule()
    {
        var filedOn = Expression.Parameter(typeof(DateOnly), "filedOn");
        var status = Expression.Parameter(typeof(PetitionStatus), "status");
        var resolvedOn = Expression.Parameter(typeof(DateOnly?), "resolvedOn");
        var day = Expression.Parameter(typeof(DateOnly), "day");
        Expression<Func<DateOnly, DateOnly, bool>> earlierYear = (filed, d) => filed < new DateOnly(d.Year, 1, 1);
        var body = Expression.AndAlso(
            Predicate.Inline(earlierYear, filedOn, day),
            Expression.Not(Predicate.Inline(ResolvedByRule, status, resolvedOn, day)));
        return Expression.Lambda<Func<DateOnly, PetitionStatus, DateOnly?, DateOnly, bool>>(body, filedOn, status, resolvedOn, day);
    }
}
