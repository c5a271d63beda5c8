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

    /// <summary>批量评定 gives every A item not yet judged this result; the exceptions are then marked one by one.</summary>
    public const AttestationResult BulkResult = AttestationResult.Pass;

    /// <summary>
    /// The items of <paramref name="applicable"/> a bulk attestation fills: only those with no judgement on file, so an
    /// attestation already made (a 不达标 found earlier) is never overwritten.
    /// </summary>
    public static IEnumerable<string> BulkFills(IEnumerable<string> applicable, IReadOnlySet<string> onFile) =>
        applicable.Where(code => !onFile.Contains(code));
}
