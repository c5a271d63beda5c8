using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Accounts;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Features.Account;
using SanLing.Web.Setup;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// Guessing stays slow without locking anyone out for good: sign-ins are limited per account name and per client
/// address (as trusted proxies report it), lock-outs grow with each one in a row and end by themselves, and every
/// refusal reads the same.
/// </summary>
public sealed class LoginThrottleTests
{
    [Fact]
    public async Task Attempts_on_one_account_name_are_limited_with_a_429_page_while_other_accounts_sign_in()
    {
        using var factory = DemoTown.Start(kestrel: false, f => f.Settings["Security:LoginAttemptsPerAccountPerMinute"] = "3");
        var client = factory.CreateBrowserlessClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("Leader ", "wrong-password-" + i)).StatusCode);
        }

        // The name is normalised: other case and spaces are the same account.
        var throttled = await factory.CreateBrowserlessClient().LoginAsync(" LEADER", DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var page = await throttled.ParseAsync();
        Assert.Contains("登录尝试过于频繁", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#login-button"));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserlessClient().LoginAsync("office", DemoAccounts.Password)).StatusCode);
        // Throttled attempts never reach the password check: no lock-out counter moved for them.
        Assert.Equal(3, await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task Attempts_from_one_client_are_limited_whatever_names_it_tries()
    {
        using var factory = DemoTown.Start(kestrel: false, f => f.Settings["Security:LoginAttemptsPerMinute"] = "3");
        var client = factory.CreateBrowserlessClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("spray-" + i, "Summer-2026-pass")).StatusCode);
        }

        var throttled = await client.LoginAsync("office", DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
    }

    [Fact]
    public async Task Lock_outs_grow_with_each_one_in_a_row_end_by_themselves_and_start_afresh_after_a_sign_in()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var client = factory.CreateBrowserlessClient();

        async Task FailFiveTimes()
        {
            for (var i = 0; i < SignInRules.FailedAttemptsBeforeLockout; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("leader", "wrong-password-" + i)).StatusCode);
            }
        }
        async Task<bool> SignsIn() => (await factory.CreateBrowserlessClient().LoginAsync("leader", DemoAccounts.Password)).StatusCode == HttpStatusCode.Redirect;
        void Wait(TimeSpan time) => factory.Clock.Now = factory.Clock.Now.Add(time);

        await FailFiveTimes();
        Assert.False(await SignsIn());
        Wait(TimeSpan.FromMinutes(14));
        Assert.False(await SignsIn());
        Wait(TimeSpan.FromMinutes(2));
        // 16 minutes later the first lock-out (15 minutes) is over; five more failures lock for 30 minutes.
        await FailFiveTimes();
        Wait(TimeSpan.FromMinutes(16));
        Assert.False(await SignsIn());
        Wait(TimeSpan.FromMinutes(15));
        await FailFiveTimes();
        Assert.Equal(3, await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.ConsecutiveLockouts).SingleAsync()));
        Wait(TimeSpan.FromMinutes(59));
        Assert.False(await SignsIn());
        Wait(TimeSpan.FromMinutes(2));

        Assert.True(await SignsIn());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.ConsecutiveLockouts).SingleAsync()));
        await FailFiveTimes();
        Wait(TimeSpan.FromMinutes(16));
        Assert.True(await SignsIn());
    }

    [Fact]
    public async Task Unknown_user_wrong_password_disabled_and_locked_accounts_all_read_the_same()
    {
        using var factory = DemoTown.Start(kestrel: false);
        await factory.WithDbAsync(async db =>
        {
            using var scope = factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var name in new[] { "still.off", "locked.out" })
            {
                var user = new AppUser { UserName = name, DisplayName = name, TownId = db.CurrentTownId, IsDisabled = name == "still.off" };
                Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
                await users.AddToRoleAsync(user, Roles.Office);
            }
        });
        var attacker = factory.CreateBrowserlessClient();
        for (var i = 0; i < SignInRules.FailedAttemptsBeforeLockout; i++)
        {
            await attacker.LoginAsync("locked.out", "wrong-password-" + i);
        }

        var answers = new List<string>();
        foreach (var (name, password) in new[]
        {
            ("no.such.user", DemoAccounts.Password),
            ("office", "wrong-password-9"),
            ("still.off", DemoAccounts.Password),
            ("locked.out", DemoAccounts.Password),
        })
        {
            var response = await factory.CreateBrowserlessClient().LoginAsync(name, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add((await response.ParseAsync()).QuerySelector(".validation-summary-errors")!.TextContent.Trim());
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(AccountController.LoginFailed, answers[0]);
    }

    [Fact]
    public async Task A_forwarded_address_is_ignored_from_an_unknown_proxy()
    {
        using var factory = DemoTown.Start(kestrel: true);
        await SignInThroughProxyAsync(factory, "203.0.113.7");

        var address = await LastSessionAddressAsync(factory);
        Assert.True(address is "127.0.0.1" or "::1", $"recorded {address}");
    }

    [Fact]
    public async Task A_forwarded_address_is_honoured_from_a_configured_proxy_and_throttled_on_its_own()
    {
        using var factory = DemoTown.Start(kestrel: true, f =>
        {
            f.Settings["Security:KnownProxies"] = "127.0.0.1, ::1";
            f.Settings["Security:LoginAttemptsPerMinute"] = "2";
        });
        await SignInThroughProxyAsync(factory, "203.0.113.7");
        Assert.Equal("203.0.113.7", await LastSessionAddressAsync(factory));

        // Behind the proxy each client has its own budget: one client's excess does not lock the others out.
        Assert.Equal(HttpStatusCode.OK, (await LoginThroughProxyAsync(factory, "203.0.113.7", "wrong-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginThroughProxyAsync(factory, "203.0.113.7", "wrong-password-2")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginThroughProxyAsync(factory, "198.51.100.20", DemoAccounts.Password)).StatusCode);
    }

    private static async Task SignInThroughProxyAsync(SanLingFactory factory, string forwardedFor) =>
        Assert.Equal(HttpStatusCode.Redirect, (await LoginThroughProxyAsync(factory, forwardedFor, DemoAccounts.Password)).StatusCode);

    /// <summary>A sign-in over real HTTP (Kestrel), as a reverse proxy would forward it for <paramref name="forwardedFor"/>.</summary>
    private static async Task<HttpResponseMessage> LoginThroughProxyAsync(SanLingFactory factory, string forwardedFor, string password)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = factory.ClientOptions.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return await client.LoginAsync("office", password);
    }

    private static Task<string?> LastSessionAddressAsync(SanLingFactory factory) =>
        factory.WithDbAsync(db => db.UserSessions.OrderByDescending(s => s.SignedInAt).Select(s => s.ClientAddress).FirstAsync());
}
