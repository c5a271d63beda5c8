using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Web.Security;
using SanLing.Web.Tests.Administration;
using SanLing.Web.Tests.Support;
using static SanLing.Web.Tests.Security.SessionTests;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// Each sign-in is a session on the server: logout ends that one only, an administrator sees an account's sessions and
/// ends one or all of them, and a copied cookie stops working the moment its session ends.
/// </summary>
public sealed class ServerSessionTests
{
    [Fact]
    public async Task Logout_refuses_a_saved_copy_of_its_cookie_while_the_users_other_session_goes_on()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var desk = factory.CreateBrowserlessClient();
        var savedCookie = AuthCookie(await desk.LoginAsync("office", Setup.DemoAccounts.Password));
        var phone = await factory.CreateBrowserlessClient().LoggedInAsync("office");

        var logout = await desk.PostFormAsync("/Account/Logout", await desk.AntiforgeryTokenAsync("/Subjects"), []);

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        AssertSentToLogin(await GetWithCookieAsync(factory, "/Subjects", savedCookie));
        // Even after the once-a-minute claim refresh, the copy stays refused.
        factory.Clock.Now = factory.Clock.Now.AddMinutes(2);
        AssertSentToLogin(await GetWithCookieAsync(factory, "/Subjects", savedCookie));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/Subjects")).StatusCode);
        var id = await factory.UserIdAsync("office");
        var reasons = await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == id).Select(s => s.EndReason).ToListAsync());
        Assert.Equal(2, reasons.Count);
        Assert.Contains(SessionEndReasons.Logout, reasons);
        Assert.Contains(null, reasons);
    }

    [Fact]
    public async Task A_session_records_when_and_where_it_signed_in_and_is_seen_at_most_once_a_minute()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var client = factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("SanLingTest/1.0 (" + new string('x', 400) + ")");
        await client.LoggedInAsync("office");
        var signedIn = factory.Clock.GetUtcNow();
        var id = await factory.UserIdAsync("office");

        factory.Clock.Now = factory.Clock.Now.AddSeconds(30);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Subjects")).StatusCode);
        var early = await factory.WithDbAsync(db => db.UserSessions.AsNoTracking().SingleAsync(s => s.UserId == id));
        factory.Clock.Now = factory.Clock.Now.AddMinutes(5);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Subjects")).StatusCode);
        var later = await factory.WithDbAsync(db => db.UserSessions.AsNoTracking().SingleAsync(s => s.UserId == id));

        Assert.Equal(32, early.Id.Length);
        Assert.Matches("^[0-9a-f]{32}$", early.Id);
        Assert.Equal(signedIn, early.SignedInAt);
        Assert.Equal(signedIn, early.LastSeenAt);
        Assert.Equal(factory.Clock.GetUtcNow(), later.LastSeenAt);
        Assert.Equal(ServerSessions.UserAgentLength, early.UserAgent!.Length);
        Assert.StartsWith("SanLingTest/1.0", early.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_an_accounts_sessions_and_ends_one_then_all_and_their_cookies_stop_working()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var id = await factory.UserIdAsync("office");
        var desk = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var deskSession = await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == id).Select(s => s.Id).SingleAsync());
        var phone = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var admin = await factory.AdminAsync();

        var page = await admin.GetPageAsync($"/Users/Sessions/{id}");
        Assert.Equal(2, page.QuerySelectorAll("#session-list tr[data-session-active=true]").Length);
        Assert.Contains(page.QuerySelectorAll("form.end-session-form input[name=SessionId]"), i => i.GetAttribute("value") == deskSession);

        var ended = await admin.PostFormAsync($"/Users/EndSession/{id}", PortalClient.TokenOf(page), [new("SessionId", deskSession)]);

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        AssertSentToLogin(await desk.GetAsync("/Subjects"));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/Subjects")).StatusCode);
        Assert.Equal(1, await factory.CountAsync(AuditAction.SessionEnded, id));
        var afterOne = await admin.GetPageAsync($"/Users/Sessions/{id}");
        Assert.Single(afterOne.QuerySelectorAll("#session-list tr[data-session-active=true]"));
        Assert.Contains("管理员结束", afterOne.QuerySelector("#session-list")!.TextContent, StringComparison.Ordinal);

        var all = await admin.PostPageFormAsync($"/Users/Sessions/{id}", "#end-all-sessions-form", $"/Users/EndAllSessions/{id}", _ => { });

        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        AssertSentToLogin(await phone.GetAsync("/Subjects"));
        Assert.Equal(2, await factory.CountAsync(AuditAction.SessionEnded, id));
        Assert.Equal(0, await factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == id && s.EndedAt == null)));
        // The admin's own session was not touched.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Users")).StatusCode);
    }

    [Fact]
    public async Task Ending_a_session_of_another_town_or_a_foreign_session_id_changes_nothing()
    {
        using var factory = DemoTown.Start(kestrel: false);
        await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var admin = await factory.AdminAsync();
        var officeId = await factory.UserIdAsync("office");
        var adminSession = await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId != officeId).Select(s => s.Id).SingleAsync());
        var token = await admin.AntiforgeryTokenAsync($"/Users/Sessions/{officeId}");

        // Another account's session id posted under the office account's page is not that account's session.
        var foreign = await admin.PostFormAsync($"/Users/EndSession/{officeId}", token, [new("SessionId", adminSession)]);
        var unknown = await admin.PostFormAsync("/Users/EndAllSessions/no-such-user", token, []);

        Assert.Equal(HttpStatusCode.Redirect, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(2, await factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.EndedAt == null)));
        Assert.Equal(0, await factory.CountAsync(AuditAction.SessionEnded));
    }

    [Fact]
    public async Task Changing_ones_own_password_ends_the_other_sessions_and_keeps_this_one()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var desk = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var phone = await factory.CreateBrowserlessClient().LoggedInAsync("office");

        var changed = await desk.PostPageFormAsync("/Account/ChangePassword", "#change-password-form", "/Account/ChangePassword", v =>
        {
            v["CurrentPassword"] = Setup.DemoAccounts.Password;
            v["NewPassword"] = v["ConfirmPassword"] = "Quiet-harbor-5521";
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/Subjects")).StatusCode);
        AssertSentToLogin(await phone.GetAsync("/Subjects"));
        var id = await factory.UserIdAsync("office");
        Assert.Equal(1, await factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == id && s.EndedAt == null)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == id && s.EndReason == SessionEndReasons.Password)));
    }

    [Fact]
    public async Task The_sessions_page_is_for_admins_only()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var office = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var id = await factory.UserIdAsync("office");

        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync($"/Users/Sessions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.AdminAsync()).GetAsync("/Users/Sessions/no-such-user")).StatusCode);
    }
}
