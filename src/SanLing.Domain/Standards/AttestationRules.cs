using SanLing.Domain.Rules;

namespace SanLing.Domain.Standards;

/// <summary>年度评定: limits and checks of one attestation (which items may be attested needs the rule set).</summary>
public static class AttestationRules
{
    public const int ItemCodeMaxLength = 8;
    public const int NoteMaxLength = 1000;
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static IReadOnlyList<RuleViolation> Check(int? year, string? itemCode, AttestationResult? result, string? note, DateOnly today)
    {
        var check = new RuleCheck()
            .Range("Year", "年度", year, FirstYear, LastYear)
            .When(year > today.Year, "Year", RuleMessages.NotInFuture, "年度")
            .Text("ItemCode", "条目", itemCode, ItemCodeMaxLength, required: true)
            .Choice("Result", "结果", result)
            .Text("Note", "说明", note, NoteMaxLength);
        return check.Violations;
    }
}
