using System.Globalization;
using SanLing.Domain.Api;
using SanLing.Domain.Auditing;

namespace SanLing.Web.Features.ApiTokens;

/// <summary>Creating (the token is returned once, only its hash kept) and revoking API tokens; both leave an audit line.</summary>
public sealed class ApiTokenCommands(SanLingDbContext db, TimeProvider clock)
{
    public async Task<ApiTokenShown> CreateAsync(ApiTokenForm form, CancellationToken ct)
    {
        var (token, prefix, hash) = ApiRules.NewToken();
        var zone = clock.LocalTimeZone;
        var entity = new ApiToken
        {
            // Town scope only for now; TownId null (every town of the deployment) waits for the county level.
            TownId = db.CurrentTownId ?? throw new InvalidOperationException("no town"),
            Name = form.Name!.Trim(),
            Prefix = prefix,
            SecretHash = hash,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = db.Actor.UserName,
            // The token works through its last day, town time.
            ExpiresAt = form.ExpiresOn is { } day
                ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue)))
                : null,
        };
        db.ApiTokens.Add(entity);
        await db.SaveChangesAsync(ct);
        await AuditChain.AppendAsync(db, clock, AuditAction.Create, nameof(ApiToken), entity.Id.ToString(CultureInfo.InvariantCulture),
            $"{{\"name\":{System.Text.Json.JsonSerializer.Serialize(entity.Name)},\"prefix\":\"{prefix}\"}}", ct);
        return new ApiTokenShown(entity.Name, token);
    }

    /// <summary>False when the town has no such token.</summary>
    public async Task<bool> RevokeAsync(int id, CancellationToken ct)
    {
        var town = db.CurrentTownId;
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.TownId != null && t.TownId == town, ct);
        if (token is null)
        {
            return false;
        }
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow();
            token.RevokedBy = db.Actor.UserName;
            await db.SaveChangesAsync(ct);
            await AuditChain.AppendAsync(db, clock, AuditAction.Disable, nameof(ApiToken), id.ToString(CultureInfo.InvariantCulture), null, ct);
        }
        return true;
    }
}
