using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Administration;

/// <summary>A demo town of its own (the administration tests change accounts and the town).</summary>
public sealed class AdminTownFixture : IDisposable
{
    public SanLingFactory Factory { get; } = DemoTown.Start(kestrel: false);

    public void Dispose() => Factory.Dispose();
}

/// <summary>What the administration tests do often: sign in as the demo admin, create accounts through the page, read the trail.</summary>
public static class AdminSteps
{
    public const string Password = "Quiet-river-7731";

    public static Task<HttpClient> AdminAsync(this SanLingFactory factory) => factory.CreateBrowserlessClient().LoggedInAsync("admin");

    public static Task<string> UserIdAsync(this SanLingFactory factory, string userName) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public static Task<int> CountAsync(this SanLingFactory factory, AuditAction action, string? entityId = null) =>
        factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == action && (entityId == null || a.EntityId == entityId)));

    /// <summary>What nothing-written checks compare: accounts, audit lines, the town.</summary>
    public static Task<string> SnapshotAsync(this SanLingFactory factory) => factory.WithDbAsync(async db =>
    {
        var users = await db.Users.OrderBy(u => u.Id).Select(u => u.UserName + u.DisplayName + u.ScopeSubjectId + u.IsDisabled + u.ConcurrencyStamp + u.PasswordHash).ToListAsync();
        var audit = await db.AuditEntries.CountAsync();
        var town = await db.Towns.Select(t => t.Name + t.InspectionDueDay + t.Version).FirstAsync();
        var workers = await db.Grids.Where(g => g.WorkerUserId != null).Select(g => g.Code + g.WorkerUserId).ToListAsync();
        return string.Join("|", users) + "#" + audit + "#" + town + "#" + string.Join(",", workers);
    });

    /// <summary>Creates an account through 新建账号 with a typed temporary password; returns its id.</summary>
    public static async Task<string> CreateAccountAsync(this SanLingFactory factory, HttpClient admin, string userName, string role, string? scope = null, string? displayName = null)
    {
        var token = await admin.AntiforgeryTokenAsync("/Users/Create");
        var response = await admin.PostFormAsync("/Users/Create", token,
        [
            new("UserName", userName), new("DisplayName", displayName ?? userName + " 测试"), new("Role", role), new("ScopeCode", scope ?? ""),
            new("Password", Password), new("ConfirmPassword", Password),
        ]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"create {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await factory.UserIdAsync(userName);
    }

    public static async Task<HttpResponseMessage> PostPageFormAsync(this HttpClient client, string pageUrl, string formSelector, string postUrl, Action<Dictionary<string, string>> change)
    {
        var page = await client.GetPageAsync(pageUrl);
        var values = PortalClient.FormValues(page, formSelector);
        change(values);
        return await client.PostFormAsync(postUrl, PortalClient.TokenOf(page), values);
    }
}
