using Microsoft.EntityFrameworkCore;
using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;
using OpenQA.Selenium.Support.UI;
using SanLing.Domain.Inspections;

namespace SanLing.Web.Tests.Browser;

/// <summary>
/// Field work in real Chromium on a 360 px phone: every grid-worker and liaison page fits the screen with thumb-sized
/// targets, and a grid worker's inspection survives a reload and a lost connection and is stored exactly once.
/// </summary>
public sealed class FieldWorkBrowserTests(KestrelDemoFixture portal) : IClassFixture<KestrelDemoFixture>
{
    private static object? Script(BrowserSession browser, string script, params object[] args) =>
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript(script, args);

    private static void Tap(BrowserSession browser, IWebElement element)
    {
        Script(browser, "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.Click();
    }

    /// <summary>Sets a field as typing would (input and change events), for date fields whose typing depends on the locale.</summary>
    private static void Type(BrowserSession browser, string css, string value) =>
        Script(browser, "const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));", css, value);

    private static void Network(BrowserSession browser, bool offline)
    {
        var driver = (ChromiumDriver)browser.Driver;
        driver.ExecuteCdpCommand("Network.enable", []);
        driver.ExecuteCdpCommand("Network.emulateNetworkConditions", new Dictionary<string, object?>
        {
            ["offline"] = offline, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
        });
    }

    /// <summary>What is wider than the screen, and every visible clickable lower than 44 px (a check box counts by its label).</summary>
    private const string Offenders = """
        const bad = [];
        if (document.documentElement.scrollWidth > window.innerWidth) {
            bad.push(`page ${document.documentElement.scrollWidth}px wide`);
        }
        for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")) {
            if (el.closest("dialog:not([open]), [hidden], template")) continue;
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
            let h = r.height;
            if (el.type === "checkbox" || el.type === "radio") {
                const label = el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
                h = label ? Math.max(h, label.getBoundingClientRect().height) : h;
            }
            if (h < 44) bad.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${el.className} "${(el.textContent || el.name || "").trim().slice(0, 24)}" ${Math.round(h)}px`);
        }
        return bad.join("\n");
        """;

    [BrowserFact]
    public void No_grid_worker_or_liaison_page_is_wider_than_360_px_and_every_clickable_is_44_px_high()
    {
        var ids = portal.Factory.WithDbAsync(async db => new
        {
            KeyPerson = await db.KeyPersons.Where(k => k.Subject!.Code == "CUN01").OrderBy(k => k.Id).Select(k => k.Id).FirstAsync(),
            House = await db.RentalHouses.Where(h => h.Subject!.Code == "CUN01").OrderBy(h => h.Id).Select(h => h.Id).FirstAsync(),
            Grid = await db.Grids.Where(g => g.Subject!.Code == "CUN01").OrderBy(g => g.Code).Select(g => new { g.Id, g.SubjectId }).FirstAsync(),
            Liaison = await db.Subjects.Where(s => s.Code == "QY0001").Select(s => new { s.Id, Grid = s.Grids.OrderBy(g => g.Code).Select(g => (int?)g.Id).FirstOrDefault() }).FirstAsync(),
        }).GetAwaiter().GetResult();
        var pages = new Dictionary<string, string[]>
        {
            ["grid"] =
            [
                "/Worklist", "/Inspections", $"/Inspections/Edit?subjectId={ids.Grid.SubjectId}&gridId={ids.Grid.Id}&month=2026-10", "/Inspections/Todo",
                "/KeyPersons", $"/KeyPersons/Details/{ids.KeyPerson}", "/RentalHouses", $"/RentalHouses/Details/{ids.House}", "/RentalHouses/Create",
                "/Petitions", "/Accidents", "/Cases", "/Grids", "/Subjects", "/Account/ChangePassword",
            ],
            ["liaison"] =
            [
                "/Worklist", "/Inspections", $"/Inspections/Edit?subjectId={ids.Liaison.Id}{(ids.Liaison.Grid is { } g ? $"&gridId={g}" : "")}&month=2026-10",
                "/Inspections/Todo", "/Standing", "/Subjects", $"/Subjects/Details/{ids.Liaison.Id}",
            ],
        };
        var failures = new List<string>();
        foreach (var (user, paths) in pages)
        {
            using var browser = new BrowserSession(portal.BaseUrl, 360, 740);
            browser.LogIn(user);
            foreach (var path in paths)
            {
                browser.Open(path);
                browser.Find("main");
                var offenders = (string)Script(browser, Offenders)!;
                var name = $"field-{user}-{path.Trim('/').Split('?')[0].Replace('/', '-')}";
                browser.Screenshot(name);
                if (offenders.Length > 0)
                {
                    failures.Add($"{user} {path}:\n{offenders}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [BrowserFact]
    public void A_grid_worker_lands_on_the_due_month_keeps_a_draft_through_a_reload_and_a_lost_connection_and_it_is_stored_once()
    {
        using var browser = new BrowserSession(portal.BaseUrl, 360, 740);
        browser.LogIn("grid");

        // 1. Signed in: the worklist, with the month due now (November on 25 November).
        Assert.EndsWith("/Worklist", browser.Driver.Url, StringComparison.Ordinal);
        var due = browser.Find("#due-inspections li[data-kind=inspection][data-state=due][data-month='2026-11']");
        var grid = due.GetAttribute("data-grid");
        browser.Screenshot("field-journey-1-worklist");
        Tap(browser, due.FindElement(By.CssSelector("a")));

        // 2. The form: a hazard offers only hazard statuses.
        browser.Find("#inspection-form");
        Assert.False(string.IsNullOrEmpty(browser.Find("#Inspector").GetAttribute("value")));
        browser.Find("select[name='Findings[0].Type'] option[value='Hazard']").Click();
        var statuses = browser.Driver.FindElements(By.CssSelector("select[name='Findings[0].Status'] option")).Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", "Rectifying", "Rectified"], statuses);
        browser.Find("select[name='Findings[0].HazardCategory'] option[value='Fire']").Click();
        browser.Find("select[name='Findings[0].RiskLevel'] option[value='General']").Click();
        browser.Find("textarea[name='Findings[0].Description']").SendKeys("田间电线裸露");
        Type(browser, "input[name='Findings[0].RectifyBy']", "2026-12-10");
        // Ticking "nothing found" hides and clears the findings; unticking brings the block back.
        Tap(browser, browser.Find("label[for=NothingFound]"));
        Assert.False(browser.Find("#findings-block").Displayed);
        Tap(browser, browser.Find("label[for=NothingFound]"));
        Assert.True(browser.Find("#findings-block").Displayed);
        Assert.Equal("", browser.Find("textarea[name='Findings[0].Description']").GetAttribute("value"));
        browser.Find("select[name='Findings[0].Type'] option[value='Hazard']").Click();
        browser.Find("select[name='Findings[0].HazardCategory'] option[value='Fire']").Click();
        browser.Find("select[name='Findings[0].RiskLevel'] option[value='General']").Click();
        browser.Find("textarea[name='Findings[0].Description']").SendKeys("田间电线裸露");
        Type(browser, "input[name='Findings[0].RectifyBy']", "2026-12-10");
        browser.Screenshot("field-journey-2-filled");
        var formUrl = browser.Driver.Url;

        // 3. The connection drops: the page cannot be reloaded (no service worker), what was typed stays on the phone.
        Network(browser, offline: true);
        try
        {
            browser.Driver.Navigate().Refresh();
        }
        catch (WebDriverException)
        {
            // Chromium's own "no internet" page
        }
        browser.Screenshot("field-journey-3-offline-reload");
        Network(browser, offline: false);
        browser.Open(formUrl.Replace(portal.BaseUrl.TrimEnd('/'), "", StringComparison.Ordinal));

        // 4. Back: the draft is restored and says so.
        Assert.True(browser.Find("#draft-notice").Displayed);
        Assert.Equal("田间电线裸露", browser.Find("textarea[name='Findings[0].Description']").GetAttribute("value"));
        Assert.Equal("Hazard", browser.Find("select[name='Findings[0].Type']").GetAttribute("value"));
        browser.Screenshot("field-journey-4-draft-restored");

        // 5. Submitted while offline: confirmed, then queued on the phone.
        Network(browser, offline: true);
        Tap(browser, browser.Find("#submit-button"));
        Assert.Contains("田间电线裸露", browser.Find("#confirm-summary").Text, StringComparison.Ordinal);
        browser.Screenshot("field-journey-5-confirm");
        browser.Find("#confirm-submit").Click();
        new WebDriverWait(browser.Driver, TimeSpan.FromSeconds(10)).Until(d => d.FindElement(By.CssSelector("#queue-status")).Displayed);
        Assert.Contains("暂存", browser.Find("#queue-status").Text, StringComparison.Ordinal);
        browser.Screenshot("field-journey-6-queued");
        Assert.Equal(0, Stored());

        // 6. The connection returns: sent once, and the worker sees it was received.
        Network(browser, offline: false);
        var flash = new WebDriverWait(browser.Driver, TimeSpan.FromSeconds(20)).Until(d => d.FindElements(By.CssSelector(".alert-success")).FirstOrDefault());
        Assert.Contains("已提交", flash!.Text, StringComparison.Ordinal);
        browser.Screenshot("field-journey-7-received");

        // A reload sends nothing again.
        browser.Driver.Navigate().Refresh();
        browser.Find("main");
        Assert.Equal(1, Stored());
        var inspection = portal.Factory.WithDbAsync(db => db.Inspections.AsNoTracking().Include(i => i.Findings)
            .SingleAsync(i => i.Grid!.Code == grid && i.Month == new DateOnly(2026, 11, 1))).GetAwaiter().GetResult();
        Assert.Equal(InspectionStatus.Submitted, inspection.Status);
        Assert.Equal("田间电线裸露", Assert.Single(inspection.Findings).Description);

        int Stored() => portal.Factory.WithDbAsync(db => db.Inspections.CountAsync(i => i.Grid!.Code == grid && i.Month == new DateOnly(2026, 11, 1))).GetAwaiter().GetResult();
    }
}
