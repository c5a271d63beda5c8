using SanLing.Domain.Rules;

namespace SanLing.Domain.Ledgers;

/// <summary>What the three incident ledgers share: the number, the subject's code and the date.</summary>
public static class IncidentRules
{
    public const int NumberMaxLength = 40;
    public const int SubjectCodeMaxLength = Subjects.SubjectRules.CodeMaxLength;
    public const int TextMaxLength = 1000;
}

/// <summary>What an accident form or import row says.</summary>
public sealed record AccidentValues
{
    public string? Number { get; init; }
    public string? SubjectCode { get; init; }
    public DateOnly? OccurredOn { get; init; }
    public AccidentCategory? Category { get; init; }
    public int? Deaths { get; init; }
    public int? Injuries { get; init; }
    public decimal? Loss { get; init; }
    public string? Summary { get; init; }
}

/// <summary>事故: limits and checks.</summary>
public static class AccidentRules
{
    public const int MaxPeople = 10_000;

    /// <summary>直接经济损失 in 万元: up to 100 亿元, two decimals (the column is decimal(14, 2)).</summary>
    public const decimal MaxLoss = 1_000_000m;
    public const int LossPrecision = 14;
    public const int LossDecimals = 2;
    public const int SummaryMaxLength = IncidentRules.TextMaxLength;

    public static IReadOnlyList<RuleViolation> Check(AccidentValues v, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new RuleCheck()
            .Text(nameof(v.Number), "编号", v.Number, IncidentRules.NumberMaxLength, required: true)
            .Text(nameof(v.SubjectCode), "单位编码", v.SubjectCode, IncidentRules.SubjectCodeMaxLength, required: true)
            .Date(nameof(v.OccurredOn), "发生日期", v.OccurredOn, today, required: true)
            .Choice(nameof(v.Category), "类别", v.Category)
            .Range(nameof(v.Deaths), "死亡人数", v.Deaths, 0, MaxPeople)
            .Range(nameof(v.Injuries), "受伤人数", v.Injuries, 0, MaxPeople)
            .Range(nameof(v.Loss), "直接经济损失（万元）", v.Loss, 0m, MaxLoss, LossDecimals)
            .Text(nameof(v.Summary), "简要情况", v.Summary, SummaryMaxLength)
            .Violations;
    }
}

/// <summary>What a case form or import row says.</summary>
public sealed record CaseValues
{
    public string? Number { get; init; }
    public string? SubjectCode { get; init; }
    public DateOnly? OccurredOn { get; init; }
    public CaseKind? Kind { get; init; }
    public string? Facts { get; init; }
    public string? OffenderNumber { get; init; }
}

/// <summary>案件: limits and checks (whether the offender's number is registered needs the database).</summary>
public static class CaseRules
{
    public const int FactsMaxLength = IncidentRules.TextMaxLength;

    public static IReadOnlyList<RuleViolation> Check(CaseValues v, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new RuleCheck()
            .Text(nameof(v.Number), "编号", v.Number, IncidentRules.NumberMaxLength, required: true)
            .Text(nameof(v.SubjectCode), "单位编码", v.SubjectCode, IncidentRules.SubjectCodeMaxLength, required: true)
            .Date(nameof(v.OccurredOn), "发案日期", v.OccurredOn, today, required: true)
            .Choice(nameof(v.Kind), "性质", v.Kind)
            .Text(nameof(v.Facts), "简要案情", v.Facts, FactsMaxLength)
            .Text(nameof(v.OffenderNumber), "涉事重点人员编号", v.OffenderNumber, KeyPopulations.KeyPersonRules.NumberMaxLength)
            .Violations;
    }
}
