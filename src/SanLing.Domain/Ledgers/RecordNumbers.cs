using System.Globalization;

namespace SanLing.Domain.Ledgers;

/// <summary>
/// How the incident ledgers number their records: prefix, year, sequence within the year ("XF-2026-001"), as the
/// demo town and the sample workbooks do. The next number is offered in the create form; the user may change it.
/// </summary>
public static class RecordNumbers
{
    public const string Petition = "XF";
    public const string Accident = "SG";
    public const string Case = "AJ";

    /// <summary>What every number of <paramref name="prefix"/>'s <paramref name="year"/> starts with ("XF-2026-").</summary>
    public static string YearPrefix(string prefix, int year) => $"{prefix}-{year.ToString(CultureInfo.InvariantCulture)}-";

    public static string Format(string prefix, int year, int sequence) =>
        YearPrefix(prefix, year) + sequence.ToString("000", CultureInfo.InvariantCulture);

    /// <summary>The sequence of a number of that ledger and year, or null for a number written another way.</summary>
    public static int? SequenceOf(string number, string prefix, int year)
    {
        ArgumentNullException.ThrowIfNull(number);
        var start = YearPrefix(prefix, year);
        return number.StartsWith(start, StringComparison.Ordinal)
            && int.TryParse(number.AsSpan(start.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>One past the highest sequence of the year among <paramref name="existing"/> (numbers written by hand are skipped).</summary>
    public static string Next(string prefix, int year, IEnumerable<string> existing) =>
        Format(prefix, year, existing.Select(n => SequenceOf(n, prefix, year) ?? 0).DefaultIfEmpty(0).Max() + 1);
}
