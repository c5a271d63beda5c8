using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using SanLing.Web.Setup;
using SanLing.Web.Tests.Imports;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Browser;

/// <summary>
/// A real town's first hour in Chromium, on a fresh database in Production with the shipped configuration: the setup
/// page, the administrator's accounts, the office's imports and evaluation, and a grid worker who sees only their village.
/// The grid worker's account is made after the registry import, because its village is picked from the town's villages.
/// </summary>
public sealed class ProductionJourneyBrowserTests : IDisposable
{
    private const string AdminPassword = "Harbor-lamp-2026x";
    private const string OfficeTemporary = "Temporary-reed-2026";
    private const string OfficePassword = "Office-willow-4821";
    private const string GridTemporary = "Temporary-pine-2026";
    private const string GridPassword = "Meiling-river-7730";

    private readonly SanLingFactory _factory = new(demo: null, environment: "Production");
    private readonly string _baseUrl;

    public ProductionJourneyBrowserTests()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        _baseUrl = _factory.ClientOptions.BaseAddress.ToString();
    }

    [BrowserFact]
    public void A_town_is_set_up_administered_imported_and_evaluated_in_the_browser()
    {
        var samples = SampleWorkbookTests.SamplesFolder();
        using var browser = new BrowserSession(_baseUrl, 1280, 900);

        // 1. The setup page, with the token the start-up log printed.
        browser.Open("/");
        browser.Find("#setup-form");
        browser.Screenshot("journey-1-setup");
        browser.Find("#Token").SendKeys(_factory.Services.GetRequiredService<SetupGate>().Token!);
        Type(browser, "#TownCode", "QX");
        Type(browser, "#TownName", "清溪镇");
        Type(browser, "#AdminUserName", "chen");
        Type(browser, "#AdminDisplayName", "陈主任");
        Type(browser, "#Password", AdminPassword);
        Type(browser, "#ConfirmPassword", AdminPassword);
        Click(browser, "#setup-button");
        browser.Find("#login-button");
        browser.LogIn("chen", AdminPassword);

        // 2. The administrator creates the office account.
        CreateUser(browser, "wang", "王干事", "综治办", scope: null, OfficeTemporary);
        LogOut(browser);

        // 3. The office signs in, chooses its own password, imports the registry and grids, and evaluates 2024.
        SignInAndChangePassword(browser, "wang", OfficeTemporary, OfficePassword);
        foreach (var template in new[] { "subjects", "grids" })
        {
            browser.Open("/Imports");
            browser.Find($"#file-{template}").SendKeys(Path.Combine(samples, template + ".xlsx"));
            browser.Find($"#file-{template}").FindElement(By.XPath("./ancestor::form")).Submit();
            browser.Find("#import-success");
        }
        browser.Screenshot("journey-3-office-import");
        browser.Open("/Evaluation");
        var year = browser.Find("#Year");
        year.Clear();
        year.SendKeys("2024");
        browser.Find("#run-form").Submit();
        browser.Open("/Evaluation");
        Assert.Contains("2024", browser.Find("#run-list").Text, StringComparison.Ordinal);
        browser.Screenshot("journey-3-office-evaluation");
        LogOut(browser);

        // 4. The administrator gives 梅岭村 (V001) its grid worker, picked from the imported villages.
        browser.LogIn("chen", AdminPassword);
        CreateUser(browser, "xuna", "许娜", "网格员", scope: "V001", GridTemporary);
        browser.Screenshot("journey-2-admin-users");
        LogOut(browser);

        // 5. The grid worker sees their own village and what sits in it, and nothing of another village.
        SignInAndChangePassword(browser, "xuna", GridTemporary, GridPassword);
        browser.Open("/Subjects");
        var list = browser.Find("#subject-list").Text;
        browser.Screenshot("journey-5-grid-worker-subjects");
        Assert.Contains("梅岭村", list, StringComparison.Ordinal);
        Assert.DoesNotContain("西岭村", list, StringComparison.Ordinal);
        Assert.DoesNotContain("文昌社区", list, StringComparison.Ordinal);
    }

    private static void LogOut(BrowserSession browser)
    {
        Click(browser, "form[action$='/Account/Logout'] button[type=submit]");
        browser.Find("#login-button");
    }

    /// <summary>Clicks like a person: the element is first scrolled to the middle of the window (at once: Bootstrap scrolls smoothly).</summary>
    private static void Click(BrowserSession browser, string css)
    {
        var element = browser.Find(css);
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        element.Click();
    }

    private static void Type(BrowserSession browser, string css, string text)
    {
        var input = browser.Find(css);
        input.Clear();
        input.SendKeys(text);
    }

    private static void CreateUser(BrowserSession browser, string userName, string displayName, string role, string? scope, string password)
    {
        browser.Open("/Users/Create");
        Type(browser, "#UserName", userName);
        Type(browser, "#DisplayName", displayName);
        browser.Find($"#Role option[value='{role}']").Click();
        if (scope is not null)
        {
            browser.Find($"#ScopeCode option[value='{scope}']").Click();
        }
        if (browser.Find("#GeneratePassword").Selected)
        {
            Click(browser, "#GeneratePassword");
        }
        Type(browser, "#Password", password);
        Type(browser, "#ConfirmPassword", password);
        Click(browser, "#save-button");
        Assert.Equal(userName, browser.Find("#edited-user").Text);
    }

    private static void SignInAndChangePassword(BrowserSession browser, string userName, string temporary, string chosen)
    {
        browser.LogIn(userName, temporary);
        browser.Find("#must-change-notice");
        Type(browser, "#CurrentPassword", temporary);
        Type(browser, "#NewPassword", chosen);
        Type(browser, "#ConfirmPassword", chosen);
        Click(browser, "#change-password-button");
        // The change lands on the role's start page; under load the redirect may take a moment.
        var left = new OpenQA.Selenium.Support.UI.WebDriverWait(browser.Driver, TimeSpan.FromSeconds(30))
            .Until(d => !d.Url.Contains("/Account/ChangePassword", StringComparison.OrdinalIgnoreCase));
        Assert.True(left);
        browser.Find("#current-user");
    }

    public void Dispose() => _factory.Dispose();
}
