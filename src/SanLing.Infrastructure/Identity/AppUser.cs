using Microsoft.AspNetCore.Identity;

namespace SanLing.Infrastructure.Identity;

/// <summary>A portal account. Its role says what it may do; its town and scope say on which records.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The town whose records the account works on.</summary>
    public int? TownId { get; set; }

    /// <summary>A county user's county (县综治中心, 县领导): they have no town of their own and read the county's towns.</summary>
    public int? CountyId { get; set; }

    /// <summary>A grid worker's village/community, or a liaison's own enterprise/unit.</summary>
    public int? ScopeSubjectId { get; set; }

    /// <summary>A disabled account cannot log in and its sessions end at once.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Seeded or reset accounts must choose their own password first.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Lock-outs in a row without a successful sign-in; each one lasts longer (progressive lock-out).</summary>
    public int ConsecutiveLockouts { get; set; }
}
