using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Data;
using SanLing.Web.Security;

namespace SanLing.Web.Features.Shared;

/// <summary>The checks every ledger form shares: the subject exists in the user's scope, numbers are unique, dates are not in the future.</summary>
public sealed class LedgerRulesService(SanLingDbContext db, AccessScope scope, TimeProvider clock)
{
    public const string EditedIdKey = "EditedId";

    public DateOnly Today => clock.Today();

    public bool IsNotInFuture(DateOnly? day) => day is null || day <= Today;

    public Task<bool> SubjectInScopeAsync(string code, CancellationToken ct)
    {
        var trimmed = code.Trim();
        return scope.Apply(db.Subjects).AnyAsync(s => s.Code == trimmed, ct);
    }

    public Task<SubjectRef?> SubjectAsync(string code, CancellationToken ct)
    {
        var trimmed = code.Trim();
        return scope.Apply(db.Subjects.AsNoTracking()).Where(s => s.Code == trimmed)
            .Select(s => new SubjectRef(s.Id, s.Code, s.Name, s.Kind)).FirstOrDefaultAsync(ct);
    }

    /// <summary>No other record of this ledger in the town has the number (the edited record itself excepted).</summary>
    public async Task<bool> NumberIsFreeAsync<T>(string number, IValidationContext context, CancellationToken ct) where T : Incident
    {
        var editedId = context.RootContextData.TryGetValue(EditedIdKey, out var id) ? (int?)id : null;
        var trimmed = number.Trim();
        return !await db.Set<T>().AnyAsync(r => r.Number == trimmed && r.Id != editedId, ct);
    }
}
