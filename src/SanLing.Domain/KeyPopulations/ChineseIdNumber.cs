using System.Globalization;

namespace SanLing.Domain.KeyPopulations;

/// <summary>The 18-character resident ID number (GB 11643-1999): birth date and ISO 7064 MOD 11-2 check digit.</summary>
public static class ChineseIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    /// <summary>Upper-cases a trailing x and trims; returns null for empty input.</summary>
    public static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();

    public static bool IsValid(string? value) => Validate(value) is null;

    /// <summary>Null when valid, otherwise the reason in Chinese.</summary>
    public static string? Validate(string? value)
    {
        var id = Normalize(value);
        if (id is null)
        {
            return "身份证号不能为空";
        }
        if (id.Length != 18)
        {
            return "身份证号应为 18 位";
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return "身份证号前 17 位应为数字";
            }
        }
        if (!DateOnly.TryParseExact(id.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900)
        {
            return "身份证号中的出生日期无效";
        }
        return id[17] == CheckDigit(id) ? null : "身份证号校验位错误";
    }

    public static char CheckDigit(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckChars[sum % 11];
    }

    /// <summary>Keeps the first 4 and last 4 characters: 3301**********1234.</summary>
    public static string Mask(string id) =>
        id.Length <= 8 ? new string('*', id.Length) : string.Concat(id.AsSpan(0, 4), new string('*', id.Length - 8), id.AsSpan(id.Length - 4));
}
