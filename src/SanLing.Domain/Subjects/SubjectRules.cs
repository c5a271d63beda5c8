using System.Linq.Expressions;
using SanLing.Domain.Rules;

namespace SanLing.Domain.Subjects;

/// <summary>What a subject form or import row says. The territory is given as "has one" (form: an id, import: a code).</summary>
public sealed record SubjectValues
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public SubjectKind? Kind { get; init; }
    public bool HasTerritory { get; init; }
    public string? PrincipalName { get; init; }
    public string? LeaderInChargeName { get; init; }
    public string? ContactPerson { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
    public DateOnly? EstablishedOn { get; init; }
    public DateOnly? DissolvedOn { get; init; }
}

/// <summary>单位名录: limits and checks of a creation subject.</summary>
public static class SubjectRules
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 100;
    public const int PersonMaxLength = 50;
    public const int PhoneMaxLength = 30;
    public const int AddressMaxLength = 200;
    public static readonly DateOnly EarliestDate = new(1949, 10, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>Active on a day: established on or before it (or always) and not yet dissolved. The one definition.</summary>
    public static readonly Expression<Func<DateOnly?, DateOnly?, DateOnly, bool>> ActiveOnRule =
        (establishedOn, dissolvedOn, day) => (establishedOn == null || establishedOn <= day) && (dissolvedOn == null || dissolvedOn > day);

    private static readonly Func<DateOnly?, DateOnly?, DateOnly, bool> ActiveOnCompiled = ActiveOnRule.Compile();

    public static bool IsActiveOn(DateOnly? establishedOn, DateOnly? dissolvedOn, DateOnly day) => ActiveOnCompiled(establishedOn, dissolvedOn, day);

    /// <summary>Active on <paramref name="day"/> as an EF predicate.</summary>
    public static Expression<Func<Subject, bool>> ActiveOn(DateOnly day)
    {
        var s = Expression.Parameter(typeof(Subject), "s");
        var body = Predicate.Inline(ActiveOnRule, Expression.Property(s, nameof(Subject.EstablishedOn)), Expression.Property(s, nameof(Subject.DissolvedOn)), Predicate.Captured(day));
        return Expression.Lambda<Func<Subject, bool>>(body, s);
    }

    /// <summary>The field of the territory (the form's TerritoryId, the import's 所属村社区编码).</summary>
    public const string TerritoryField = "Territory";

    public static IReadOnlyList<RuleViolation> Check(SubjectValues v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var check = new RuleCheck()
            .Text(nameof(v.Code), "编码", v.Code, CodeMaxLength, required: true)
            .When(!string.IsNullOrWhiteSpace(v.Code) && !CommonRules.IsCode(v.Code), nameof(v.Code), RuleMessages.CodeCharacters, "编码")
            .Text(nameof(v.Name), "名称", v.Name, NameMaxLength, required: true)
            .Choice(nameof(v.Kind), "类型", v.Kind)
            .When(v.Kind is { } k && !k.IsTerritory() && !v.HasTerritory, TerritoryField, RuleMessages.TerritoryRequired)
            .When(v.Kind is { } t && t.IsTerritory() && v.HasTerritory, TerritoryField, RuleMessages.TerritoryForbidden)
            .Text(nameof(v.PrincipalName), "第一责任人", v.PrincipalName, PersonMaxLength)
            .Text(nameof(v.LeaderInChargeName), "直接责任人", v.LeaderInChargeName, PersonMaxLength)
            .Text(nameof(v.ContactPerson), "联系人", v.ContactPerson, PersonMaxLength)
            .Text(nameof(v.Phone), "联系电话", v.Phone, PhoneMaxLength)
            .When(!string.IsNullOrWhiteSpace(v.Phone) && !CommonRules.IsPhone(v.Phone), nameof(v.Phone), RuleMessages.Phone, "联系电话")
            .Text(nameof(v.Address), "地址", v.Address, AddressMaxLength)
            .When(v.EstablishedOn is { } e && (e < EarliestDate || e > LatestDate), nameof(v.EstablishedOn), RuleMessages.Invalid, "设立日期")
            .When(v.DissolvedOn is { } d && v.EstablishedOn is { } from && d <= from, nameof(v.DissolvedOn), RuleMessages.After, "撤销日期", "设立日期");
        return check.Violations;
    }
}

/// <summary>What a grid form or import row says.</summary>
public sealed record GridValues
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? SubjectCode { get; init; }
    public string? WorkerName { get; init; }
    public string? WorkerPhone { get; init; }
}

/// <summary>网格: limits and checks.</summary>
public static class GridRules
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 100;
    public const int WorkerNameMaxLength = 50;
    public const int WorkerPhoneMaxLength = 30;

    public static IReadOnlyList<RuleViolation> Check(GridValues v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new RuleCheck()
            .Text(nameof(v.Code), "网格编码", v.Code, CodeMaxLength, required: true)
            .When(!string.IsNullOrWhiteSpace(v.Code) && !CommonRules.IsCode(v.Code), nameof(v.Code), RuleMessages.CodeCharacters, "网格编码")
            .Text(nameof(v.Name), "网格名称", v.Name, NameMaxLength, required: true)
            .Text(nameof(v.SubjectCode), "所属单位编码", v.SubjectCode, SubjectRules.CodeMaxLength, required: true)
            .Text(nameof(v.WorkerName), "网格员", v.WorkerName, WorkerNameMaxLength)
            .Text(nameof(v.WorkerPhone), "网格员电话", v.WorkerPhone, WorkerPhoneMaxLength)
            .When(!string.IsNullOrWhiteSpace(v.WorkerPhone) && !CommonRules.IsPhone(v.WorkerPhone), nameof(v.WorkerPhone), RuleMessages.Phone, "网格员电话")
            .Violations;
    }
}
