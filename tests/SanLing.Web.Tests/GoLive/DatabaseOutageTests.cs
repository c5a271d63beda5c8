using System.Net;
using Microsoft.Data.Sqlite;
using SanLing.Web.Setup;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.GoLive;

/// <summary>
/// The database goes away (its folder is moved, which works even as root) and comes back: readiness says so, pages
/// answer a Chinese 503 page, liveness stays healthy, and the portal recovers by itself.
/// </summary>
public sealed class DatabaseOutageTests : IDisposable
{
    private const string Password = "Harbor-lamp-2026x";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sanling-tests", $"outage-{Guid.NewGuid():N}");
    private readonly SanLingFactory _factory;

    public DatabaseOutageTests()
    {
        _factory = new SanLingFactory(demo: false, environment: "Production", databasePath: Path.Combine(_folder, "data", "sanling.db"));
    }

    [Fact]
    public async Task Database_down_gives_503_and_unhealthy_readiness_then_the_portal_recovers()
    {
        using (var scope = _factory.Services.CreateScope())
        {
            Assert.Empty(await RealTownSetup.CreateAsync(scope.ServiceProvider, new NewTownRequest("QS", "青山镇", 5, "chen", null, Password)));
        }
        var client = await _factory.CreateBrowserlessClient().LoggedInAsync("chen", Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        var data = Path.Combine(_folder, "data");
        var away = Path.Combine(_folder, "away");
        Directory.Move(data, away);
        SqliteConnection.ClearAllPools();
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);

            var page = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("数据库暂时无法连接", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var english = new HttpRequestMessage(HttpMethod.Get, "/Subjects");
            english.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
            var englishPage = await client.SendAsync(english);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, englishPage.StatusCode);
            Assert.Contains("The database cannot be reached", await englishPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Move(away, data);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    public void Dispose()
    {
        _factory.Dispose();
        PortalProcess.DeleteFolder(_folder);
    }
}
