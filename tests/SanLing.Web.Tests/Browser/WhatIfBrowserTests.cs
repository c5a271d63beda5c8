using Microsoft.EntityFrameworkCore;
using OpenQA.Selenium;
using SanLing.Domain.Inspections;

namespace SanLing.Web.Tests.Browser;

/// <summary>The what-if panel in real Chromium, at desktop width and on a 360 px phone (screenshots under TestResults).</summary>
public sealed class WhatIfBrowserTests(KestrelDemoFixture portal) : IClassFixture<KestrelDemoFixture>
{
    [BrowserFact]
    public async Task The_what_if_panel_fits_a_desktop_and_a_phone()
    {
        // The demo subject with the most hazards still being rectified this year.
        var subject = await portal.Factory.WithDbAsync(db => db.Findings
            .Where(f => f.Type == FindingType.Hazard && f.Status == FindingStatus.Rectifying && f.Inspection!.Month.Year == 2026)
            .GroupBy(f => f.Inspection!.SubjectId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
        foreach (var (width, height) in new[] { (1280, 1000), (360, 780) })
        {
            using var browser = new BrowserSession(portal.BaseUrl, width, height);
            browser.LogIn("office");
            browser.Open($"/WhatIf?subjectId={subject}");
            var first = browser.Find("#what-if-form input[name=open][data-kind], #what-if-form input[name=open]");
            ((IJavaScriptExecutor)browser.Driver).ExecuteScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", first);
            ((IJavaScriptExecutor)browser.Driver).ExecuteScript("document.querySelector('#what-if-form button[type=submit]').click();");
            browser.Find("#what-if-form input[name=open]:checked");
            Assert.Contains("open=", browser.Driver.Url, StringComparison.Ordinal);
            ((IJavaScriptExecutor)browser.Driver).ExecuteScript("document.querySelector('#what-if-result').scrollIntoView({block: 'start'});");
            browser.Screenshot($"what-if-{width}");
            var wide = (long)((IJavaScriptExecutor)browser.Driver).ExecuteScript("return document.documentElement.scrollWidth - window.innerWidth;")!;
            Assert.True(wide <= 0, $"the page is {wide}px wider than {width}px");
        }
    }
}
