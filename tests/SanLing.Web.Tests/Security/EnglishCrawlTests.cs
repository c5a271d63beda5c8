using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using SanLing.Web.Tests.Support;
using Xunit.Abstractions;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// In English, the office user reads no Chinese except the town's own data, which the pages mark lang="zh-CN".
/// Crawls every page of the route matrix plus the first record page of each kind linked from them.
/// </summary>
[Collection(DemoTownCollection.Name)]
public sealed partial class EnglishCrawlTests(DemoTownFixture demo, ITestOutputHelper output)
{
    /// <summary>
    /// Pages still known to show Chinese UI text in English. The test fails when one of them has become clean
    /// (take it off the list) as well as when any other page shows Chinese; the list may only shrink.
    /// </summary>
    private static readonly HashSet<string> KnownChinese = new(StringComparer.OrdinalIgnoreCase)
    {
    };

    private static readonly HtmlParser Parser = new();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}\p{IsHalfwidthandFullwidthForms}]")]
    private static partial Regex Cjk();

    /// <summary>A record page: /Controller/Action/123 or /Controller/Action?id=… (the first of each kind is crawled).</summary>
    [GeneratedRegex(@"^/(?<controller>[A-Za-z]+)/(?<action>[A-Za-z]+)(/\d+|\?)")]
    private static partial Regex RecordLink();

    [Fact]
    public async Task Every_page_in_english_shows_no_chinese_but_the_towns_data()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Subjects");
        await client.PostFormAsync("/Account/SetLanguage", token, [new("culture", "en"), new("returnUrl", "/")]);

        var offending = new SortedDictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var records = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var crawled = 0;
        foreach (var url in RouteRoleMatrixTests.Pages.Order(StringComparer.OrdinalIgnoreCase))
        {
            var document = await GetHtmlAsync(client, url);
            if (document is null)
            {
                continue;
            }
            crawled++;
            Check(url, document, offending);
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                var match = RecordLink().Match(href);
                var kind = match.Success ? $"/{match.Groups["controller"].Value}/{match.Groups["action"].Value}" : null;
                if (kind is not null && !RouteRoleMatrixTests.Pages.Contains(kind) && !kind.EndsWith("Export", StringComparison.OrdinalIgnoreCase))
                {
                    records.TryAdd(kind, href);
                }
            }
        }
        // Record pages, and the record pages they link to (an evaluation's results link to its cards), once per kind.
        var queue = new Queue<(string Kind, string Href)>(records.Select(r => (r.Key, r.Value)));
        while (queue.TryDequeue(out var record))
        {
            var document = await GetHtmlAsync(client, record.Href);
            if (document is null)
            {
                continue;
            }
            crawled++;
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                var match = RecordLink().Match(href);
                var kind = match.Success ? $"/{match.Groups["controller"].Value}/{match.Groups["action"].Value}" : null;
                if (kind is not null && !RouteRoleMatrixTests.Pages.Contains(kind) && !kind.EndsWith("Export", StringComparison.OrdinalIgnoreCase) && records.TryAdd(kind, href))
                {
                    queue.Enqueue((kind, href));
                }
            }
            Check(record.Kind, document, offending);
        }

        output.WriteLine($"{crawled} pages crawled; record pages: {string.Join(", ", records.Values)}");
        foreach (var (page, snippets) in offending)
        {
            output.WriteLine($"{page}{(KnownChinese.Contains(page) ? " (known)" : "")}:");
            foreach (var snippet in snippets.Distinct().Take(15))
            {
                output.WriteLine("    " + snippet);
            }
        }
        var unexpected = offending.Keys.Where(p => !KnownChinese.Contains(p)).ToList();
        var cleaned = KnownChinese.Where(p => !offending.ContainsKey(p)).ToList();
        Assert.True(unexpected.Count == 0, "Chinese UI text in English on: " + string.Join(", ", unexpected.Select(p => $"{p} [{string.Join(" | ", offending[p].Distinct().Take(5))}]")));
        Assert.True(cleaned.Count == 0, "now clean, take them off KnownChinese: " + string.Join(", ", cleaned));
    }

    /// <summary>
    /// The pages a POST leads to, in English: every office create form posted back empty (its field messages), a stale
    /// delete and a stale or repeated publish (red and amber flash messages after the redirect), and an import refused
    /// row by row (the file's own values are data).
    /// </summary>
    [Fact]
    public async Task Refused_posts_flash_messages_and_import_errors_in_english_show_no_chinese_but_the_towns_data()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Subjects");
        await client.PostFormAsync("/Account/SetLanguage", token, [new("culture", "en"), new("returnUrl", "/")]);
        var offending = new SortedDictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var checkedPages = new List<string>();

        var forms = RouteRoleMatrixTests.Table
            .Where(r => r.Key.StartsWith("POST ", StringComparison.Ordinal) && r.Value.Path.EndsWith("/Create", StringComparison.OrdinalIgnoreCase)
                && r.Value.Expected[RouteRoleMatrixTests.Office] == RouteRoleMatrixTests.Outcome.Allowed)
            .Select(r => r.Value.Path).Order().ToList();
        foreach (var url in forms)
        {
            var response = await client.PostFormAsync(url, await client.AntiforgeryTokenAsync(url), []);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {url} (empty) answered {(int)response.StatusCode}");
            var page = await response.ParseAsync();
            Assert.True(page.QuerySelectorAll("[data-field]").Length > 0, $"POST {url} (empty) shows no field message");
            Check("POST " + url, page, offending);
            checkedPages.Add("POST " + url);
        }

        var (petitionId, runId) = await demo.Factory.WithDbAsync(async db =>
            (await db.Petitions.Select(p => p.Id).FirstAsync(), await db.EvaluationRuns.Select(r => r.Id).FirstAsync()));
        var stale = Guid.NewGuid().ToString();
        foreach (var url in new[] { $"/Petitions/Delete/{petitionId}", $"/Evaluation/Publish/{runId}" })
        {
            var response = await client.PostFormAsync(url, token, [new("version", stale)]);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var page = await client.GetPageAsync(response.Headers.Location!.OriginalString);
            Assert.True(page.QuerySelector("[data-flash]") is not null, $"no message after POST {url}");
            Check("POST " + url, page, offending);
            checkedPages.Add("POST " + url);
        }

        using var workbook = Imports.Xlsx.Book(Imports.Xlsx.Sheet("信访",
            ["编号", "单位编码", "登记日期", "类型", "人数", "事由", "包案领导", "状态", "化解日期", "有影响", "重大"],
            ["", "没有这个单位", "2026-13-45", "上访", "很多", new string('长', 3000), null, "已化解", null, "也许", "否"]));
        using var upload = new MultipartFormDataContent();
        upload.Add(new StringContent(await client.AntiforgeryTokenAsync("/Imports")), "__RequestVerificationToken");
        var file = new ByteArrayContent(Imports.Xlsx.ToStream(workbook).ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        upload.Add(file, "file", "信访.xlsx");
        var imported = await (await client.PostAsync("/Imports/Upload/petitions", upload)).ParseAsync();
        Assert.True(imported.QuerySelectorAll("#import-errors tbody tr").Length >= 5, "the import should be refused cell by cell");
        Check("POST /Imports/Upload/petitions", imported, offending);
        checkedPages.Add("POST /Imports/Upload/petitions");

        output.WriteLine($"{checkedPages.Count} pages after a POST: {string.Join(", ", checkedPages)}");
        foreach (var (page, snippets) in offending)
        {
            output.WriteLine($"{page}: {string.Join(" | ", snippets.Distinct().Take(15))}");
        }
        Assert.True(offending.Count == 0, "Chinese UI text in English on: " + string.Join(", ", offending.Select(p => $"{p.Key} [{string.Join(" | ", p.Value.Distinct().Take(5))}]")));
    }

    private static async Task<IDocument?> GetHtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { IsAbsoluteUri: false } landing)
        {
            // The office's home page is 今日工作.
            response = await client.GetAsync(landing);
        }
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"GET {url} answered {(int)response.StatusCode}");
        if (response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            return null;
        }
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Removes data (lang="zh-CN"), scripts and styles, then records each text run that still holds CJK (the county pages' tests use it too).</summary>
    internal static void Check(string page, IDocument document, SortedDictionary<string, List<string>> offending)
    {
        // Chart labels travel to the script as JSON; only the territory names on the axis are data.
        var chartTexts = document.QuerySelectorAll("[data-chart]")
            .SelectMany(e => Strings(System.Text.Json.Nodes.JsonNode.Parse(e.GetAttribute("data-chart")!)))
            .ToList();
        // The title bar is left out: it cannot mark a record's name as data, and the page's h1 says the same. A text
        // area's content is a form field's value, like an input's value (which is not read either).
        foreach (var element in document.QuerySelectorAll("[lang='zh-CN'], script, style, template, title, textarea").ToList())
        {
            element.Remove();
        }
        var texts = document.All.SelectMany(e => e.ChildNodes.OfType<IText>().Select(t => t.Data))
            .Concat(document.All.SelectMany(e => new[] { e.GetAttribute("title"), e.GetAttribute("placeholder"), e.GetAttribute("aria-label") }).OfType<string>())
            .Concat(document.QuerySelectorAll("input[type=submit], input[type=button]").Select(e => e.GetAttribute("value")).OfType<string>())
            .Concat(chartTexts);
        foreach (var text in texts)
        {
            if (Cjk().IsMatch(text))
            {
                var snippet = Regex.Replace(text.Trim(), @"\s+", " ");
                (offending.TryGetValue(page, out var list) ? list : offending[page] = []).Add(snippet.Length > 120 ? snippet[..120] + "…" : snippet);
            }
        }
    }

    private static IEnumerable<string> Strings(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.Where(p => p.Key != "names").SelectMany(p => Strings(p.Value)),
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(Strings),
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    /// <summary>
    /// Every reason stored by the demo town's evaluations (all subjects, all items), read in English, keeps no Chinese but
    /// the record numbers and names it lists; read in Chinese it is exactly what was stored.
    /// </summary>
    [Fact]
    public async Task Every_stored_reason_reads_in_english_and_unchanged_in_chinese()
    {
        var reasons = await demo.Factory.WithDbAsync(db => db.EvaluationItemResults.Select(i => i.Reason).Distinct().ToListAsync());
        var localizer = demo.Factory.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SanLing.Web.SharedResource>>();
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        var untranslated = new List<string>();
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new("en");
            foreach (var reason in reasons)
            {
                var document = Parser.ParseDocument("<p>" + Html(SanLing.Web.Features.Shared.ReasonText.Render(reason, localizer)) + "</p>");
                foreach (var data in document.QuerySelectorAll("[lang='zh-CN']").ToList())
                {
                    data.Remove();
                }
                if (Cjk().IsMatch(document.Body!.TextContent))
                {
                    untranslated.Add(reason + " → " + document.Body.TextContent);
                }
            }
            System.Globalization.CultureInfo.CurrentUICulture = new("zh-CN");
            var sample = reasons.First(r => Cjk().IsMatch(r));
            Assert.Equal(sample, Parser.ParseDocument("<p>" + Html(SanLing.Web.Features.Shared.ReasonText.Render(sample, localizer)) + "</p>").Body!.TextContent);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
        output.WriteLine($"{reasons.Count} distinct stored reasons");
        Assert.True(reasons.Count > 20, "the demo town should have evaluated reasons");
        Assert.True(untranslated.Count == 0, $"{untranslated.Count} reasons keep Chinese in English:\n" + string.Join("\n", untranslated.Take(20)));
    }

    private static string Html(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
