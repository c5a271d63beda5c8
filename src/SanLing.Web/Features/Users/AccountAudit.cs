using System.Text.Json;
using SanLing.Domain.Auditing;

namespace SanLing.Web.Features.Users;

/// <summary>
/// Audit lines of account changes. Accounts are Identity's records, not <see cref="Domain.Common.Entity"/>, so the
/// interceptor does not see them: each change writes its line here, in the interceptor's format
/// (<c>{"Property": [before, after]}</c>), never with a password.
/// </summary>
public static class AccountAudit
{
    public const string EntityType = nameof(AppUser);

    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task WriteAsync(SanLingDbContext db, TimeProvider clock, AuditAction action, AppUser user, IReadOnlyDictionary<string, object?[]> changes, CancellationToken ct)
    {
        var details = new SortedDictionary<string, object?[]>(changes.ToDictionary(), StringComparer.Ordinal)
        {
            ["UserName"] = [user.UserName, user.UserName],
        };
        return AuditChain.AppendAsync(db, clock, action, EntityType, user.Id, JsonSerializer.Serialize(details, Options), ct);
    }
}
