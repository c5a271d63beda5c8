namespace SanLing.Domain.Api;

/// <summary>
/// A bearer token an upper-level platform uses to read the API (issue 15 item 4). Only a hash of its secret is kept;
/// the token itself is shown once, when it is created. The scope is one town (<see cref="TownId"/>, created by the town's
/// administrator) or one county (<see cref="CountyId"/>, created by the 县综治中心: every town of that county). A token
/// with neither reads nothing.
/// </summary>
public class ApiToken
{
    public int Id { get; set; }

    /// <summary>The town whose figures the token reads (town scope); null for a county token.</summary>
    public int? TownId { get; set; }

    /// <summary>The county whose towns the token reads (county scope); null for a town token.</summary>
    public int? CountyId { get; set; }

    /// <summary>Which of the two scopes the token has; null when it has neither (such a token is refused).</summary>
    public ApiScope? Scope => (TownId, CountyId) switch
    {
        ({ }, null) => ApiScope.Town,
        (null, { }) => ApiScope.County,
        _ => null,
    };

    /// <summary>What the administrator called it (the platform that uses it).</summary>
    public required string Name { get; set; }

    /// <summary>The token's first characters after its marker, stored in clear to find the row (<see cref="ApiRules.PrefixLength"/>).</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole token, hex.</summary>
    public required string SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>What a token reads: its town, or every town of its county.</summary>
public enum ApiScope
{
    Town = 1,
    County = 2,
}

/// <summary>One API call: which token, what, the answer, when. No query values beyond the path and query string.</summary>
public class ApiCallLog
{
    public long Id { get; set; }
    public int TokenId { get; set; }
    public required string Path { get; set; }
    public int Status { get; set; }
    public DateTimeOffset At { get; set; }
}
