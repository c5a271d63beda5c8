using System.Text;

namespace SanLing.Domain.Subjects;

/// <summary>
/// The pinyin initials of a name ("上塘村" → "stc"), for finding a subject by typing a few letters. No pinyin library is
/// available here, so this uses GB2312's level-1 block, which is ordered by pinyin: each initial owns a code range.
/// Level-2 characters (ordered by radical) and characters outside GB2312 come from a small table of those common in
/// place and company names; any other character is skipped. Latin letters and digits are kept (lower case).
/// </summary>
public static class PinyinInitials
{
    private static readonly Encoding Gb2312 = CreateGb2312();

    // The first GB2312 code (high byte × 256 + low byte) of each initial in the level-1 block (B0A1–D7F9).
    private static readonly (int Start, char Initial)[] Ranges =
    [
        (0xB0A1, 'a'), (0xB0C5, 'b'), (0xB2C1, 'c'), (0xB4EE, 'd'), (0xB6EA, 'e'), (0xB7A2, 'f'), (0xB8C1, 'g'),
        (0xB9FE, 'h'), (0xBBF7, 'j'), (0xBFA6, 'k'), (0xC0AC, 'l'), (0xC2E8, 'm'), (0xC4C3, 'n'), (0xC5B6, 'o'),
        (0xC5BE, 'p'), (0xC6DA, 'q'), (0xC8BB, 'r'), (0xC8F6, 's'), (0xCBFA, 't'), (0xCDDA, 'w'), (0xCEF4, 'x'),
        (0xD1B9, 'y'), (0xD4D1, 'z'),
    ];

    private const int LevelOneEnd = 0xD7F9;

    // Common in town, village and company names but outside the pinyin-ordered level-1 block.
    private static readonly Dictionary<char, char> Table = new()
    {
        ['岙'] = 'a', ['浜'] = 'b', ['埭'] = 'd', ['泾'] = 'j', ['圩'] = 'w', ['垟'] = 'y', ['溇'] = 'l', ['漖'] = 'j',
        ['堰'] = 'y', ['垵'] = 'a', ['墺'] = 'a', ['岭'] = 'l', ['坞'] = 'w', ['畈'] = 'f', ['垅'] = 'l', ['埠'] = 'b',
        ['浦'] = 'p', ['潭'] = 't', ['濠'] = 'h', ['泓'] = 'h', ['淇'] = 'q', ['渚'] = 'z', ['沣'] = 'f', ['湄'] = 'm',
        ['琪'] = 'q', ['瑞'] = 'r', ['璟'] = 'j', ['旸'] = 'y', ['昇'] = 's', ['鑫'] = 'x', ['淼'] = 'm', ['犇'] = 'b',
        ['垚'] = 'y', ['喆'] = 'z', ['堃'] = 'k', ['琦'] = 'q', ['瑜'] = 'y', ['骅'] = 'h', ['骐'] = 'q', ['翊'] = 'y',
        ['鹭'] = 'l', ['隽'] = 'j', ['邬'] = 'w', ['郦'] = 'l', ['蔺'] = 'l', ['濮'] = 'p', ['暨'] = 'j', ['婺'] = 'w',
        ['衢'] = 'q', ['甬'] = 'y', ['瓯'] = 'o', ['嵊'] = 's', ['奉'] = 'f', ['亳'] = 'b', ['闵'] = 'm', ['滘'] = 'j',
        ['圳'] = 'z', ['厝'] = 'c', ['芗'] = 'x', ['莘'] = 's', ['蕉'] = 'j', ['茗'] = 'm', ['荻'] = 'd', ['萱'] = 'x',
        ['楠'] = 'n', ['樟'] = 'z', ['榉'] = 'j', ['桦'] = 'h', ['枫'] = 'f', ['杉'] = 's', ['橙'] = 'c', ['榕'] = 'r',
    };

    private static Encoding CreateGb2312()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB2312", EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    }

    /// <summary>The initials of <paramref name="text"/>, lower case; empty for null or blank.</summary>
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var initials = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                initials.Append(char.ToLowerInvariant(c));
            }
            else if (InitialOf(c) is { } initial)
            {
                initials.Append(initial);
            }
        }
        return initials.ToString();
    }

    /// <summary>The initial of one Chinese character, or null when it is not one this method knows.</summary>
    public static char? InitialOf(char c)
    {
        if (Table.TryGetValue(c, out var known))
        {
            return known;
        }
        if (c < 0x4E00 || c > 0x9FFF)
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[4];
        int written;
        try
        {
            written = Gb2312.GetBytes([c], bytes);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
        if (written != 2)
        {
            return null;
        }
        var code = bytes[0] * 256 + bytes[1];
        if (code < Ranges[0].Start || code > LevelOneEnd)
        {
            return null;
        }
        var initial = Ranges[0].Initial;
        foreach (var (start, letter) in Ranges)
        {
            if (code < start)
            {
                break;
            }
            initial = letter;
        }
        return initial;
    }

    /// <summary>
    /// Whether a subject matches what the user typed: part of its code or name, or the start of (or a run within) its
    /// name's initials. Case does not matter.
    /// </summary>
    public static bool Matches(string query, string code, string name, string initials)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = query.Trim();
        if (q.Length == 0)
        {
            return true;
        }
        return code.Contains(q, StringComparison.OrdinalIgnoreCase)
            || name.Contains(q, StringComparison.Ordinal)
            || (q.All(char.IsAsciiLetterOrDigit) && initials.Contains(q.ToLowerInvariant(), StringComparison.Ordinal));
    }
}
