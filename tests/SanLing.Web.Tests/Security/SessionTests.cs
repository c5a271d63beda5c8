using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Security;
using SanLing.Web.Setup;
using SanLing.Web.Tests.Administration;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Security;

/// <summary>Sessions end when they must: at logout (even a saved copy of the cookie), 12 hours after sign-in, and when the admin changes the account. More in <see cref="ServerSessionTests"/>.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task A_copy_of_the_cookie_saved_before_logout_is_refused_after_it()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var client = factory.CreateBrowserlessClient();
        var login = await client.LoginAsync("office", DemoAccounts.Password);
        var savedCookie = AuthCookie(login);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(factory, "/Subjects", savedCookie)).StatusCode);

        var logout = await client.PostFormAsync("/Account/Logout", await client.AntiforgeryTokenAsync("/Subjects"), []);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        AssertSentToLogin(await GetWithCookieAsync(factory, "/Subjects", savedCookie));
        // Signing in again gives a fresh, working session.
        var again = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Subjects")).StatusCode);
    }

    [Fact]
    public async Task An_active_session_ends_12_hours_after_sign_in_not_before()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var client = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var signedIn = factory.Clock.Now;

        // A request every 25 minutes keeps the 30-minute idle limit away; the claims are rebuilt at each one.
        var elapsed = TimeSpan.Zero;
        while (elapsed <= SessionLimits.Absolute)
        {
            factory.Clock.Now = factory.Clock.Now.AddMinutes(25);
            elapsed = factory.Clock.Now - signedIn;
            var response = await client.GetAsync("/Subjects");
            if (elapsed <= SessionLimits.Absolute)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"refused after {elapsed} of activity: {(int)response.StatusCode}");
            }
            else
            {
                AssertSentToLogin(response);
            }
        }
        Assert.Equal(TimeSpan.FromMinutes(725), elapsed);
        var officeId = await factory.UserIdAsync("office");
        Assert.Equal([SessionEndReasons.Expired], await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == officeId).Select(s => s.EndReason).ToListAsync()));
        var again = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Subjects")).StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_session()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var office = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var id = await factory.UserIdAsync("office");
        var admin = await factory.AdminAsync();

        var disabled = await admin.PostPageFormAsync($"/Users/Edit/{id}", "form[action$='/Disable/" + id + "']", $"/Users/Disable/{id}", _ => { });

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        AssertSentToLogin(await office.GetAsync("/Subjects"));
        Assert.Equal([SessionEndReasons.Disabled], await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == id).Select(s => s.EndReason).ToListAsync()));
    }

    [Fact]
    public async Task A_role_change_ends_the_session_and_the_next_sign_in_has_the_new_role()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var office = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var id = await factory.UserIdAsync("office");
        var admin = await factory.AdminAsync();

        var changed = await admin.PostPageFormAsync($"/Users/Edit/{id}", "#user-form", $"/Users/Edit/{id}", v => v["Role"] = Roles.Leadership);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        AssertSentToLogin(await office.GetAsync("/Subjects"));
        var again = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var landing = await again.GetAsync("/");
        var home = await again.GetPageAsync(landing.StatusCode == HttpStatusCode.Redirect ? landing.Headers.Location!.OriginalString : "/");
        Assert.Contains(Roles.Leadership, home.QuerySelector("#current-user")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_by_the_admin_ends_the_session()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var office = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var id = await factory.UserIdAsync("office");
        var admin = await factory.AdminAsync();

        var reset = await admin.PostPageFormAsync($"/Users/Edit/{id}", "#reset-password-form", $"/Users/ResetPassword/{id}", v =>
        {
            v["Password"] = v["ConfirmPassword"] = "Temp-orary-8842";
        });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        AssertSentToLogin(await office.GetAsync("/Subjects"));
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.MustChangePassword).SingleAsync()));
    }

    internal static string AuthCookie(HttpResponseMessage login)
    {
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var parts = login.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("SanLing.Auth", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0])
            .ToList();
        Assert.NotEmpty(parts);
        return string.Join("; ", parts);
    }

    internal static Task<HttpResponseMessage> GetWithCookieAsync(SanLingFactory factory, string url, string cookie)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    internal static void AssertSentToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
