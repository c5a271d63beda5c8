using System.Globalization;
using SanLing.Domain.Api;
using SanLing.Domain.Auditing;

namespace SanLing.Web.Features.ApiTokens;

/// <summary>
/// Creating (the token is returned once, only its hash kept) and revoking API tokens; both leave an audit line. A town's
/// administrator keeps the town's tokens, the 县综治中心 the county's (whose audit lines belong to no town's trail).
/// </summary>
public sealed class ApiTokenCommands(SanLingDbContext db, TimeProvider clock)
{
    public Task<ApiTokenShown> CreateAsync(ApiTokenForm form, CancellationToken ct) =>
        IssueAsync(db.CurrentTownId ?? throw new InvalidOperationException("no town"), null, form, ct);

    /// <summary>A token that reads every town of <paramref name="countyId"/>.</summary>
    public Task<ApiTokenShown> CreateForCountyAsync(int countyId, ApiTokenForm form, CancellationToken ct) =>
        AsCountyAsync(() => IssueAsync(null, countyId, form, ct));

    private async Task<ApiTokenShown> IssueAsync(int? townId, int? countyId, ApiTokenForm form, CancellationToken ct)
    {
        var (token, prefix, hash) = ApiRules.NewToken();
        var zone = clock.LocalTimeZone;
        var entity = new ApiToken
        {
            TownId = townId,
            CountyId = countyId,
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
    public Task<bool> RevokeAsync(int id, CancellationToken ct)
    {
        var town = db.CurrentTownId;
        return RevokeAsync(db.ApiTokens.Where(t => t.Id == id && t.TownId != null && t.TownId == town), ct);
    }

    /// <summary>False when the county has no such token (a town's token is not the county's to revoke).</summary>
    public Task<bool> RevokeForCountyAsync(int countyId, int id, CancellationToken ct) =>
        AsCountyAsync(() => RevokeAsync(db.ApiTokens.Where(t => t.Id == id && t.TownId == null && t.CountyId == countyId), ct));

    private async Task<bool> RevokeAsync(IQueryable<ApiToken> which, CancellationToken ct)
    {
        var token = await which.FirstOrDefaultAsync(ct);
        if (token is null)
        {
            return false;
        }
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow();
            token.RevokedBy = db.Actor.UserName;
            await db.SaveChangesAsync(ct);
            await AuditChain.AppendAsync(db, clock, AuditAction.Disable, nameof(ApiToken), token.Id.ToString(CultureInfo.InvariantCulture), null, ct);
        }
        return true;
    }

    /// <summary>A county's token is the county's business: its audit line names no town, even while a town is being read.</summary>
    private async Task<T> AsCountyAsync<T>(Func<Task<T>> work)
    {
        var reading = db.Actor.TownId;
        db.Actor.TownId = null;
        try
        {
            return await work();
        }
        finally
        {
            db.Actor.TownId = reading;
        }
    }
}
