using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using SanLing.Infrastructure.Excel;

namespace SanLing.Web.Features.Imports;

/// <summary>
/// An import error in the reader's language: a broken ledger rule as the form says it, any other reason from its
/// Chinese format (the resource key); the file's own values (codes, cell texts) stay as written, marked lang="zh-CN".
/// </summary>
public static partial class ImportText
{
    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    public static IHtmlContent Reason(ImportError error, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(error);
        var html = new HtmlContentBuilder();
        if (error.Violation is { } violation)
        {
            return html.Append(localizer.Text(violation));
        }
        var format = localizer[error.Format].Value;
        if (error.Args.Count == 0)
        {
            return html.Append(format);
        }
        var last = 0;
        foreach (Match placeholder in Placeholder().Matches(format))
        {
            html.Append(format[last..placeholder.Index]);
            var arg = error.Args[int.Parse(placeholder.Groups[1].Value, CultureInfo.InvariantCulture)];
            if (arg is string text)
            {
                html.AppendHtml(DataText.Data(text, ""));
            }
            else
            {
                html.Append(Convert.ToString(arg, CultureInfo.CurrentCulture));
            }
            last = placeholder.Index + placeholder.Length;
        }
        return html.Append(format[last..]);
    }
}
