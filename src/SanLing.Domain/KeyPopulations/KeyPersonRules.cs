using System.Linq.Expressions;
using SanLing.Domain.Rules;

namespace SanLing.Domain.KeyPopulations;

/// <summary>What a key-person form or import row says (the ID number is checked by <see cref="ChineseIdNumber"/>).</summary>
public sealed record KeyPersonValues
{
    public string? Number { get; init; }
    public string? Name { get; init; }
    public string? SubjectCode { get; init; }
    public KeyPersonCategory? Category { get; init; }
    public DateOnly? ListedOn { get; init; }
    public DateOnly? DelistedOn { get; init; }
    public bool HasAssistancePlan { get; init; }

    /// <summary>The plan's text; null where the source has no such field (the import template has only 有/无).</summary>
    public string? AssistancePlan { get; init; }
    public string? HelperName { get; init; }
}

/// <summary>What a follow-up (帮教记录) says.</summary>
public sealed record FollowUpValues
{
    public DateOnly? VisitedOn { get; init; }
    public string? VisitedBy { get; init; }
    public string? Note { get; init; }
}

/// <summary>重点人员 and their 帮教记录: limits, checks, and "active in a period" for SQL and memory.</summary>
public static class KeyPersonRules
{
    public const int NumberMaxLength = 40;
    public const int NameMaxLength = 50;
    public const int IdNumberMaxLength = 30;
    public const int PlanMaxLength = 2000;
    public const int HelperMaxLength = 50;
    public const int NoteMaxLength = 1000;

    /// <param name="planTextAsked">Whether the source asks for the plan's text (the form does, the import does not).</param>
    public static IReadOnlyList<RuleViolation> Check(KeyPersonValues v, DateOnly today, bool planTextAsked = true)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new RuleCheck()
            .Text(nameof(v.Number), "编号", v.Number, NumberMaxLength, required: true)
            .Text(nameof(v.Name), "姓名", v.Name, NameMaxLength, required: true)
            .Text(nameof(v.SubjectCode), "所属单位编码", v.SubjectCode, Subjects.SubjectRules.CodeMaxLength, required: true)
            .Choice(nameof(v.Category), "类别", v.Category)
            .Date(nameof(v.ListedOn), "列管日期", v.ListedOn, today, required: true)
            .NotBefore(nameof(v.DelistedOn), "解除日期", v.DelistedOn, "列管日期", v.ListedOn)
            .Date(nameof(v.DelistedOn), "解除日期", v.DelistedOn, today)
            .When(planTextAsked && v.HasAssistancePlan && string.IsNullOrWhiteSpace(v.AssistancePlan), nameof(v.AssistancePlan), RuleMessages.PlanRequired)
            .Text(nameof(v.AssistancePlan), "帮教方案", v.AssistancePlan, PlanMaxLength)
            .Text(nameof(v.HelperName), "帮教责任人", v.HelperName, HelperMaxLength)
            .Violations;
    }

    public static IReadOnlyList<RuleViolation> Check(FollowUpValues v, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new RuleCheck()
            .Date(nameof(v.VisitedOn), "帮教日期", v.VisitedOn, today, required: true)
            .Text(nameof(v.VisitedBy), "帮教人", v.VisitedBy, HelperMaxLength, required: true)
            .Text(nameof(v.Note), "帮教情况", v.Note, NoteMaxLength)
            .Violations;
    }

    /// <summary>Active in a period: listed on or before its end and not delisted before its start. The one definition.</summary>
    public static readonly Expression<Func<DateOnly, DateOnly?, DateOnly, DateOnly, bool>> ActiveRule =
        (listedOn, delistedOn, start, end) => listedOn <= end && (delistedOn == null || delistedOn >= start);

    private static readonly Func<DateOnly, DateOnly?, DateOnly, DateOnly, bool> ActiveCompiled = ActiveRule.Compile();

    public static bool IsActive(DateOnly listedOn, DateOnly? delistedOn, DateOnly start, DateOnly end) => ActiveCompiled(listedOn, delistedOn, start, end);

    /// <summary>Active between <paramref name="start"/> and <paramref name="end"/> as an EF predicate.</summary>
    public static Expression<Func<KeyPerson, bool>> Active(DateOnly start, DateOnly end)
    {
        var k = Expression.Parameter(typeof(KeyPerson), "k");
        var body = Predicate.Inline(ActiveRule, Expression.Property(k, nameof(KeyPerson.ListedOn)), Expression.Property(k, nameof(KeyPerson.DelistedOn)),
            Predicate.Captured(start), Predicate.Captured(end));
        return Expression.Lambda<Func<KeyPerson, bool>>(body, k);
    }
}

/// <summary>What a rental-house form or import row says.</summary>
public sealed record RentalHouseValues
{
    public string? Number { get; init; }
    public string? SubjectCode { get; init; }
    public string? Address { get; init; }
    public string? Landlord { get; init; }
    public int? TenantCount { get; init; }
    public bool IsRegistered { get; init; }
    public DateOnly? RegisteredOn { get; init; }
}

/// <summary>出租屋: limits and checks.</summary>
public static class RentalHouseRules
{
    public const int NumberMaxLength = 40;
    public const int AddressMaxLength = 200;
    public const int LandlordMaxLength = 50;
    public const int MaxTenants = 10_000;

    /// <summary>The town-wide number a new house is offered: CZ- and at least four digits (CZ-0001).</summary>
    public const string NumberPrefix = "CZ-";

    public static string FormatNumber(int sequence) => $"{NumberPrefix}{sequence:0000}";

    /// <summary>The number after the highest CZ- number in use (numbers of another shape are ignored); CZ-0001 in an empty town.</summary>
    public static string NextNumber(IEnumerable<string> numbersInUse)
    {
        ArgumentNullException.ThrowIfNull(numbersInUse);
        var highest = 0;
        foreach (var number in numbersInUse)
        {
            if (number.StartsWith(NumberPrefix, StringComparison.Ordinal)
                && int.TryParse(number.AsSpan(NumberPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                && n > highest && n < int.MaxValue)
            {
                highest = n;
            }
        }
        return FormatNumber(highest + 1);
    }

    public static IReadOnlyList<RuleViolation> Check(RentalHouseValues v, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new RuleCheck()
            .Text(nameof(v.Number), "编号", v.Number, NumberMaxLength, required: true)
            .Text(nameof(v.SubjectCode), "所属单位编码", v.SubjectCode, Subjects.SubjectRules.CodeMaxLength, required: true)
            .Text(nameof(v.Address), "地址", v.Address, AddressMaxLength, required: true)
            .Text(nameof(v.Landlord), "房东", v.Landlord, LandlordMaxLength)
            .Range(nameof(v.TenantCount), "承租人数", v.TenantCount, 0, MaxTenants)
            .When(v.IsRegistered && v.RegisteredOn is null, nameof(v.RegisteredOn), RuleMessages.RegisteredOnRequired)
            .When(!v.IsRegistered && v.RegisteredOn is not null, nameof(v.RegisteredOn), RuleMessages.RegisteredOnOnlyWhenRegistered)
            .Date(nameof(v.RegisteredOn), "登记日期", v.RegisteredOn, today)
            .Violations;
    }
}
