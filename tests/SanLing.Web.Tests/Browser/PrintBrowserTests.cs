using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;
using SanLing.Web.Tests.Support;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace SanLing.Web.Tests.Browser;

/// <summary>
/// Reports that print (issue 14): Chromium prints the leadership dashboard and the 公示 list to A4 PDFs (kept under
/// TestResults/print); each PDF carries every table's header row, the town, the run and page numbers, and no page is
/// wider than A4. One page is also drawn as a PNG with print media emulated, to be looked at.
/// </summary>
public sealed partial class PrintBrowserTests(KestrelDemoFixture portal, ITestOutputHelper output) : IClassFixture<KestrelDemoFixture>
{
    private const double A4WidthPoints = 595.28;
    private const double A4HeightPoints = 841.89;

    [BrowserFact]
    public void The_leadership_dashboard_prints_on_A4_with_every_table_header_the_town_and_page_numbers()
    {
        using var browser = new BrowserSession(portal.BaseUrl, 1280, 900);
        browser.LogIn("leader");
        browser.Open("/Dashboard");
        browser.Find("#trend .chart canvas");
        // Leadership opens on the current year's 预评; the printed annual report is the newest published year's.
        var published = browser.Driver.FindElements(By.CssSelector("tr[data-year]")).Max(r => int.Parse(r.GetAttribute("data-year")!, System.Globalization.CultureInfo.InvariantCulture));
        browser.Open($"/Dashboard?year={published}");
        browser.Find("#trend .chart canvas");

        var text = PrintAndCheck(browser, "dashboard", out var pages);
        Assert.Contains(Squash(TownName()), text, StringComparison.Ordinal);
        Assert.Contains("评定#", text, StringComparison.Ordinal);
        // The 三零 card is complete: all twelve months and the total.
        var months = browser.Driver.FindElements(By.CssSelector("#incident-table tbody tr")).Select(r => Squash(r.Text)).ToList();
        Assert.Equal(12, months.Count);
        Assert.All(months, m => Assert.Contains(m, text, StringComparison.Ordinal));
        Assert.True(pages > 1, "the dashboard takes more than one page");

        var png = ScreenshotAsPrinted(browser, "dashboard-print");
        output.WriteLine($"dashboard: {pages} pages; print-media screenshot {png}");
    }

    [BrowserFact]
    public void The_public_notice_prints_as_an_official_notice_with_its_period_and_where_to_appeal()
    {
        var runId = portal.Factory.WithDbAsync(db => db.EvaluationRuns.Where(r => r.IsPublished).OrderByDescending(r => r.Year).Select(r => r.Id).FirstAsync()).GetAwaiter().GetResult();
        using var browser = new BrowserSession(portal.BaseUrl, 1280, 900);
        browser.LogIn("office");
        browser.Open($"/Evaluation/Lists/{runId}");
        var title = browser.Find("#notice-title").Text;
        Assert.Matches(@"^.+\d{4}年度“三零”创建评定结果公示$", title);

        var text = PrintAndCheck(browser, "public-notice", out var pages);
        Assert.Contains(Squash(title), text, StringComparison.Ordinal);
        Assert.Matches(PeriodPattern(), text);
        Assert.Contains("提出申诉复核", text, StringComparison.Ordinal);
        Assert.Contains(Squash(browser.Find("#notice-signature").Text), text, StringComparison.Ordinal);
        ScreenshotAsPrinted(browser, "public-notice-print");
        output.WriteLine($"公示 list: {pages} pages");
    }

    /// <summary>Prints the open page through DevTools (the page's own @page size), saves the PDF and checks it; returns its text without white space.</summary>
    private string PrintAndCheck(BrowserSession browser, string name, out int pageCount)
    {
        var driver = (ChromiumDriver)browser.Driver;
        var result = (Dictionary<string, object?>)driver.ExecuteCdpCommand("Page.printToPDF", new Dictionary<string, object?>
        {
            ["preferCSSPageSize"] = true,
            ["printBackground"] = true,
        })!;
        var pdf = Convert.FromBase64String((string)result["data"]!);
        var folder = Path.Combine(BrowserSession.ArtifactFolder(), "print");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".pdf");
        File.WriteAllBytes(path, pdf);

        using var document = PdfDocument.Open(pdf);
        pageCount = document.NumberOfPages;
        var pageTexts = document.GetPages().Select(p => (p.Width, p.Height, Text: Squash(p.Text))).ToList();
        Assert.All(pageTexts, p =>
        {
            Assert.True(p.Width <= A4WidthPoints + 1, $"a page of {name}.pdf is {p.Width} pt wide (A4 is {A4WidthPoints})");
            Assert.True(p.Height <= A4HeightPoints + 1, $"a page of {name}.pdf is {p.Height} pt high");
        });
        // Page numbers from the @page margin box: "1 / N" on the first page, "N / N" on the last.
        Assert.Contains($"1/{pageCount}", pageTexts[0].Text, StringComparison.Ordinal);
        Assert.Contains($"{pageCount}/{pageCount}", pageTexts[^1].Text, StringComparison.Ordinal);
        var text = string.Concat(pageTexts.Select(p => p.Text));

        // Every table of the page (hidden responsive columns included) has its header cells in the PDF.
        var tables = browser.Driver.FindElements(By.CssSelector("main table"));
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            var headers = table.FindElements(By.CssSelector("thead th")).Select(th => Squash(th.GetAttribute("textContent") ?? "")).Where(h => h.Length > 0).ToList();
            Assert.NotEmpty(headers);
            Assert.All(headers, h => Assert.True(text.Contains(h, StringComparison.Ordinal), $"{name}.pdf lacks the header “{h}” of #{table.GetAttribute("id")}"));
        }
        // Nothing of the screen's chrome is printed.
        Assert.DoesNotContain("退出", text, StringComparison.Ordinal);
        Assert.DoesNotContain("打印", text.Replace("打印日期", "", StringComparison.Ordinal), StringComparison.Ordinal);
        output.WriteLine($"{path}: {pageCount} pages, {pdf.Length / 1024} KiB");
        return text;
    }

    /// <summary>The page as paper shows it: A4 width at 96 dpi, print media; saved as a PNG for a person to look at.</summary>
    private static string ScreenshotAsPrinted(BrowserSession browser, string name)
    {
        var driver = (ChromiumDriver)browser.Driver;
        driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?> { ["width"] = 718, ["height"] = 2400, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = "print" });
        Thread.Sleep(300);
        var path = browser.Screenshot(name);
        driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = "" });
        driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);
        return path;
    }

    private string TownName() => portal.Factory.WithDbAsync(db => db.Towns.Select(t => t.Name).FirstAsync()).GetAwaiter().GetResult();

    private static string Squash(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"公示期\d+天：\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}")]
    private static partial Regex PeriodPattern();
}
