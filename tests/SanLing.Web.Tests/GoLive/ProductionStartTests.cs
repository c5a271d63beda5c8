using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Setup;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.GoLive;

/// <summary>A deployed portal (environment Production, shipped configuration) on an empty database.</summary>
public sealed class ProductionStartTests : IDisposable
{
    private const string AdminPassword = "Harbor-lamp-2026x";
    private readonly SanLingFactory _factory = new(demo: null, environment: "Production");

    private static Dictionary<string, string> ValidSetup(string token) => new()
    {
        ["Token"] = token,
        ["TownCode"] = "QINGSHAN",
        ["TownName"] = "青山镇",
        ["InspectionDueDay"] = "8",
        ["AdminUserName"] = "chen",
        ["AdminDisplayName"] = "陈主任",
        ["Password"] = AdminPassword,
        ["ConfirmPassword"] = AdminPassword,
    };

    private Task<int> TownsAndUsersAsync() => _factory.WithDbAsync(async db => await db.Towns.CountAsync() + await db.Users.CountAsync());

    [Fact]
    public async Task The_setup_page_works_once_with_the_printed_token_and_no_demo_account_ever_signs_in()
    {
        var client = _factory.CreateBrowserlessClient();
        Assert.Equal(0, await TownsAndUsersAsync());
        var token = _factory.Services.GetRequiredService<SetupGate>().Token;
        Assert.False(string.IsNullOrEmpty(token));

        // Every page leads to the setup page while there is no account.
        foreach (var path in new[] { "/", "/Account/Login", "/Subjects" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Setup", response.Headers.Location!.OriginalString);
        }

        var form = await client.GetPageAsync("/Setup");
        var antiforgery = PortalClient.TokenOf(form);
        Assert.NotNull(form.QuerySelector("input[name=Token]"));

        // Without the token, or with a wrong one: refused with a message, nothing written.
        foreach (var (given, message) in new[] { ("", "请填写设置令牌"), ("not-the-token", "设置令牌不正确") })
        {
            var refused = await client.PostFormAsync("/Setup", antiforgery, ValidSetup(token!).With("Token", given));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, (await refused.ParseAsync()).QuerySelector("[data-field=Token]")?.TextContent ?? "", StringComparison.Ordinal);
            Assert.Equal(0, await TownsAndUsersAsync());
        }

        // Empty and garbage fields: each answered by its field, nothing written, no 500.
        var garbage = new Dictionary<string, string>
        {
            ["Token"] = token!,
            ["TownCode"] = "<script>",
            ["TownName"] = "",
            ["InspectionDueDay"] = "abc",
            ["AdminUserName"] = "",
            ["Password"] = "123",
            ["ConfirmPassword"] = "456",
        };
        var invalid = await client.PostFormAsync("/Setup", antiforgery, garbage);
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var page = await invalid.ParseAsync();
        foreach (var field in new[] { "TownCode", "TownName", "InspectionDueDay", "AdminUserName", "Password", "ConfirmPassword" })
        {
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-field={field}]")?.TextContent), $"no message by {field}");
        }
        var dueDay = await client.PostFormAsync("/Setup", antiforgery, ValidSetup(token!).With("InspectionDueDay", "29"));
        Assert.Contains("1 到 28", (await dueDay.ParseAsync()).QuerySelector("[data-field=InspectionDueDay]")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Equal(0, await TownsAndUsersAsync());

        var done = await client.PostFormAsync("/Setup", antiforgery, ValidSetup(token!));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/Account/Login", done.Headers.Location!.OriginalString);

        var (town, ruleSetYear, role) = await _factory.WithDbAsync(async db =>
        {
            var t = await db.Towns.SingleAsync();
            var year = await db.RuleSets.Select(r => r.Year).SingleAsync();
            var users = _factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var roles = await users.GetRolesAsync((await users.FindByNameAsync("chen"))!);
            return (t, year, roles.Single());
        });
        Assert.Equal(("QINGSHAN", "青山镇", 8), (town.Code, town.Name, town.InspectionDueDay));
        Assert.Equal(2020, ruleSetYear);
        Assert.Equal(Roles.Admin, role);

        // Only once: the page is gone, and so is the token.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Setup")).StatusCode);
        var second = await client.PostFormAsync("/Setup", antiforgery, ValidSetup(token!).With("TownCode", "OTHER").With("AdminUserName", "wang"));
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Null(_factory.Services.GetRequiredService<SetupGate>().Token);
        Assert.Equal(2, await TownsAndUsersAsync());

        await _factory.CreateBrowserlessClient().LoggedInAsync("chen", AdminPassword);
        foreach (var account in DemoAccounts.Accounts)
        {
            var attempt = await _factory.CreateBrowserlessClient().LoginAsync(account.UserName, DemoAccounts.Password);
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
            Assert.Contains("用户名或密码错误", await attempt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Demo_mode_asked_for_on_a_database_with_a_real_town_writes_nothing()
    {
        using (var scope = _factory.Services.CreateScope())
        {
            var errors = await RealTownSetup.CreateAsync(scope.ServiceProvider,
                new NewTownRequest("QINGSHAN", "青山镇", 5, "chen", null, AdminPassword));
            Assert.Empty(errors);
        }

        using var demo = new SanLingFactory(demo: true, environment: "Production", databasePath: _factory.DatabasePath);
        _ = demo.Server;

        Assert.Equal(2, await TownsAndUsersAsync());
        Assert.Null(await demo.WithDbAsync(db => db.Users.FirstOrDefaultAsync(u => u.UserName == "admin")));
    }

    public void Dispose() => _factory.Dispose();
}

internal static class FormFields
{
    public static Dictionary<string, string> With(this Dictionary<string, string> fields, string name, string value) =>
        new(fields) { [name] = value };
}
