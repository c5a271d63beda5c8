using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;
using OpenQA.Selenium.Support.UI;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Browser;

/// <summary>Headless Debian Chromium driven by chromedriver against the portal served by Kestrel on loopback.</summary>
public sealed class BrowserSession : IDisposable
{
    private readonly ChromeDriver _driver;

    public BrowserSession(string baseUrl, int width, int height)
    {
        BaseUrl = baseUrl.TrimEnd('/');
        var options = new ChromeOptions { BinaryLocation = BrowserFactAttribute.ChromiumPath };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
            $"--window-size={Math.Max(width, 500)},{height}", "--lang=zh-CN");
        // Console messages are readable by tests (driver.Manage().Logs.GetLog(LogType.Browser)).
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        if (width < 500)
        {
            // Headless windows are at least 500 px wide; a phone is emulated instead.
            options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings
            {
                Width = width,
                Height = height,
                PixelRatio = 1,
                UserAgent = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
            });
        }
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(BrowserFactAttribute.ChromeDriverPath)!, Path.GetFileName(BrowserFactAttribute.ChromeDriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        _driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    public string BaseUrl { get; }

    public IWebDriver Driver => _driver;

    public void Open(string path) => _driver.Navigate().GoToUrl(BaseUrl + path);

    public IWebElement Find(string css) => new WebDriverWait(_driver, TimeSpan.FromSeconds(15)).Until(d => d.FindElement(By.CssSelector(css)));

    public void LogIn(string userName, string password = Setup.DemoAccounts.Password)
    {
        Open("/Account/Login");
        Find("#UserName").SendKeys(userName);
        Find("#Password").SendKeys(password);
        Find("#login-button").Click();
        Find("#current-user");
    }

    /// <summary>Saves a PNG under TestResults/screenshots (kept by CI as a test artefact) and returns its path.</summary>
    public string Screenshot(string name)
    {
        var folder = Path.Combine(ArtifactFolder(), "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        _driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>The repository's TestResults folder (found from the test binaries), or the temp folder.</summary>
    public static string ArtifactFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SanLing.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir?.FullName ?? Path.GetTempPath(), "TestResults");
    }

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
    }
}

/// <summary>The demo-town portal served over real HTTP for the browser.</summary>
public sealed class KestrelDemoFixture : IDisposable
{
    public KestrelDemoFixture()
    {
        Factory = DemoTown.Start(kestrel: true);
        BaseUrl = Factory.ClientOptions.BaseAddress.ToString();
    }

    public SanLingFactory Factory { get; }

    public string BaseUrl { get; }

    public void Dispose() => Factory.Dispose();
}
