using Microsoft.EntityFrameworkCore;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using SanLing.Domain.Inspections;
using SanLing.Web.Tests.Photos;

namespace SanLing.Web.Tests.Browser;

/// <summary>A grid worker on a 360 px phone records a hazard with a camera photo; it is stored once, shrunk, and shown on the finding.</summary>
public sealed class PhotoBrowserTests(KestrelDemoFixture portal) : IClassFixture<KestrelDemoFixture>
{
    private static object? Script(BrowserSession browser, string script, params object[] args) =>
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript(script, args);

    private static void Tap(BrowserSession browser, IWebElement element)
    {
        Script(browser, "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.Click();
    }

    [BrowserFact]
    public void A_grid_worker_lands_on_the_due_month_records_a_hazard_with_a_photo_and_it_is_stored_once()
    {
        var photoFile = Path.Combine(Path.GetTempPath(), $"sanling-photo-{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(photoFile, PhotoFiles.JpegWithGps(2400, 1800));
        try
        {
            using var browser = new BrowserSession(portal.BaseUrl, 360, 740);
            browser.LogIn("grid");

            // Signed in: the worklist, on the month due now (November on 25 November).
            Assert.EndsWith("/Worklist", browser.Driver.Url, StringComparison.Ordinal);
            var due = browser.Find("#due-inspections li[data-kind=inspection][data-state=due][data-month='2026-11']");
            var grid = due.GetAttribute("data-grid");
            Tap(browser, due.FindElement(By.CssSelector("a")));

            // The form: a hazard with a photo from the "camera" (the file input).
            browser.Find("#inspection-form");
            browser.Find("select[name='Findings[0].Type'] option[value='Hazard']").Click();
            browser.Find("select[name='Findings[0].HazardCategory'] option[value='Fire']").Click();
            browser.Find("select[name='Findings[0].RiskLevel'] option[value='General']").Click();
            browser.Find("textarea[name='Findings[0].Description']").SendKeys("仓库灭火器过期");
            Script(browser, "const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('change', {bubbles: true}));",
                "input[name='Findings[0].RectifyBy']", "2026-12-10");
            var input = browser.Find("input[type=file][name='Findings[0].Photos']");
            Assert.Equal("image/*", input.GetAttribute("accept"));
            Assert.Equal("environment", input.GetAttribute("capture"));
            input.SendKeys(photoFile);
            Assert.Contains("联网", browser.Find("#photo-note").Text, StringComparison.Ordinal);
            Script(browser, "document.querySelector('#photo-note').scrollIntoView({block: 'center', behavior: 'instant'})");
            browser.Screenshot("photo-journey-1-filled");

            // Submit: the confirmation names the photo; the post carries it.
            Tap(browser, browser.Find("#submit-button"));
            Assert.Contains("照片 1 张", browser.Find("#confirm-summary").Text, StringComparison.Ordinal);
            browser.Screenshot("photo-journey-2-confirm");
            browser.Find("#confirm-submit").Click();
            var flash = new WebDriverWait(browser.Driver, TimeSpan.FromSeconds(30)).Until(d => d.FindElements(By.CssSelector(".alert-success")).FirstOrDefault());
            Assert.Contains("已提交", flash!.Text, StringComparison.Ordinal);
            browser.Screenshot("photo-journey-3-received");

            var inspections = portal.Factory.WithDbAsync(db => db.Inspections.AsNoTracking().Include(i => i.Findings).ThenInclude(f => f.Photos)
                .Where(i => i.Grid!.Code == grid && i.Month == new DateOnly(2026, 11, 1)).ToListAsync()).GetAwaiter().GetResult();
            var inspection = Assert.Single(inspections);
            var finding = Assert.Single(inspection.Findings);
            var photo = Assert.Single(finding.Photos);
            Assert.Equal((1600, 1200, PhotoStage.Before), (photo.Width, photo.Height, photo.Stage));

            // The finding shows its photo as a thumbnail that loads.
            browser.Open($"/Inspections/Edit?subjectId={inspection.SubjectId}&gridId={inspection.GridId}&month=2026-11");
            var thumbnail = browser.Find($".finding-photos a[href='/Photos/Show/{photo.Id}'] img");
            Script(browser, "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", thumbnail);
            new WebDriverWait(browser.Driver, TimeSpan.FromSeconds(10)).Until(_ => Convert.ToInt64(Script(browser, "return arguments[0].complete ? arguments[0].naturalWidth : 0", thumbnail)) > 0);
            Assert.Equal(PhotoRules.ThumbnailLongestSide, Convert.ToInt32(Script(browser, "return arguments[0].naturalWidth", thumbnail)));
            Assert.True(Convert.ToInt64(Script(browser, "return document.documentElement.scrollWidth")) <= 360, "no sideways scrolling");
            browser.Screenshot("photo-journey-4-thumbnail");
        }
        finally
        {
            File.Delete(photoFile);
        }
    }
}
