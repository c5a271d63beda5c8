using OpenQA.Selenium;

namespace SanLing.Web.Tests.Browser;

/// <summary>The county center publishes a rule set and revises it in real Chromium: the revise link, the reason, the revision's page.</summary>
public sealed class CountyRuleSetRevisionBrowserTests(KestrelDemoFixture demo) : IClassFixture<KestrelDemoFixture>
{
    private static void Fill(BrowserSession browser, string css, string value)
    {
        var field = browser.Find(css);
        field.Clear();
        field.SendKeys(value);
    }

    [BrowserFact]
    public void The_center_revises_a_published_set_with_a_reason()
    {
        using var browser = new BrowserSession(demo.BaseUrl, 1280, 1800);
        browser.LogIn("county");
        browser.Open("/CountyRuleSets/Publish");
        Fill(browser, "#publish-form #Year", "2034");
        Fill(browser, "#publish-form #Name", "2034年临江县三零创建评定细则");
        browser.Find("#publish-form button[type=submit]").Click();

        browser.Find("#revise-link").Click();
        Assert.Equal("true", browser.Find("#revise-form #Year").GetAttribute("readonly"));
        Assert.True(File.Exists(browser.Screenshot("county-ruleset-revise")));
        Fill(browser, "#Reason", "村（社区）目标应为 92%");
        Fill(browser, "#revise-form #VillageCommunityTargetPercent", "92");
        browser.Find("#revise-form button[type=submit]").Click();

        Assert.Equal("第 1 次修订", browser.Find("h1 .revision").Text);
        Assert.Contains("92%", browser.Find("#revision-reason").Text, StringComparison.Ordinal);
        Assert.Equal(2, browser.Driver.FindElements(By.CssSelector("#ruleset-revisions tbody tr")).Count);
        Assert.True(File.Exists(browser.Screenshot("county-ruleset-revision")));
    }
}
