using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace SanLing.Web.Tests.Browser;

/// <summary>The subject picker on a ledger form, on a 360 px phone, in real Chromium (script served under the CSP).</summary>
public sealed class SubjectPickerBrowserTests(KestrelDemoFixture portal) : IClassFixture<KestrelDemoFixture>
{
    [BrowserFact]
    public void Office_picks_a_village_by_its_pinyin_initials_on_the_petition_form_at_360_px()
    {
        using var browser = new BrowserSession(portal.BaseUrl, 360, 740);
        browser.LogIn("office");
        browser.Open("/Petitions/Create");

        var input = browser.Find("#SubjectCode");
        input.SendKeys("stc");
        var option = new WebDriverWait(browser.Driver, TimeSpan.FromSeconds(10))
            .Until(d => d.FindElements(By.CssSelector(".subject-picker-list [role=option]")).FirstOrDefault(o => o.Displayed && o.Text.Contains("上塘村", StringComparison.Ordinal)));
        Assert.True(File.Exists(browser.Screenshot("office-subject-picker-360")));

        var js = (IJavaScriptExecutor)browser.Driver;
        var listRight = Convert.ToInt64(js.ExecuteScript("return Math.ceil(document.querySelector('.subject-picker-list').getBoundingClientRect().right)"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(listRight <= 360, $"the list ends at {listRight}px");

        var code = option.FindElement(By.CssSelector(".fw-semibold")).Text;
        var options = browser.Driver.FindElements(By.CssSelector(".subject-picker-list [role=option]")).ToList();
        for (var i = 0; i <= options.IndexOf(option); i++)
        {
            input.SendKeys(Keys.ArrowDown);
        }
        input.SendKeys(Keys.Enter);

        Assert.Equal(code, input.GetAttribute("value"));
        Assert.Contains("上塘村", browser.Find(".subject-picker-chosen").Text, StringComparison.Ordinal);
        Assert.False(browser.Find(".subject-picker-list").Displayed);
        Assert.True(File.Exists(browser.Screenshot("office-subject-picker-chosen-360")));
    }
}
