using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Identity;

namespace SanLing.Web.Security;

/// <summary>Why a session ended (<see cref="UserSession.EndReason"/>); the Users pages show them in words.</summary>
public static class SessionEndReasons
{
    public const string Logout = "logout";
    public const string Expired = "expired";
    public const string Idle = "idle";
    public const string Admin = "admin";
    public const string Disabled = "disabled";
    public const string Password = "password";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string TwoFactorReset = "2fa-reset";

    /// <summary>The Chinese words (localised in the views) for a reason code.</summary>
    public static string Words(string? reason) => reason switch
    {
        Logout => "用户退出",
        Expired => "超过 12 小时",
        Idle => "长时间未操作",
        Admin => "管理员结束",
        Disabled => "账号停用",
        Password => "密码变更",
        Role => "角色变更",
        Scope => "范围变更",
        TwoFactorReset => "二次验证重置",
        _ => "已结束",
    };
}

/// <summary>
/// The server side of sign-in sessions: a row per sign-in (<see cref="UserSession"/>) whose id the cookie carries.
/// Closing the row ends the session, whatever copies of the cookie exist.
/// </summary>
public static class ServerSessions
{
    public const int UserAgentLength = 256;

    /// <summary>A new open session for <paramref name="userId"/>, seen from the request's client (after trusted proxies).</summary>
    public static UserSession Open(string userId, HttpContext http, DateTimeOffset now) => new()
    {
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        UserId = userId,
        SignedInAt = now,
        LastSeenAt = now,
        ClientAddress = ClientAddress(http),
        UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), UserAgentLength),
    };

    /// <summary>The client's address as the portal sees it once forwarded headers from trusted proxies are applied.</summary>
    public static string? ClientAddress(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return null;
        }
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>Closes one open session of <paramref name="userId"/> (or of anyone, when null); true when it was open.</summary>
    public static async Task<bool> EndAsync(SanLingDbContext db, string sessionId, string? userId, string reason, DateTimeOffset now, CancellationToken ct) =>
        await db.UserSessions
            .Where(s => s.Id == sessionId && s.EndedAt == null && (userId == null || s.UserId == userId))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), ct) > 0;

    /// <summary>Closes every open session of <paramref name="userId"/> but <paramref name="keep"/>; returns how many ended.</summary>
    public static Task<int> EndAllAsync(SanLingDbContext db, string userId, string reason, DateTimeOffset now, CancellationToken ct, string? keep = null) =>
        db.UserSessions
            .Where(s => s.UserId == userId && s.EndedAt == null && (keep == null || s.Id != keep))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), ct);

    private static string? Truncate(string text, int length) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= length ? text : text[..length];
}
