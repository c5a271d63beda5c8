namespace SanLing.Web.Features.RentalHouses;

/// <summary>The rental-house number is unique in the town (the context's town filter applies).</summary>
public sealed class RentalHouseRulesService(SanLingDbContext db)
{
    /// <summary>A blank number passes: the required rule speaks for it.</summary>
    public async Task<bool> NumberIsFreeAsync(string? number, IValidationContext context, CancellationToken ct)
    {
        var editedId = LedgerRulesService.EditedId(context);
        return Text.Clean(number) is not { } trimmed || !await db.RentalHouses.AnyAsync(r => r.Number == trimmed && r.Id != editedId, ct);
    }
}
