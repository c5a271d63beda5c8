using OpenQA.Selenium;
using SanLing.Web.Tests.Supervision;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Browser;

/// <summary>The supervision town served over real HTTP for the browser.</summary>
public sealed class KestrelSupervisionTownFixture : IAsyncLifetime, IDisposable
{
    public SanLingFactory Factory { get; } = new(demo: false);

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        BaseUrl = Factory.ClientOptions.BaseAddress.ToString();
        await SupervisionTown.SeedAsync(Factory);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// Real Chromium: the office lands on 今日工作 and issues a 督办 from an overdue hazard; the grid worker answers on a
/// 360 px phone; the office verifies. The completeness matrix prints in colour. Screenshots at each step.
/// </summary>
public sealed class SupervisionBrowserTests(KestrelSupervisionTownFixture portal) : IClassFixture<KestrelSupervisionTownFixture>
{
    private static void AssertNoSevereConsoleErrors(BrowserSession browser)
    {
        var severe = browser.Driver.Manage().Logs.GetLog(LogType.Browser)
            .Where(e => e.Level == LogLevel.Severe && !e.Message.Contains("/favicon.ico", StringComparison.Ordinal))
            .Select(e => e.Message).ToList();
        Assert.True(severe.Count == 0, string.Join(Environment.NewLine, severe));
    }

    [BrowserFact]
    public void The_office_issues_a_supervision_order_the_grid_worker_answers_on_a_phone_and_the_office_verifies()
    {
        int orderId;
        using (var office = new BrowserSession(portal.BaseUrl, 1280, 900))
        {
            // 1. Signing in lands on 今日工作, highlighted in the menu.
            office.LogIn("office", TownBuilder.Password);
            Assert.EndsWith("/Dashboard/Office", office.Driver.Url, StringComparison.Ordinal);
            Assert.Equal("今日工作", office.Find("nav.navbar .nav-link.active").Text.Trim());
            Assert.Equal("2", office.Find("#overdue-hazards .figure").Text);
            office.Screenshot("supervise-1-office-lands-on-todays-work");

            // The overdue-hazard figure opens its list; each row names its worker and offers 督办.
            office.Find("#overdue-hazards").Click();
            var row = office.Find("#overdue-hazards tr[data-finding] td.responsible");
            Assert.Equal("张三", row.Text.Trim());
            office.Screenshot("supervise-2-overdue-hazards");
            office.Find("#overdue-hazards tr[data-finding] a.issue-link").Click();
            var limit = office.Find("#LimitDays");
            limit.Clear();
            limit.SendKeys("3");
            office.Find("#issue-button").Click();
            Assert.Equal("待办理", office.Find("#order-status").Text.Trim());
            orderId = int.Parse(office.Driver.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
            office.Screenshot("supervise-3-order-issued");
            AssertNoSevereConsoleErrors(office);
        }

        using (var phone = new BrowserSession(portal.BaseUrl, 360, 740))
        {
            // 2. The grid worker finds it under 督办 on a 360 px phone and answers.
            phone.LogIn("grid1", TownBuilder.Password);
            phone.Open("/Supervision");
            phone.Find($"#supervision-list tr[data-order='{orderId}'] a").Click();
            phone.Find("#Answer").SendKeys("已清理消防通道，恢复畅通。");
            var js = (IJavaScriptExecutor)phone.Driver;
            var scrollWidth = Convert.ToInt64(js.ExecuteScript("return document.documentElement.scrollWidth"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(scrollWidth <= 360, $"the order page is {scrollWidth} px wide on a 360 px phone");
            phone.Screenshot("supervise-4-grid-worker-answers-360px");
            phone.Find("#answer-button").Click();
            Assert.Contains("已清理消防通道", phone.Find("#answer").Text, StringComparison.Ordinal); // the answered page
            Assert.Equal("待验证", phone.Find("#order-status").Text.Trim());
            phone.Screenshot("supervise-5-answered-360px");
        }

        using (var office = new BrowserSession(portal.BaseUrl, 1280, 900))
        {
            // 3. The office verifies: closed.
            office.LogIn("office", TownBuilder.Password);
            office.Find("#orders-to-verify").Click();
            office.Find($"#supervision-list tr[data-order='{orderId}'] a").Click();
            office.Screenshot("supervise-6-office-verifies");
            office.Find("#close-button").Click();
            office.Find(".alert-success");
            Assert.Equal("已办结", office.Find("#order-status").Text.Trim());
            office.Screenshot("supervise-7-closed");
            AssertNoSevereConsoleErrors(office);
        }
    }

    [BrowserFact]
    public void The_completeness_matrix_prints_landscape_in_colour_without_menus()
    {
        using var browser = new BrowserSession(portal.BaseUrl, 1280, 900);
        browser.LogIn("office", TownBuilder.Password);
        browser.Open("/InspectionReview?year=2026");
        var cell = browser.Find("#completeness-matrix tr[data-subject='CUN01'] td.cell[data-state='CompleteLate'] a, #completeness-matrix tr[data-subject='CUN01'] td.cell[data-state='Complete'] a");
        Assert.Contains("/InspectionReview/MonthGrids?subjectId=", cell.GetAttribute("href"), StringComparison.Ordinal);
        browser.Screenshot("matrix-screen");

        var chrome = (OpenQA.Selenium.Chrome.ChromeDriver)browser.Driver;
        chrome.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = "print" });
        Assert.False(browser.Find("nav.navbar").Displayed);
        Assert.False(browser.Find("#print-button").Displayed);
        Assert.True(browser.Find("#completeness-matrix").Displayed);
        var colour = browser.Find("#completeness-matrix td.cell-missing").GetCssValue("background-color");
        Assert.Equal("rgba(248, 215, 218, 1)", colour);
        browser.Screenshot("matrix-print");
        chrome.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = "" });

        // A cell opens the month's grid list, which opens the grid's inspection.
        browser.Open(cell.GetAttribute("href")!.Replace(portal.BaseUrl.TrimEnd('/'), "", StringComparison.Ordinal));
        Assert.NotNull(browser.Find("#month-grids tr[data-grid='CUN01-G2']"));
    }
}
