using Microsoft.EntityFrameworkCore;
using OpenQA.Selenium;
using SanLing.Domain.Inspections;

namespace SanLing.Web.Tests.Browser;

/// <summary>A grid worker on a 360 × 740 phone: submits this month's inspection with one hazard, then marks it rectified.</summary>
public sealed class InspectionBrowserTests(KestrelDemoFixture portal) : IClassFixture<KestrelDemoFixture>
{
    private static long Script(BrowserSession browser, string script) =>
        Convert.ToInt64(((IJavaScriptExecutor)browser.Driver).ExecuteScript(script), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Taps an element as a user would: scrolled into view first.</summary>
    private static void Tap(BrowserSession browser, IWebElement element)
    {
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.Click();
    }

    private static void AssertFitsTheScreen(BrowserSession browser)
    {
        var scrollWidth = Script(browser, "return document.documentElement.scrollWidth");
        var viewport = Script(browser, "return window.innerWidth");
        Assert.True(scrollWidth <= viewport, $"page is {scrollWidth}px wide in a {viewport}px viewport");
    }

    [BrowserFact]
    public void A_grid_worker_submits_an_inspection_with_a_hazard_and_marks_it_rectified_on_a_phone()
    {
        using var browser = new BrowserSession(portal.BaseUrl, 360, 740);
        browser.LogIn("grid");
        browser.Open("/Inspections");

        var card = browser.Find("#unit-list .unit-card[data-grid='CUN01-G01']");
        Assert.Equal("未提交", card.FindElement(By.CssSelector(".unit-state")).Text);
        AssertFitsTheScreen(browser);
        browser.Screenshot("inspection-1-list-360");

        Tap(browser, card.FindElement(By.CssSelector("a.btn")));
        browser.Find("select[name='Findings[0].Type'] option[value='Hazard']").Click();
        // The dispute fields hide once the type is chosen (progressive enhancement).
        Assert.False(browser.Find("input[name='Findings[0].Parties']").Displayed);
        browser.Find("select[name='Findings[0].HazardCategory'] option[value='Fire']").Click();
        browser.Find("select[name='Findings[0].RiskLevel'] option[value='Larger']").Click();
        browser.Find("textarea[name='Findings[0].Description']").SendKeys("村委会仓库灭火器过期");
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript("arguments[0].value = '2026-12-05'", browser.Find("input[name='Findings[0].RectifyBy']"));
        AssertFitsTheScreen(browser);
        browser.Screenshot("inspection-2-form-360");
        Tap(browser, browser.Find("#submit-button"));
        // The confirmation summarises what is sent.
        Assert.Contains("村委会仓库灭火器过期", browser.Find("#confirm-summary").Text, StringComparison.Ordinal);
        browser.Find("#confirm-submit").Click();

        var submitted = browser.Find("#unit-list .unit-card[data-grid='CUN01-G01'] .unit-state");
        Assert.Equal("已提交", submitted.Text);
        Assert.Contains("已提交", browser.Find(".alert-success").Text, StringComparison.Ordinal);
        browser.Screenshot("inspection-3-submitted-360");

        var findingId = portal.Factory.WithDbAsync(db => db.Findings.Where(f => f.Description == "村委会仓库灭火器过期").Select(f => f.Id).SingleAsync()).GetAwaiter().GetResult();
        Tap(browser, browser.Find("#todo-link"));
        var item = browser.Find($"#todo-list [data-finding='{findingId}']");
        Assert.Equal("2026-11-25", item.FindElement(By.CssSelector("input[name='ClosedOn']")).GetAttribute("value"));
        AssertFitsTheScreen(browser);
        browser.Screenshot("inspection-4-todo-360");
        Tap(browser, item.FindElement(By.CssSelector(".rectify-button")));

        Assert.Contains("已整改", browser.Find(".alert-success").Text, StringComparison.Ordinal);
        Assert.Empty(browser.Driver.FindElements(By.CssSelector($"#todo-list [data-finding='{findingId}']")));
        browser.Screenshot("inspection-5-rectified-360");
        var finding = portal.Factory.WithDbAsync(db => db.Findings.AsNoTracking().SingleAsync(f => f.Id == findingId)).GetAwaiter().GetResult();
        Assert.Equal(FindingStatus.Rectified, finding.Status);
        Assert.Equal(new DateOnly(2026, 11, 25), finding.ClosedOn);
    }
}
