using SanLing.Infrastructure.Security;

namespace SanLing.Web.Features.KeyPersons;

/// <summary>Uniqueness checks of the key-person form (the town filter of the context keeps them within the town).</summary>
public sealed class KeyPersonRulesService(SanLingDbContext db, IdNumberProtector idNumbers)
{
    /// <summary>A blank number passes: the required rule speaks for it.</summary>
    public async Task<bool> NumberIsFreeAsync(string? number, IValidationContext context, CancellationToken ct)
    {
        var editedId = LedgerRulesService.EditedId(context);
        return Text.Clean(number) is not { } trimmed || !await db.KeyPersons.AnyAsync(k => k.Number == trimmed && k.Id != editedId, ct);
    }

    /// <summary>No other key person of the town has this ID number (compared by keyed hash, never in clear).</summary>
    public async Task<bool> IdNumberIsFreeAsync(string? idNumber, IValidationContext context, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idNumber))
        {
            return true;
        }
        var editedId = LedgerRulesService.EditedId(context);
        var hash = idNumbers.Hash(idNumber);
        return !await db.KeyPersons.AnyAsync(k => k.IdNumberHash == hash && k.Id != editedId, ct);
    }
}
