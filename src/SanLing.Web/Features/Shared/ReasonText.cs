using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;

namespace SanLing.Web.Features.Shared;

/// <summary>
/// Shows an evaluation or warning reason in the reader's language. Reasons are stored in Chinese (runs already
/// stored must keep reading), in the shape "1.1 不达标：part；part". In English each part is matched against the
/// known wordings: counts with their record numbers ("2 件（XF-1、XF-2）") and other numbers become {0}, {1}…, and
/// the remaining Chinese template is a key of SharedResource. Record numbers and names print as data (lang="zh-CN").
/// A part matching no known wording prints as stored.
/// </summary>
public static partial class ReasonText
{
    /// <summary>A count with its list ("2 件（XF-1、XF-2）"), else a month, day or number.</summary>
    [GeneratedRegex(@"(?<n>\d+) ?(?<unit>件|个月|人|处|起|个)（(?<list>[^）]*)）|\d{4}-\d{2}(-\d{2})?|\d+(\.\d+)?%?")]
    private static partial Regex Argument();

    [GeneratedRegex(@"^(?<code>[0-9.]+) (?<verdict>[^：]+)：(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex ItemPrefix();

    public static IHtmlContent Render(string? reason, IStringLocalizer localizer)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return HtmlString.Empty;
        }
        if (CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal))
        {
            return new HtmlContentBuilder().Append(reason);
        }
        var html = new HtmlContentBuilder();
        var rest = reason;
        var prefix = ItemPrefix().Match(reason);
        if (prefix.Success && Terms.Parse<ItemVerdict>(prefix.Groups["verdict"].Value) is { } verdict)
        {
            html.Append($"{prefix.Groups["code"].Value} {localizer[Terms.Of(verdict)].Value}: ");
            rest = prefix.Groups["rest"].Value;
        }
        var parts = rest.Split('；');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                html.Append("; ");
            }
            AppendPart(html, parts[i], localizer);
        }
        return html;
    }

    private static void AppendPart(HtmlContentBuilder html, string part, IStringLocalizer localizer)
    {
        var arguments = new List<IHtmlContent>();
        // Placeholders are numbered in order of appearance: "当年越级访 {0}".
        var key = Argument().Replace(part, m =>
        {
            arguments.Add(m.Groups["list"].Success ? CountHtml(m.Groups["n"].Value, m.Groups["list"].Value) : new HtmlContentBuilder().Append(m.Value));
            return "{" + (arguments.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        });
        var translated = localizer[key];
        if (translated.ResourceNotFound)
        {
            html.Append(part);
            return;
        }
        var pieces = Regex.Split(translated.Value, @"(\{\d+\})");
        foreach (var piece in pieces)
        {
            if (piece.Length > 2 && piece[0] == '{' && piece[^1] == '}' && int.TryParse(piece[1..^1], CultureInfo.InvariantCulture, out var index) && index < arguments.Count)
            {
                html.AppendHtml(arguments[index]);
            }
            else
            {
                html.Append(piece);
            }
        }
    }

    /// <summary>"2 (XF-1, XF-2, …)": the numbers or names listed are data.</summary>
    private static IHtmlContent CountHtml(string count, string list)
    {
        var more = list.EndsWith('等');
        var items = (more ? list[..^1] : list).Split('、');
        var html = new HtmlContentBuilder().Append(count).Append(" (");
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                html.Append(", ");
            }
            html.AppendHtml("<span lang=\"zh-CN\">").Append(items[i]).AppendHtml("</span>");
        }
        return html.Append(more ? ", …)" : ")");
    }
}
