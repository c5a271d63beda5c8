using OpenQA.Selenium;
using SanLing.Web.Tests.County;

namespace SanLing.Web.Tests.Browser;

/// <summary>The county dashboard in real Chromium: its charts drawn from vendored ECharts, on a desktop and a 360 px phone.</summary>
public sealed class CountyBrowserTests(KestrelCountyFixture county) : IClassFixture<KestrelCountyFixture>
{
    private static void AssertChartsDrawn(BrowserSession browser, int expected)
    {
        browser.Find("#towns .chart canvas");
        var containers = browser.Driver.FindElements(By.CssSelector("[data-chart]"));
        Assert.Equal(expected, containers.Count);
        foreach (var chart in containers)
        {
            Assert.True(chart.FindElements(By.CssSelector("canvas, svg")).Count > 0, $"no chart drawn in {chart.GetAttribute("aria-label")}");
        }
        var severe = browser.Driver.Manage().Logs.GetLog(LogType.Browser)
            .Where(e => e.Level == LogLevel.Severe && !e.Message.Contains("/favicon.ico", StringComparison.Ordinal))
            .Select(e => e.Message).ToList();
        Assert.True(severe.Count == 0, string.Join(Environment.NewLine, severe));
    }

    [BrowserFact]
    public void The_county_leader_sees_the_county_dashboard_on_a_desktop()
    {
        using var browser = new BrowserSession(county.BaseUrl, 1280, 2200);
        browser.LogIn("hk-leader", CountyRollupFixture.Password);
        browser.Open("/Counties/Index?year=2025");

        AssertChartsDrawn(browser, 4); // 2 gauges, the towns side by side, the trend
        Assert.True(File.Exists(browser.Screenshot("county-dashboard-desktop")));

        // A town's name leads into that town's dashboard of the year.
        browser.Find("#county-towns tr[data-town=TB] .town-link").Click();
        browser.Find("#territory-table");
        Assert.Contains("/Dashboard?year=2025", browser.Driver.Url, StringComparison.Ordinal);
    }

    [BrowserFact]
    public void The_county_dashboard_fits_a_360_px_phone()
    {
        using var browser = new BrowserSession(county.BaseUrl, 360, 2400);
        browser.LogIn("hk-center", CountyRollupFixture.Password);
        browser.Open("/Counties/Index?year=2025");

        AssertChartsDrawn(browser, 4);
        var js = (IJavaScriptExecutor)browser.Driver;
        var scrollWidth = Convert.ToInt64(js.ExecuteScript("return document.documentElement.scrollWidth"), System.Globalization.CultureInfo.InvariantCulture);
        var viewport = Convert.ToInt64(js.ExecuteScript("return window.innerWidth"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(File.Exists(browser.Screenshot("county-dashboard-360")));
        Assert.True(scrollWidth <= viewport, $"page is {scrollWidth}px wide in a {viewport}px viewport");
    }

    [BrowserFact]
    public void The_current_year_shows_the_latest_published_year_of_a_town_without_a_run_of_it()
    {
        using var browser = new BrowserSession(county.BaseUrl, 1280, 2200);
        browser.LogIn("hk-center", CountyRollupFixture.Password);
        browser.Open("/Counties/Index");

        Assert.Contains("2025", browser.Find("#county-towns tr[data-town=TB] .earlier-link").Text, StringComparison.Ordinal);
        Assert.True(File.Exists(browser.Screenshot("county-dashboard-earlier-year")));
        browser.Find("#county-towns tr[data-town=TB] .earlier-link").Click();
        browser.Find("#county-towns tr[data-town=TB] td.vc-rate");
        Assert.Contains("year=2025", browser.Driver.Url, StringComparison.Ordinal);
    }
}
