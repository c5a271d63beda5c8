using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Subjects;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests;

[Collection(DemoTownCollection.Name)]
public sealed class StartupTests(DemoTownFixture demo)
{
    [Fact]
    public async Task A_fresh_sqlite_file_is_migrated_and_seeded_with_the_demo_town()
    {
        Assert.True(File.Exists(demo.Factory.DatabasePath));
        var counts = await demo.Factory.WithDbAsync(db => db.Subjects.GroupBy(s => s.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

        Assert.Equal(17, counts[SubjectKind.Village]);
        Assert.Equal(8, counts[SubjectKind.Community]);
        Assert.True(counts[SubjectKind.Enterprise] + counts.GetValueOrDefault(SubjectKind.Unit) >= 1000);
    }

    [Fact]
    public async Task Every_village_and_community_has_grids()
    {
        var withoutGrids = await demo.Factory.WithDbAsync(db => db.Subjects
            .Where(s => s.Kind == SubjectKind.Village || s.Kind == SubjectKind.Community)
            .CountAsync(s => !s.Grids.Any()));
        Assert.Equal(0, withoutGrids);
    }

    [Fact]
    public async Task Health_check_reports_the_database_healthy_without_login()
    {
        var client = demo.Factory.CreateBrowserlessClient();
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Responses_carry_the_security_headers_and_no_server_banner()
    {
        var client = demo.Factory.CreateBrowserlessClient();
        var response = await client.GetAsync("/Account/Login");
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task An_unknown_page_gets_the_chinese_404_page()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var response = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_setup_page_is_gone_once_the_town_has_accounts()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await demo.Factory.CreateBrowserlessClient().GetAsync("/Setup")).StatusCode);
        var admin = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Setup")).StatusCode);
    }
}
