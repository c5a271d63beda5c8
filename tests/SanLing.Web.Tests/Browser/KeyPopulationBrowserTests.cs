using Microsoft.EntityFrameworkCore;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace SanLing.Web.Tests.Browser;

/// <summary>The grid worker's everyday pages of key persons and rental houses, on a 360 px phone.</summary>
public sealed class KeyPopulationBrowserTests(KestrelDemoFixture portal) : IClassFixture<KestrelDemoFixture>
{
    private static long Script(BrowserSession browser, string script) =>
        Convert.ToInt64(((IJavaScriptExecutor)browser.Driver).ExecuteScript(script), System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertFitsTheScreen(BrowserSession browser)
    {
        var scrollWidth = Script(browser, "return document.documentElement.scrollWidth");
        var viewport = Script(browser, "return window.innerWidth");
        Assert.True(scrollWidth <= viewport, $"page is {scrollWidth}px wide in a {viewport}px viewport");
    }

    [BrowserFact]
    public void A_grid_worker_adds_a_follow_up_on_a_phone()
    {
        var personId = portal.Factory.WithDbAsync(db => db.KeyPersons
            .Where(k => k.Subject!.Code == "CUN01" || k.Subject.Territory!.Code == "CUN01")
            .OrderBy(k => k.Id).Select(k => k.Id).FirstAsync()).GetAwaiter().GetResult();
        using var browser = new BrowserSession(portal.BaseUrl, 360, 740);
        browser.LogIn("grid");

        browser.Open("/KeyPersons");
        browser.Find("#key-person-list");
        AssertFitsTheScreen(browser);

        browser.Open($"/KeyPersons/Details/{personId}");
        browser.Find("#Note").SendKeys("手机端入户走访");
        AssertFitsTheScreen(browser);
        browser.Find("#follow-up-form button[type=submit]").Click();

        // The post reloads the page: wait for the new one instead of reading the old list.
        var wait = new WebDriverWait(browser.Driver, TimeSpan.FromSeconds(15));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        Assert.True(wait.Until(d => d.FindElement(By.CssSelector("#follow-ups")).Text.Contains("手机端入户走访", StringComparison.Ordinal)));
        Assert.True(File.Exists(browser.Screenshot("grid-worker-key-person-360")));
    }

    [BrowserFact]
    public void The_rental_house_list_and_form_fit_a_phone()
    {
        using var browser = new BrowserSession(portal.BaseUrl, 360, 740);
        browser.LogIn("grid");

        browser.Open("/RentalHouses");
        browser.Find("#rental-house-list");
        AssertFitsTheScreen(browser);
        browser.Open("/RentalHouses/Create");
        browser.Find("#save-button");
        AssertFitsTheScreen(browser);
        Assert.True(File.Exists(browser.Screenshot("grid-worker-rental-house-form-360")));
    }
}
