namespace SanLing.Infrastructure.Identity;

/// <summary>
/// One sign-in of one account, named in its cookie. The session lives while this row is open: logging out, an
/// administrator ending it, disabling the account or changing its password, role or scope closes it on the server,
/// so a copied cookie stops working.
/// </summary>
public class UserSession
{
    /// <summary>A random 128-bit id (hex), carried in the cookie's session claim.</summary>
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset SignedInAt { get; set; }

    /// <summary>Updated at most once a minute, so an administrator sees who is still active.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended: logout, expired, ended by an administrator, disabled, password, role (a short code).</summary>
    public string? EndReason { get; set; }

    /// <summary>The client address as seen after trusted proxies, and the browser; to recognise a session, not to track.</summary>
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }

    public bool IsOpen => EndedAt is null;
}
