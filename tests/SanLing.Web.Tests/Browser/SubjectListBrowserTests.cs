using OpenQA.Selenium;

namespace SanLing.Web.Tests.Browser;

public sealed class SubjectListBrowserTests(KestrelDemoFixture portal) : IClassFixture<KestrelDemoFixture>
{
    [BrowserFact]
    public void Office_staff_log_in_and_open_the_subject_list()
    {
        using var browser = new BrowserSession(portal.BaseUrl, 1280, 900);
        browser.LogIn("office");
        browser.Open("/Subjects");

        var rows = browser.Find("#subject-list").FindElements(By.CssSelector("tbody tr"));
        Assert.Equal(20, rows.Count);
        Assert.Equal("单位名录", browser.Find("h1").Text);
        Assert.True(File.Exists(browser.Screenshot("office-subject-list-desktop")));
    }

    [BrowserFact]
    public void The_subject_list_fits_a_360_px_phone()
    {
        using var browser = new BrowserSession(portal.BaseUrl, 360, 740);
        browser.LogIn("grid");
        browser.Open("/Subjects");

        browser.Find("#subject-list");
        var scrollWidth = Convert.ToInt64(((IJavaScriptExecutor)browser.Driver).ExecuteScript("return document.documentElement.scrollWidth"), System.Globalization.CultureInfo.InvariantCulture);
        var viewport = Convert.ToInt64(((IJavaScriptExecutor)browser.Driver).ExecuteScript("return window.innerWidth"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(File.Exists(browser.Screenshot("grid-worker-subject-list-360")));
        Assert.True(scrollWidth <= viewport, $"page is {scrollWidth}px wide in a {viewport}px viewport");
    }
}
