namespace SanLing.Domain.Common;

/// <summary>
/// Dates and months typed as text the way offices type them: 2024年3月5日, 2024/3/5, 2024.3.5, 2024-3-5, 2024-03-05
/// (and months: 2024年3月, 2024/3, 2024.3, 2024-03). Full-width digits and separators are accepted; spaces around
/// the parts are ignored. Anything else — a two-digit year, a time, a day that does not exist — is not a date.
/// </summary>
public static class DateText
{
    /// <summary>A day, or false when the text is not one of the accepted shapes or names no real day.</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        return TryParts(text, 3, out var parts)
            && parts[1] is >= 1 and <= 12
            && parts[2] >= 1 && parts[2] <= DateTime.DaysInMonth(parts[0], parts[1])
            && Assign(new DateOnly(parts[0], parts[1], parts[2]), out date);
    }

    /// <summary>A month as its first day; a full date (2024-03-05) is read as its month too.</summary>
    public static bool TryParseMonth(string? text, out DateOnly month)
    {
        month = default;
        if (TryParseDate(text, out var day))
        {
            month = new DateOnly(day.Year, day.Month, 1);
            return true;
        }
        return TryParts(text, 2, out var parts) && parts[1] is >= 1 and <= 12 && Assign(new DateOnly(parts[0], parts[1], 1), out month);
    }

    private static bool Assign(DateOnly value, out DateOnly target)
    {
        target = value;
        return true;
    }

    /// <summary>Splits "yyyy?M?d[日]" into <paramref name="count"/> numbers with one kind of separator (年月日 counts as one).</summary>
    private static bool TryParts(string? text, int count, out int[] parts)
    {
        parts = new int[count];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = Normalize(text);
        var chinese = s.Contains('年', StringComparison.Ordinal);
        if (chinese)
        {
            // 2024年3月5日 / 2024年3月: the last part may or may not end with its unit.
            var expected = count == 3 ? "年月日" : "年月";
            s = s.TrimEnd(expected[^1]);
            for (var i = 0; i < count - 1; i++)
            {
                s = s.Replace(expected[i], '|');
            }
            if (s.IndexOfAny(['-', '/', '.', '年', '月', '日']) >= 0)
            {
                return false;
            }
        }
        else
        {
            var separator = s.FirstOrDefault(c => c is '-' or '/' or '.');
            if (separator == default)
            {
                return false;
            }
            if (s.Any(c => c is '-' or '/' or '.' && c != separator))
            {
                return false;
            }
            s = s.Replace(separator, '|');
        }
        var pieces = s.Split('|');
        if (pieces.Length != count)
        {
            return false;
        }
        for (var i = 0; i < count; i++)
        {
            var piece = pieces[i].Trim();
            var maxDigits = i == 0 ? 4 : 2;
            if (piece.Length == 0 || piece.Length > maxDigits || (i == 0 && piece.Length != 4) || !piece.All(char.IsAsciiDigit))
            {
                return false;
            }
            parts[i] = int.Parse(piece, System.Globalization.CultureInfo.InvariantCulture);
        }
        return parts[0] >= 1;
    }

    /// <summary>Full-width digits and separators (Chinese input methods) become their ASCII forms; outer spaces go.</summary>
    private static string Normalize(string text)
    {
        var chars = text.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                >= '０' and <= '９' => (char)('0' + (chars[i] - '０')),
                '－' => '-',
                '／' => '/',
                '．' or '。' => '.',
                _ => chars[i],
            };
        }
        return new string(chars);
    }
}
