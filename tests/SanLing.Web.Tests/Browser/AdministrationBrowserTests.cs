using OpenQA.Selenium;

namespace SanLing.Web.Tests.Browser;

/// <summary>用户管理 in Chromium at 1280 px: the list, and the edit page whose scope picker follows the role.</summary>
public sealed class AdministrationBrowserTests(KestrelDemoFixture portal) : IClassFixture<KestrelDemoFixture>
{
    [BrowserFact]
    public void The_users_page_and_the_user_edit_page_at_1280_px()
    {
        using var browser = new BrowserSession(portal.BaseUrl, 1280, 900);
        browser.LogIn("admin");

        browser.Open("/");
        // Users, town settings, audit and API tokens.
        Assert.Equal(4, browser.Find("#admin-pages").FindElements(By.CssSelector("a.card")).Count);

        browser.Open("/Users");
        var rows = browser.Find("#user-list").FindElements(By.CssSelector("tbody tr[data-user]"));
        Assert.Equal(5, rows.Count);
        Assert.True(File.Exists(browser.Screenshot("admin-users-1280")));

        rows = browser.Find("#user-list").FindElements(By.CssSelector("tbody tr[data-user]"));
        rows.Single(r => r.GetAttribute("data-user") == "grid").FindElement(By.CssSelector("a")).Click();
        string ScopeValue() => browser.Find("#ScopeCode").GetDomProperty("value") ?? "";
        Assert.Equal("CUN01", ScopeValue());
        var filter = browser.Find("#scope-filter");
        Assert.True(filter.Displayed);
        Assert.Contains("CUN01", browser.Find("#worker-grids").Text, StringComparison.Ordinal);
        Assert.True(File.Exists(browser.Screenshot("admin-user-edit-1280")));

        // A grid worker picks villages/communities or grids; a liaison only enterprises/units; office staff nothing.
        bool GroupShown(string kind) => true.Equals(((IJavaScriptExecutor)browser.Driver).ExecuteScript(
            $"return !document.querySelector('#ScopeCode optgroup[data-scope-kind=\"{kind}\"]').hidden"));
        Assert.True(GroupShown("TerritoryOrGrid"));
        Assert.False(GroupShown("EnterpriseOrUnit"));
        browser.Find("#Role option[value='单位联络员']").Click();
        Assert.False(GroupShown("TerritoryOrGrid"));
        Assert.True(GroupShown("EnterpriseOrUnit"));
        Assert.Equal("", ScopeValue());
        filter.SendKeys("QY0002");
        var visible = ((IJavaScriptExecutor)browser.Driver).ExecuteScript(
            "return [...document.querySelectorAll('#ScopeCode optgroup:not([hidden]) option')].filter(o => !o.hidden).length");
        Assert.Equal(1L, visible);
        browser.Find("#Role option[value='综治办']").Click();
        Assert.False(browser.Find("#ScopeCode").Enabled);
        Assert.True(File.Exists(browser.Screenshot("admin-user-edit-role-office-1280")));

        var severe = browser.Driver.Manage().Logs.GetLog(LogType.Browser)
            .Where(e => e.Level == LogLevel.Severe && !e.Message.Contains("/favicon.ico", StringComparison.Ordinal)).ToList();
        Assert.True(severe.Count == 0, string.Join("\n", severe.Select(e => e.Message)));
    }
}
