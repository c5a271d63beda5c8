using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;

namespace SanLing.Web.Features.Shared;

/// <summary>
/// Shows an evaluation or warning reason in the reader's language. A reason is coded (<see cref="ReasonPart"/>: a code
/// and typed parameters, stored as <c>ReasonData</c>): its Chinese template is the key of SharedResource and the
/// parameters are written in the reader's language. Runs stored before the codes have the Chinese text only, in the
/// shape "1.1 不达标：part；part": in English each part is matched against the known wordings (counts with their
/// record numbers, "2 件（XF-1、XF-2）", and other numbers become {0}, {1}…) and a part matching none prints as
/// stored. Record numbers print as data (lang="zh-CN"); a reader without record access
/// (<see cref="Security.AccessScope.SeesRecordNumbers"/>) reads the counts only, in either form.
/// </summary>
public static partial class ReasonText
{
    private static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>A stored item reason: from its codes when it has them, else from its Chinese text.</summary>
    public static IHtmlContent Render(string itemCode, ItemVerdict verdict, string reason, string? reasonData, IStringLocalizer localizer, bool withRecords)
    {
        var parts = ReasonJson.Read(reasonData);
        return parts is null ? Render(reason, localizer, withRecords) : Render(new ItemEvaluation(itemCode, verdict, parts), localizer, withRecords);
    }

    /// <summary>An item's reason as judged: "1.1 Non-compliant: part; part".</summary>
    public static IHtmlContent Render(ItemEvaluation item, IStringLocalizer localizer, bool withRecords)
    {
        if (IsChinese)
        {
            return new HtmlContentBuilder().Append(ReasonWording.Chinese(item.Code, item.Verdict, item.Parts, withRecords));
        }
        var html = new HtmlContentBuilder().Append($"{item.Code} {localizer[Terms.Of(item.Verdict)].Value}{localizer["："].Value}");
        for (var i = 0; i < item.Parts.Count; i++)
        {
            if (i > 0)
            {
                html.Append(localizer["；"].Value);
            }
            html.AppendHtml(Render(item.Parts[i], localizer, withRecords));
        }
        return html;
    }

    /// <summary>One part (a warning's risk, or a part of an item's reason).</summary>
    public static IHtmlContent Render(ReasonPart part, IStringLocalizer localizer, bool withRecords)
    {
        var html = new HtmlContentBuilder();
        var translated = part.Template is { } template ? localizer[template] : null;
        if (IsChinese || translated is null || translated.ResourceNotFound)
        {
            return html.Append(part.Chinese(withRecords));
        }
        foreach (var piece in Placeholder().Split(translated.Value))
        {
            if (piece.Length > 2 && piece[0] == '{' && int.TryParse(piece[1..^1], CultureInfo.InvariantCulture, out var index) && index < part.Args.Count)
            {
                html.AppendHtml(ArgumentHtml(part.Args[index], withRecords));
            }
            else
            {
                html.Append(piece);
            }
        }
        return html;
    }

    /// <summary>A parameter outside Chinese: "2 (XF-1, XF-2, …)", "2" without record access, "1 (50%)", "2026-11-25".</summary>
    private static IHtmlContent ArgumentHtml(ReasonArg argument, bool withRecords)
    {
        var html = new HtmlContentBuilder();
        switch (argument.Kind)
        {
            case ReasonArgKind.Day:
                return html.Append(ReasonWording.Day(argument.Day ?? default));
            case ReasonArgKind.Share:
                return html.Append($"{argument.Count} ({argument.PercentText})");
            case ReasonArgKind.Number:
                return html.Append(argument.Count.ToString(CultureInfo.InvariantCulture));
        }
        html.Append(argument.Count.ToString(CultureInfo.InvariantCulture));
        if (!argument.ShowsItems(withRecords))
        {
            return html;
        }
        html.Append(" (");
        var items = argument.Items ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                html.Append(", ");
            }
            if (argument.Kind == ReasonArgKind.Records)
            {
                html.AppendHtml("<span lang=\"zh-CN\">").Append(items[i]).AppendHtml("</span>");
            }
            else
            {
                html.Append(items[i]);
            }
        }
        return html.Append(argument.More ? ", …)" : ")");
    }

    [GeneratedRegex(@"(\{\d+\})")]
    private static partial Regex Placeholder();
    /// <summary>A count with its list ("2 件（XF-1、XF-2）"), else a month, day or number.</summary>
    [GeneratedRegex(@"(?<n>\d+) ?(?<unit>件|个月|人|处|起|个)（(?<list>[^）]*)）|\d{4}-\d{2}(-\d{2})?|\d+(\.\d+)?%?")]
    private static partial Regex Argument();

    [GeneratedRegex(@"^(?<code>[0-9.]+) (?<verdict>[^：]+)：(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex ItemPrefix();

    /// <summary>A reason stored as Chinese text only (runs before the codes).</summary>
    public static IHtmlContent Render(string? reason, IStringLocalizer localizer, bool withRecords = true)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return HtmlString.Empty;
        }
        if (IsChinese)
        {
            return new HtmlContentBuilder().Append(withRecords ? reason : WithoutRecords(reason));
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
            AppendPart(html, parts[i], localizer, withRecords);
        }
        return html;
    }

    /// <summary>"当年新发信访 2 件（XF-1、XF-2）" → "当年新发信访 2 件"; months and shares ("1 处（50%）") stay.</summary>
    public static string WithoutRecords(string reason) =>
        Argument().Replace(reason, m => IsRecordList(m) ? $"{m.Groups["n"].Value} {m.Groups["unit"].Value}" : m.Value);

    private static bool IsRecordList(Match count) =>
        count.Groups["list"].Success && count.Groups["unit"].Value != "个月" && !count.Groups["list"].Value.EndsWith('%');

    private static void AppendPart(HtmlContentBuilder html, string part, IStringLocalizer localizer, bool withRecords)
    {
        var arguments = new List<IHtmlContent>();
        // Placeholders are numbered in order of appearance: "当年越级访 {0}".
        var key = Argument().Replace(part, m =>
        {
            arguments.Add(!m.Groups["list"].Success ? new HtmlContentBuilder().Append(m.Value)
                : !withRecords && IsRecordList(m) ? new HtmlContentBuilder().Append(m.Groups["n"].Value)
                : CountHtml(m.Groups["n"].Value, m.Groups["list"].Value));
            return "{" + (arguments.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        });
        var translated = localizer[key];
        if (translated.ResourceNotFound)
        {
            html.Append(withRecords ? part : WithoutRecords(part));
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
