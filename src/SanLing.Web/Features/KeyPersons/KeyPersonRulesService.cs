using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Security;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.KeyPersons;

/// <summary>Uniqueness checks of the key-person form (the town filter of the context keeps them within the town).</summary>
public sealed class KeyPersonRulesService(SanLingDbContext db, IdNumberProtector idNumbers)
{
    public async Task<bool> NumberIsFreeAsync(string number, IValidationContext context, CancellationToken ct)
    {
        var editedId = EditedId(context);
        var trimmed = number.Trim();
        return !await db.KeyPersons.AnyAsync(k => k.Number == trimmed && k.Id != editedId, ct);
    }

    /// <summary>No other key person of the town has this ID number (compared by keyed hash, never in clear).</summary>
    public async Task<bool> IdNumberIsFreeAsync(string idNumber, IValidationContext context, CancellationToken ct)
    {
        var editedId = EditedId(context);
        var hash = idNumbers.Hash(idNumber);
        return !await db.KeyPersons.AnyAsync(k => k.IdNumberHash == hash && k.Id != editedId, ct);
    }

    private static int? EditedId(IValidationContext context) =>
        context.RootContextData.TryGetValue(LedgerRulesService.EditedIdKey, out var id) ? id as int? : null;
}
