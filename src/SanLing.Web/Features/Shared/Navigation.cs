using SanLing.Infrastructure.Identity;

namespace SanLing.Web.Features.Shared;

/// <summary>One menu entry: its text (a localization key), where it goes, and who sees it (empty: everyone signed in).</summary>
public sealed record NavItem(string Text, string Controller, string Action, params string[] Roles)
{
    public bool IsVisibleTo(System.Security.Claims.ClaimsPrincipal user) => Roles.Length == 0 || Roles.Any(user.IsInRole);
}

/// <summary>The main menu. Each feature adds its line here.</summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("首页", "Home", "Index"),
        new("领导驾驶舱", "Dashboard", "Index", Roles.Leadership, Roles.Office),
        new("单位名录", "Subjects", "Index"),
        new("网格", "Grids", "Index", Roles.Office, Roles.GridWorker, Roles.Liaison),
        new("信访", "Petitions", "Index", Roles.Office, Roles.GridWorker, Roles.Liaison),
        new("事故", "Accidents", "Index", Roles.Office, Roles.GridWorker, Roles.Liaison),
        new("案件", "Cases", "Index", Roles.Office, Roles.GridWorker, Roles.Liaison),
    ];

    /// <summary>Roles that may read ledgers and personal data of their scope (never leadership).</summary>
    public static readonly string[] LedgerReaders = [Roles.Office, Roles.GridWorker, Roles.Liaison];
}
