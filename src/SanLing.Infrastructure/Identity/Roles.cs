namespace SanLing.Infrastructure.Identity;

/// <summary>
/// The roles (their names are what users see, so they are Chinese): five town roles, and two county roles for a
/// deployment that runs many towns.
/// </summary>
public static class Roles
{
    public const string Admin = "系统管理员";
    public const string Office = "综治办";
    public const string GridWorker = "网格员";
    public const string Liaison = "单位联络员";
    public const string Leadership = "领导";

    /// <summary>县综治中心: reads every town of the county (as the office reads its own town, never writing) and keeps the county's rule sets and towns.</summary>
    public const string CountyCenter = "县综治中心";

    /// <summary>县领导: the county's aggregates and each town's, as town leadership reads them: no personal data.</summary>
    public const string CountyLeader = "县领导";

    /// <summary>The town roles: what a town's administrator may give.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Office, GridWorker, Liaison, Leadership];

    /// <summary>The county roles: accounts with a county and no town of their own.</summary>
    public static readonly IReadOnlyList<string> County = [CountyCenter, CountyLeader];

    /// <summary>
    /// Every role, the county roles first: a county user acting in a town also holds the town role it reads as
    /// (<see cref="CountyReading"/>), and the first role a user is in names them in the audit trail.
    /// </summary>
    public static readonly IReadOnlyList<string> Every = [CountyCenter, CountyLeader, Admin, Office, GridWorker, Liaison, Leadership];

    /// <summary>The town role a county user reads a town as: the center as the office (read-only), the county leader as leadership.</summary>
    public static string? CountyReading(string role) => role switch
    {
        CountyCenter => Office,
        CountyLeader => Leadership,
        _ => null,
    };

    public static bool IsCounty(string role) => role is CountyCenter or CountyLeader;

    /// <summary>Roles that reach the most personal data: where the second factor is required (Security:RequireTwoFactor), they must enrol.</summary>
    public static readonly IReadOnlyList<string> TwoFactorRequired = [Admin, Office, CountyCenter];

    /// <summary>Roles whose accounts must be tied to a subject (the village/community, or the enterprise/unit).</summary>
    public static bool NeedsScope(string role) => AccountScopes.KindFor(role) != ScopeKind.None;

    /// <summary>Role names written in English for the command line: admin, office, grid, liaison, leader, county-center, county-leader.</summary>
    public static string? FromAlias(string value) => value.Trim().ToLowerInvariant() switch
    {
        "admin" or "系统管理员" => Admin,
        "office" or "综治办" => Office,
        "grid" or "gridworker" or "grid-worker" or "网格员" => GridWorker,
        "liaison" or "单位联络员" => Liaison,
        "leader" or "leadership" or "领导" => Leadership,
        "county-center" or "county" or "县综治中心" => CountyCenter,
        "county-leader" or "县领导" => CountyLeader,
        _ => null,
    };
}

/// <summary>Names of the claims the portal adds to a signed-in user.</summary>
public static class SanLingClaims
{
    public const string TownId = "sanling:town";
    public const string ScopeSubjectId = "sanling:scope-subject";

    /// <summary>A county user's county.</summary>
    public const string CountyId = "sanling:county";

    /// <summary>Present on a county user's principal while they read a town (<see cref="SanLing.Infrastructure.Identity.Roles.CountyReading"/>): the town's id.</summary>
    public const string ReadingTown = "sanling:reading-town";
    public const string DisplayName = "sanling:display-name";

    /// <summary>Present while the account must choose its own password (a new or reset account).</summary>
    public const string MustChangePassword = "sanling:must-change-password";

    /// <summary>Present while the account's role requires a second factor it has not enrolled yet.</summary>
    public const string MustEnrolTwoFactor = "sanling:must-enrol-two-factor";
}
