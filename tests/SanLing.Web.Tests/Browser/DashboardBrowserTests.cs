using OpenQA.Selenium;
using SanLing.Web.Tests.Dashboard;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Browser;

/// <summary>A hand-built town with published runs, served over real HTTP for the browser.</summary>
public sealed class KestrelDashboardTownFixture : IAsyncLifetime, IDisposable
{
    public SanLingFactory Factory { get; } = new(demo: false);

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        BaseUrl = Factory.ClientOptions.BaseAddress.ToString();
        await DashboardTown.SeedAsync(Factory, perTerritory: 6);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Factory.Dispose();
}

public sealed class DashboardBrowserTests(KestrelDashboardTownFixture portal) : IClassFixture<KestrelDashboardTownFixture>
{
    private static void AssertChartsDrawn(BrowserSession browser)
    {
        browser.Find("#trend .chart canvas");
        var containers = browser.Driver.FindElements(By.CssSelector("[data-chart]"));
        Assert.Equal(6, containers.Count); // 2 gauges, trend, territories, 三零, inspections
        foreach (var chart in containers)
        {
            Assert.True(chart.FindElements(By.CssSelector("canvas, svg")).Count > 0, $"no chart drawn in {chart.GetAttribute("aria-label")}");
        }
        // The portal has no favicon; the browser's own request for it is not the page's error.
        var severe = browser.Driver.Manage().Logs.GetLog(LogType.Browser)
            .Where(e => e.Level == LogLevel.Severe && !e.Message.Contains("/favicon.ico", StringComparison.Ordinal))
            .Select(e => e.Message).ToList();
        Assert.True(severe.Count == 0, string.Join(Environment.NewLine, severe));
    }

    [BrowserFact]
    public void A_leader_sees_the_dashboard_charts_on_a_desktop()
    {
        using var browser = new BrowserSession(portal.BaseUrl, 1280, 900);
        browser.LogIn("leader");

        Assert.StartsWith("领导驾驶舱", browser.Find("h1").Text, StringComparison.Ordinal);
        Assert.Contains("/Dashboard", browser.Driver.Url, StringComparison.Ordinal); // the leader's home redirects here
        AssertChartsDrawn(browser);
        Assert.True(File.Exists(browser.Screenshot("leader-dashboard-desktop")));

        // Printed (A4): menu and filters hidden, charts kept at print size, the tables still there.
        ((OpenQA.Selenium.Chrome.ChromeDriver)browser.Driver).ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = "print" });
        Assert.False(browser.Find("#dashboard-filter").Displayed);
        Assert.False(browser.Find("nav.navbar").Displayed);
        Assert.True(browser.Find("#territory-table").Displayed);
        Assert.True(browser.Find("#trend .chart canvas").Displayed);
        Assert.True(File.Exists(browser.Screenshot("leader-dashboard-print")));
        ((OpenQA.Selenium.Chrome.ChromeDriver)browser.Driver).ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = "" });

        // A territory's link opens its subjects' verdicts.
        browser.Driver.Navigate().GoToUrl(browser.Find("#territory-table tbody tr a").GetAttribute("href")!);
        Assert.NotEmpty(browser.Find("#result-list").FindElements(By.CssSelector("tbody tr[data-subject]")));
    }

    [BrowserFact]
    public void The_dashboard_fits_a_360_px_phone()
    {
        using var browser = new BrowserSession(portal.BaseUrl, 360, 740);
        browser.LogIn("leader");
        browser.Open("/Dashboard");

        AssertChartsDrawn(browser);
        var js = (IJavaScriptExecutor)browser.Driver;
        var scrollWidth = Convert.ToInt64(js.ExecuteScript("return document.documentElement.scrollWidth"), System.Globalization.CultureInfo.InvariantCulture);
        var viewport = Convert.ToInt64(js.ExecuteScript("return window.innerWidth"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(File.Exists(browser.Screenshot("leader-dashboard-360")));
        Assert.True(scrollWidth <= viewport, $"page is {scrollWidth}px wide in a {viewport}px viewport");
    }
}
