using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Security;
using SanLing.Web.Setup;
using SanLing.Web.Tests.Administration;
using SanLing.Web.Tests.Support;
using Serilog.Core;
using Serilog.Events;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// Security events leave a trace: sign-in, failed sign-in, lock-out and logout are audit lines (never with a password),
/// account changes by the administrator and at setup too, and 403s and antiforgery failures are logged as warnings.
/// </summary>
public sealed class SecurityEventAuditTests
{
    [Fact]
    public async Task Sign_in_failed_sign_in_lock_out_and_logout_each_write_their_audit_line()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var officeId = await factory.UserIdAsync("office");
        var townId = await factory.WithDbAsync(db => db.Towns.Select(t => t.Id).SingleAsync());
        var before = await factory.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id));

        var client = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        await client.PostFormAsync("/Account/Logout", await client.AntiforgeryTokenAsync("/Subjects"), []);
        await factory.CreateBrowserlessClient().LoginAsync("office", "Secret-guess-0001");
        await factory.CreateBrowserlessClient().LoginAsync("ghost\u0007user", "Secret-guess-0002");
        for (var i = 3; i <= 7; i++)
        {
            await factory.CreateBrowserlessClient().LoginAsync("leader", $"Secret-guess-000{i}");
        }

        var lines = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Id > before).OrderBy(a => a.Id).ToListAsync());
        Assert.All(lines, l => Assert.DoesNotContain("Secret-guess", l.Changes ?? "", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal(townId, l.TownId));

        var login = Assert.Single(lines, l => l.Action == AuditAction.Login);
        Assert.Equal(("office", officeId, Roles.Office, officeId), (login.UserName, login.UserId, login.Role, login.EntityId));
        var logout = Assert.Single(lines, l => l.Action == AuditAction.Logout);
        Assert.Equal(("office", officeId), (logout.UserName, logout.EntityId));

        var failed = lines.Where(l => l.Action == AuditAction.LoginFailed).ToList();
        Assert.Equal(7, failed.Count);
        var wrongPassword = failed[0];
        Assert.Equal(("office", null, officeId), (wrongPassword.UserName, wrongPassword.UserId, wrongPassword.EntityId));
        Assert.Contains("\"Reason\":\"password\"", wrongPassword.Changes, StringComparison.Ordinal);
        var unknown = failed[1];
        Assert.Equal(("ghost?user", null), (unknown.UserName, unknown.EntityId));
        Assert.Contains("\"Reason\":\"unknown\"", unknown.Changes, StringComparison.Ordinal);

        var lockout = Assert.Single(lines, l => l.Action == AuditAction.Lockout);
        Assert.Equal(await factory.UserIdAsync("leader"), lockout.EntityId);
        Assert.Contains("\"LockoutsInARow\":1", lockout.Changes, StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => AuditChainBreak(db)));
    }

    [Fact]
    public async Task A_scope_change_is_audited_and_ends_the_accounts_sessions()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var admin = await factory.AdminAsync();
        var id = await factory.CreateAccountAsync(admin, "scope.worker", Roles.GridWorker, "CUN01");
        var worker = await factory.CreateBrowserlessClient().LoggedInAsync("scope.worker", AdminSteps.Password);
        var before = await factory.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id));

        var saved = await admin.PostPageFormAsync($"/Users/Edit/{id}", "#user-form", $"/Users/Edit/{id}", v => v["ScopeCode"] = "CUN02");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var line = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Id > before && a.EntityId == id));
        Assert.Equal(AuditAction.Update, line.Action);
        Assert.Contains("\"Scope\":[\"CUN01\",\"CUN02\"]", line.Changes, StringComparison.Ordinal);
        SessionTests.AssertSentToLogin(await worker.GetAsync("/Inspections"));
        Assert.Equal(SessionEndReasons.Scope, await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == id).Select(s => s.EndReason).SingleAsync()));
    }

    [Fact]
    public async Task The_first_administrator_created_at_setup_has_an_audit_line()
    {
        using var factory = new SanLingFactory(demo: null, environment: "Production");
        var client = factory.CreateBrowserlessClient();
        var token = factory.Services.GetRequiredService<SetupGate>().Token!;

        var response = await client.PostFormAsync("/Setup", await client.AntiforgeryTokenAsync("/Setup"),
        [
            new("Token", token), new("TownCode", "QINGSHAN"), new("TownName", "青山镇"), new("InspectionDueDay", "8"),
            new("AdminUserName", "chen"), new("AdminDisplayName", "陈主任"), new("Password", "Harbor-lamp-2026x"), new("ConfirmPassword", "Harbor-lamp-2026x"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await factory.UserIdAsync("chen");
        var line = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Create && a.EntityId == id));
        Assert.Contains(Roles.Admin, line.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbor-lamp", line.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_and_an_antiforgery_failure_are_logged_as_warnings_with_the_user_and_the_route()
    {
        var sink = new CollectingSink();
        using var factory = DemoTown.Start(kestrel: false, f => f.TestServices = services => services.AddSingleton<ILogEventSink>(sink));
        var grid = await factory.CreateBrowserlessClient().LoggedInAsync("grid");

        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync("/Users")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await grid.PostAsync("/Account/Logout", new FormUrlEncodedContent([]))).StatusCode);

        var warnings = sink.Events.Where(e => e.Level == LogEventLevel.Warning)
            .Select(e => (Text: e.MessageTemplate.Text, User: Value(e, "UserName"), Request: Value(e, "Method") + " " + Value(e, "Route")))
            .ToList();
        Assert.Contains(("grid", "GET /Users"), warnings.Where(w => w.Text.Contains("403", StringComparison.Ordinal)).Select(w => (w.User, w.Request)));
        Assert.Contains(("grid", "POST /Account/Logout"), warnings.Where(w => w.Text.Contains("Antiforgery", StringComparison.Ordinal)).Select(w => (w.User, w.Request)));
        // The refused logout did not end the session.
        Assert.Equal(HttpStatusCode.OK, (await grid.GetAsync("/Inspections")).StatusCode);
    }

    private static string? Value(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: var v } ? v?.ToString() : null;

    private static Task<long?> AuditChainBreak(Infrastructure.Data.SanLingDbContext db) => Infrastructure.Data.AuditChain.FirstBrokenLineAsync(db);

    private sealed class CollectingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }
}
