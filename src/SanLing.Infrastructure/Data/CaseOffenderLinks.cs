namespace SanLing.Infrastructure.Data;

/// <summary>
/// A case names its offender by key-person number, as the case ledger does. Offices import their ledgers in any order,
/// so a case may name a person registered later: once that person exists, the case is linked to them.
/// </summary>
public static class CaseOffenderLinks
{
    /// <summary>Links the town's unlinked cases that name one of <paramref name="numbers"/> to that key person (tracked, so audited).</summary>
    public static async Task LinkAsync(SanLingDbContext db, IReadOnlyCollection<string> numbers, CancellationToken ct)
    {
        if (numbers.Count == 0)
        {
            return;
        }
        var cases = await db.Cases
            .Where(c => c.OffenderKeyPersonId == null && c.OffenderNumber != null && EF.Parameter(numbers).Contains(c.OffenderNumber))
            .ToListAsync(ct);
        if (cases.Count == 0)
        {
            return;
        }
        var named = cases.Select(c => c.OffenderNumber!).Distinct().ToList();
        var persons = await db.KeyPersons.AsNoTracking()
            .Where(k => EF.Parameter(named).Contains(k.Number))
            .ToDictionaryAsync(k => k.Number, k => k.Id, StringComparer.Ordinal, ct);
        foreach (var securityCase in cases)
        {
            if (persons.TryGetValue(securityCase.OffenderNumber!, out var personId))
            {
                securityCase.OffenderKeyPersonId = personId;
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
