using System.Linq.Expressions;
using SanLing.Domain.Rules;

namespace SanLing.Domain.Inspections;

/// <summary>What a finding row of the inspection form or the 发现 sheet says.</summary>
public sealed record FindingValues
{
    public FindingType? Type { get; init; }
    public DisputeCategory? DisputeCategory { get; init; }
    public HazardCategory? HazardCategory { get; init; }
    public string? Description { get; init; }
    public string? Parties { get; init; }
    public RiskLevel? RiskLevel { get; init; }
    public DateOnly? RectifyBy { get; init; }
    public FindingStatus? Status { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public ResolutionMethod? ResolutionMethod { get; init; }
}

/// <summary>Where a finding comes from: the form asks for more (risk level, method) and drops what its type hides.</summary>
public enum FindingSource
{
    Form = 1,
    Import = 2,
}

/// <summary>矛盾纠纷 and 安全隐患: limits, checks, and "closed by a day" for SQL and memory.</summary>
public static class FindingRules
{
    public const int DescriptionMaxLength = 1000;
    public const int PartiesMaxLength = 200;
    public const int InspectorMaxLength = 50;

    /// <summary>The statuses a finding of the type may have: 化解中/已化解/上报 for a dispute, 整改中/已整改 for a hazard.</summary>
    public static IReadOnlyList<FindingStatus> StatusesFor(FindingType type) => type switch
    {
        FindingType.Dispute => DisputeStatuses,
        FindingType.Hazard => HazardStatuses,
        _ => [],
    };

    private static readonly FindingStatus[] DisputeStatuses = [FindingStatus.Mediating, FindingStatus.Resolved, FindingStatus.Escalated];
    private static readonly FindingStatus[] HazardStatuses = [FindingStatus.Rectifying, FindingStatus.Rectified];

    /// <summary>Still to be followed up (化解中, 整改中): carried into later months' forms and onto the worklist.</summary>
    public static bool IsOpen(FindingStatus status) => status is FindingStatus.Mediating or FindingStatus.Rectifying;

    /// <param name="month">The inspected month (its first day), when known.</param>
    /// <param name="inspectedOn">The inspection's date, when known.</param>
    public static IReadOnlyList<RuleViolation> Check(FindingValues v, DateOnly today, DateOnly? month, DateOnly? inspectedOn, FindingSource source)
    {
        ArgumentNullException.ThrowIfNull(v);
        var form = source == FindingSource.Form;
        var check = new RuleCheck()
            .Choice(nameof(v.Type), "问题类型", v.Type)
            .Text(nameof(v.Description), "问题描述", v.Description, DescriptionMaxLength, required: true)
            .Text(nameof(v.Parties), "当事人", v.Parties, PartiesMaxLength)
            .Choice(nameof(v.Status), "状态", v.Status, required: !form);
        var closed = v.Status is FindingStatus.Resolved or FindingStatus.Rectified;
        if (v.Type == FindingType.Dispute)
        {
            check.Choice(nameof(v.DisputeCategory), "纠纷类别", v.DisputeCategory)
                .When(v.Status is { } s && !StatusesFor(FindingType.Dispute).Contains(s), nameof(v.Status), RuleMessages.DisputeStatus)
                .When(!form && v.RectifyBy is not null, nameof(v.RectifyBy), RuleMessages.RectifyByForDisputes)
                .When(form && v.Status == FindingStatus.Resolved && v.ResolutionMethod is null, nameof(v.ResolutionMethod), RuleMessages.MethodRequired)
                .Choice(nameof(v.ResolutionMethod), "化解方式", v.ResolutionMethod, required: false);
        }
        else if (v.Type == FindingType.Hazard)
        {
            check.Choice(nameof(v.HazardCategory), "隐患类别", v.HazardCategory)
                .Choice(nameof(v.RiskLevel), "风险等级", v.RiskLevel, required: form)
                .When(v.Status is { } s && !StatusesFor(FindingType.Hazard).Contains(s), nameof(v.Status), RuleMessages.HazardStatus)
                .When(v.RectifyBy is null, nameof(v.RectifyBy), RuleMessages.RectifyByRequired)
                .NotBefore(nameof(v.RectifyBy), "整改期限", v.RectifyBy, "排查日期", inspectedOn);
        }
        check.When(closed && v.ClosedOn is null, nameof(v.ClosedOn),
                v.Status == FindingStatus.Resolved ? RuleMessages.DisputeClosedOnRequired : RuleMessages.HazardClosedOnRequired)
            .When(!form && v.Status is not null && !closed && v.ClosedOn is not null, nameof(v.ClosedOn), RuleMessages.ClosedOnOnlyWhenClosed)
            .Date(nameof(v.ClosedOn), "办结日期", v.ClosedOn, today)
            .When(v.ClosedOn is { } c && month is { } m && c < m, nameof(v.ClosedOn), RuleMessages.ClosedBeforeMonth)
            .NotBefore(nameof(v.ClosedOn), "办结日期", v.ClosedOn, "排查日期", inspectedOn);
        return check.Violations;
    }

    /// <summary>已化解 or 已整改 with a date on or before the day; 上报 is not closed at this level. The one definition.</summary>
    public static readonly Expression<Func<FindingStatus, DateOnly?, DateOnly, bool>> ClosedByRule =
        (status, closedOn, day) => (status == FindingStatus.Resolved || status == FindingStatus.Rectified) && closedOn != null && closedOn <= day;

    private static readonly Func<FindingStatus, DateOnly?, DateOnly, bool> ClosedByCompiled = ClosedByRule.Compile();

    public static bool IsClosedBy(FindingStatus status, DateOnly? closedOn, DateOnly day) => ClosedByCompiled(status, closedOn, day);

    /// <summary>Closed by <paramref name="day"/> as an EF predicate.</summary>
    public static Expression<Func<Finding, bool>> ClosedBy(DateOnly day)
    {
        var f = Expression.Parameter(typeof(Finding), "f");
        var body = Predicate.Inline(ClosedByRule, Expression.Property(f, nameof(Finding.Status)), Expression.Property(f, nameof(Finding.ClosedOn)), Predicate.Captured(day));
        return Expression.Lambda<Func<Finding, bool>>(body, f);
    }

    /// <summary>A hazard past its deadline and not rectified (整改超期) on the day. The one definition.</summary>
    public static readonly Expression<Func<FindingType, FindingStatus, DateOnly?, DateOnly, bool>> OverdueRule =
        (type, status, rectifyBy, day) => type == FindingType.Hazard && status != FindingStatus.Rectified && rectifyBy != null && rectifyBy < day;

    private static readonly Func<FindingType, FindingStatus, DateOnly?, DateOnly, bool> OverdueCompiled = OverdueRule.Compile();

    public static bool IsOverdueOn(FindingType type, FindingStatus status, DateOnly? rectifyBy, DateOnly day) => OverdueCompiled(type, status, rectifyBy, day);

    /// <summary>Overdue on <paramref name="day"/> as an EF predicate.</summary>
    public static Expression<Func<Finding, bool>> Overdue(DateOnly day)
    {
        var f = Expression.Parameter(typeof(Finding), "f");
        var body = Predicate.Inline(OverdueRule, Expression.Property(f, nameof(Finding.Type)), Expression.Property(f, nameof(Finding.Status)),
            Expression.Property(f, nameof(Finding.RectifyBy)), Predicate.Captured(day));
        return Expression.Lambda<Func<Finding, bool>>(body, f);
    }
}
