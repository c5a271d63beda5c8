namespace SanLing.Domain.Auditing;

public enum AuditAction
{
    Create = 1,
    Update = 2,
    Delete = 3,
    RevealIdNumber = 4,
    Import = 5,
    Export = 6,
    Login = 7,
    RoleChange = 8,
    Seed = 9,

    /// <summary>A page showing one sensitive record (a key person) was opened.</summary>
    View = 10,

    /// <summary>An administrator disabled or enabled an account.</summary>
    Disable = 11,
    Enable = 12,

    /// <summary>An administrator set a temporary password; a user changed their own.</summary>
    PasswordReset = 13,
    PasswordChange = 14,

    /// <summary>The hash chain was checked; the details hold the result.</summary>
    VerifyChain = 15,

    /// <summary>A sign-in was refused (unknown user, wrong password, disabled or locked account); the details say which.</summary>
    LoginFailed = 16,

    /// <summary>Too many wrong passwords in a row locked the account; the details say until when.</summary>
    Lockout = 17,

    /// <summary>A user signed out (their session ended on the server).</summary>
    Logout = 18,

    /// <summary>An administrator ended sessions of an account.</summary>
    SessionEnded = 19,
    // Second factor (numbered apart, so actions added elsewhere in the meantime keep their own numbers).

    /// <summary>A user confirmed their authenticator app with a code; recovery codes were issued.</summary>
    TwoFactorEnable = 40,

    /// <summary>A user turned their second factor off (only where their role does not require it).</summary>
    TwoFactorDisable = 41,

    /// <summary>A user replaced their recovery codes with new ones.</summary>
    RecoveryCodesRenew = 42,

    /// <summary>An administrator reset a user's second factor: the user enrols again at the next sign-in.</summary>
    TwoFactorReset = 43,

    /// <summary>Sign-in completed with an authenticator code or a recovery code.</summary>
    TwoFactorSignIn = 44,

    /// <summary>A wrong authenticator or recovery code at sign-in (counts towards lock-out).</summary>
    TwoFactorSignInFailed = 45,
}

/// <summary>
/// One line of the append-only audit trail. Each entry carries the hash of the previous one,
/// so a deleted or altered line breaks the chain (tamper-evident).
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public int? TownId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Role { get; set; }
    public AuditAction Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>JSON of the changed properties: { "Name": ["before", "after"] }; no ID numbers in clear text.</summary>
    public string? Changes { get; set; }

    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    /// <summary>
    /// HMAC of <see cref="Hash"/> under the audit key, which is kept outside the database: whoever can rewrite the
    /// table cannot re-hash the chain without it. Null on lines written before the chain was anchored.
    /// </summary>
    public string? Mac { get; set; }
}
