using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SanLing.Infrastructure.Data;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.RentalHouses;

/// <summary>The rental-house number is unique in the town (the context's town filter applies).</summary>
public sealed class RentalHouseRulesService(SanLingDbContext db)
{
    public async Task<bool> NumberIsFreeAsync(string number, IValidationContext context, CancellationToken ct)
    {
        var editedId = context.RootContextData.TryGetValue(LedgerRulesService.EditedIdKey, out var id) ? id as int? : null;
        var trimmed = number.Trim();
        return !await db.RentalHouses.AnyAsync(r => r.Number == trimmed && r.Id != editedId, ct);
    }
}
