using System.Text.RegularExpressions;

namespace SanLing.Domain.Common;

/// <summary>What a town's code, name and inspection due day may be (setup page, <c>setup</c> command, database).</summary>
public static partial class TownRules
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 100;
    public const int FirstDueDay = 1;

    /// <summary>Every month has a 28th, so the due date always exists.</summary>
    public const int LastDueDay = 28;

    public const int DefaultDueDay = 5;

    /// <summary>Letters, digits, '-' and '_' (it appears in file names and command lines).</summary>
    public static bool IsValidCode(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= CodeMaxLength && CodePattern().IsMatch(code);

    public static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= NameMaxLength;

    public static bool IsValidDueDay(int day) => day is >= FirstDueDay and <= LastDueDay;

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex CodePattern();
}
