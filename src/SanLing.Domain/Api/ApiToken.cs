namespace SanLing.Domain.Api;

/// <summary>
/// A bearer token an upper-level platform uses to read the API (issue 15 item 4). Only a hash of its secret is kept;
/// the token itself is shown once, when it is created. <see cref="TownId"/> is the scope: one town, or null for every
/// town of the deployment (the county scope — not issued yet: the admin page creates town tokens only, and the API
/// refuses a token without a town until counties exist).
/// </summary>
public class ApiToken
{
    public int Id { get; set; }

    /// <summary>The town whose figures the token reads; null: the whole deployment (county scope, reserved).</summary>
    public int? TownId { get; set; }

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

/// <summary>One API call: which token, what, the answer, when. No query values beyond the path and query string.</summary>
public class ApiCallLog
{
    public long Id { get; set; }
    public int TokenId { get; set; }
    public required string Path { get; set; }
    public int Status { get; set; }
    public DateTimeOffset At { get; set; }
}
