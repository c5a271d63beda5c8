namespace SanLing.Web.Tests.Browser;

/// <summary>
/// A real-Chromium test. Without Debian's chromium and chromedriver it reports itself skipped with the reason,
/// except under CI (CI=true), where a missing browser is a failure, not a skip.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverPath = "/usr/bin/chromedriver";

    public BrowserFactAttribute()
    {
        var missing = new[] { ChromiumPath, ChromeDriverPath }.Where(p => !File.Exists(p)).ToList();
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (missing.Count > 0 && !inCi)
        {
            Skip = $"未安装 Chromium（缺少 {string.Join("、", missing)}）：apt-get install chromium chromium-driver 后即可运行浏览器测试";
        }
    }
}
