using Microsoft.AspNetCore.Html;

namespace SanLing.Web.Features.Shared;

/// <summary>
/// A value as the town entered it (a name, an address, a note), marked lang="zh-CN" so that screen readers, and the
/// English crawl test, tell the town's data from the interface's words; the fallback (shown when it is blank) is UI text.
/// </summary>
public static class DataText
{
    public static IHtmlContent Data(string? value, string fallback = "—") =>
        string.IsNullOrEmpty(value)
            ? new HtmlContentBuilder().Append(fallback)
            : new HtmlContentBuilder().AppendHtml("<span lang=\"zh-CN\">").Append(value).AppendHtml("</span>");
}
