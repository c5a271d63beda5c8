namespace SanLing.Infrastructure.Identity;

/// <summary>The five roles (their names are what users see, so they are Chinese).</summary>
public static class Roles
{
    public const string Admin = "系统管理员";
    public const string Office = "综治办";
    public const string GridWorker = "网格员";
    public const string Liaison = "单位联络员";
    public const string Leadership = "领导";

    public static readonly IReadOnlyList<string> All = [Admin, Office, GridWorker, Liaison, Leadership];

    /// <summary>Roles that reach the most personal data: where the second factor is required (Security:RequireTwoFactor), they must enrol.</summary>
    public static readonly IReadOnlyList<string> TwoFactorRequired = [Admin, Office];

    /// <summary>Roles whose accounts must be tied to a subject (the village/community, or the enterprise/unit).</summary>
    public static bool NeedsScope(string role) => AccountScopes.KindFor(role) != ScopeKind.None;

    /// <summary>Role names written in English for the command line: admin, office, grid, liaison, leader.</summary>
    public static string? FromAlias(string value) => value.Trim().ToLowerInvariant() switch
    {
        "admin" or "系统管理员" => Admin,
        "office" or "综治办" => Office,
        "grid" or "gridworker" or "grid-worker" or "网格员" => GridWorker,
        "liaison" or "单位联络员" => Liaison,
        "leader" or "leadership" or "领导" => Leadership,
        _ => null,
    };
}

/// <summary>Names of the claims the portal adds to a signed-in user.</summary>
public static class SanLingClaims
{
    public const string TownId = "sanling:town";
    public const string ScopeSubjectId = "sanling:scope-subject";
    public const string DisplayName = "sanling:display-name";

    /// <summary>Present while the account must choose its own password (a new or reset account).</summary>
    public const string MustChangePassword = "sanling:must-change-password";

    /// <summary>Present while the account's role requires a second factor it has not enrolled yet.</summary>
    public const string MustEnrolTwoFactor = "sanling:must-enrol-two-factor";
}
