using SanLing.Domain.Common;
using SanLing.Domain.Ledgers;

namespace SanLing.Web.Features.Shared;

/// <summary>The checks every ledger form shares: the subject exists in the user's scope, numbers are unique, dates are not in the future.</summary>
public sealed class LedgerRulesService(SanLingDbContext db, AccessScope scope, TimeProvider clock)
{
    public const string EditedIdKey = "EditedId";

    public DateOnly Today => clock.Today();

    public bool IsNotInFuture(DateOnly? day) => day is null || day <= Today;

    /// <summary>
    /// The subject exists in the user's scope. A blank code passes: the required rule of the field says what is missing,
    /// and the database is not asked about nothing.
    /// </summary>
    public async Task<bool> SubjectInScopeAsync(string? code, CancellationToken ct) =>
        Text.Clean(code) is not { } trimmed || await scope.Apply(db.Subjects).AnyAsync(s => s.Code == trimmed, ct);

    /// <summary>The subject of that code in the user's scope; null when there is none (or no code).</summary>
    public async Task<SubjectRef?> SubjectAsync(string? code, CancellationToken ct) =>
        Text.Clean(code) is not { } trimmed
            ? null
            : await scope.Apply(db.Subjects.AsNoTracking()).Where(s => s.Code == trimmed)
                .Select(s => new SubjectRef(s.Id, s.Code, s.Name, s.Kind)).FirstOrDefaultAsync(ct);

    /// <summary>
    /// No other record of this ledger in the town has the number (the edited record itself excepted). A blank number
    /// passes: the required rule speaks for it.
    /// </summary>
    /// <summary>The number a new record of the ledger is offered (<see cref="RecordNumbers.Next"/>) for this year.</summary>
    public async Task<string> NextNumberAsync<T>(string prefix, CancellationToken ct) where T : Incident
    {
        var year = Today.Year;
        var start = RecordNumbers.YearPrefix(prefix, year);
        var numbers = await db.Set<T>().AsNoTracking().Where(r => r.Number.StartsWith(start)).Select(r => r.Number).ToListAsync(ct);
        return RecordNumbers.Next(prefix, year, numbers);
    }

    public async Task<bool> NumberIsFreeAsync<T>(string? number, IValidationContext context, CancellationToken ct) where T : Incident
    {
        var editedId = EditedId(context);
        return Text.Clean(number) is not { } trimmed || !await db.Set<T>().AnyAsync(r => r.Number == trimmed && r.Id != editedId, ct);
    }

    /// <summary>The id of the record being edited (null when creating), as the controller put it in the validation context.</summary>
    public static int? EditedId(IValidationContext context) =>
        context.RootContextData.TryGetValue(EditedIdKey, out var id) ? id as int? : null;
}
