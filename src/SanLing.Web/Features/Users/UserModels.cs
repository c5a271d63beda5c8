namespace SanLing.Web.Features.Users;

/// <summary>The list's filters, from the query string: user name or display name (part of it), role, disabled.</summary>
public sealed class UserFilter
{
    public string? Q { get; set; }
    public string? Role { get; set; }
    public bool? Disabled { get; set; }
    public int? Page { get; set; }
}

public sealed record UserListItem(
    string Id, string UserName, string DisplayName, string? Role, string? ScopeCode, string? ScopeName,
    bool IsDisabled, bool MustChangePassword, bool IsLockedOut, DateTimeOffset CreatedAt);

public sealed record UserListPage(UserFilter Filter, IReadOnlyList<UserListItem> Items, PageInfo Paging);

/// <summary>One choice of the scope picker: its code (what the form posts), its words, and which roles may take it.</summary>
public sealed record ScopeOption(string Code, string Text, Infrastructure.Identity.ScopeKind Kind, string Group);

/// <summary>The create/edit page: the form, the account edited (null when creating), its state, and the scope choices.</summary>
public sealed record UserEditor(UserForm Form, UserState? Account, IReadOnlyList<ScopeOption> Scopes);

/// <summary>What the edit page shows beside the form about the account.</summary>
public sealed record UserState(
    string Id, string UserName, bool IsDisabled, bool MustChangePassword, bool IsLockedOut, bool IsSelf,
    IReadOnlyList<string> WorkerOfGrids, DateTimeOffset CreatedAt, bool TwoFactorEnabled = false);

/// <summary>A password the system generated, shown once on the page that answers the post (never stored in clear).</summary>
public sealed record PasswordShown(string UserId, string UserName, string Password);

/// <summary>One sign-in session of an account as the sessions page lists it. Active: open and neither idle nor past 12 hours.</summary>
public sealed record SessionRow(
    string Id, DateTimeOffset SignedInAt, DateTimeOffset LastSeenAt, DateTimeOffset? EndedAt, string? EndReason,
    string? ClientAddress, string? UserAgent, bool IsActive);

/// <summary>An account's sessions, active ones first, then the most recent ended ones.</summary>
public sealed record UserSessionsPage(string UserId, string UserName, string DisplayName, IReadOnlyList<SessionRow> Sessions)
{
    public int ActiveCount => Sessions.Count(s => s.IsActive);
}
