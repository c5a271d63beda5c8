using System.Linq.Expressions;
using SanLing.Domain.Common;
using SanLing.Domain.Ledgers;

namespace SanLing.Web.Features.Petitions;

/// <summary>Reads of the petition ledger, within the user's scope, projected to rows.</summary>
public sealed class PetitionQueries(SanLingDbContext db, AccessScope scope, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>The scoped, filtered ledger (the list and its export use the same query).</summary>
    public IQueryable<Petition> Filtered(PetitionFilter filter)
    {
        var rows = scope.Apply(db.Petitions.AsNoTracking(), p => p.Subject).ApplyIncidentFilter(filter);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            rows = rows.Where(p => p.Number.Contains(q) || (p.Matter != null && p.Matter.Contains(q)) || (p.LeaderInCharge != null && p.LeaderInCharge.Contains(q)));
        }
        if (filter.Kind is { } kind)
        {
            rows = rows.Where(p => p.Kind == kind);
        }
        if (filter.Status is { } status)
        {
            rows = rows.Where(p => p.Status == status);
        }
        if (filter.Backlog)
        {
            rows = rows.Where(PetitionRules.Backlog(Today()));
        }
        return rows;
    }

    public async Task<(IReadOnlyList<PetitionRow> Rows, int Total)> ListAsync(PetitionFilter filter, CancellationToken ct)
    {
        var rows = Filtered(filter);
        var total = await rows.CountAsync(ct);
        var page = PageInfo.Clamp(filter.Page);
        var list = await ToRows(rows.SortIncidents(filter.Sort).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return (list, total);
    }

    public async Task<PetitionDetails?> DetailsAsync(int id, bool canEdit, Func<string, int, Task<IReadOnlyList<Audit.AuditLine>>> history, CancellationToken ct)
    {
        var petitions = scope.Apply(db.Petitions.AsNoTracking(), p => p.Subject).Where(p => p.Id == id);
        var row = await ToRows(petitions).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var extra = await petitions.Select(p => new { p.SubjectId, p.Matter, p.Version }).FirstAsync(ct);
        return new PetitionDetails(row, extra.SubjectId, extra.Matter, extra.Version, canEdit, canEdit ? await history(nameof(Petition), id) : []);
    }

    public Task<PetitionForm?> FormAsync(int id, CancellationToken ct) =>
        scope.Apply(db.Petitions.AsNoTracking(), p => p.Subject).Where(p => p.Id == id)
            .Select(p => new PetitionForm
            {
                Number = p.Number,
                SubjectCode = p.Subject!.Code,
                FiledOn = p.OccurredOn,
                Kind = p.Kind,
                PetitionerCount = p.PetitionerCount,
                Matter = p.Matter,
                LeaderInCharge = p.LeaderInCharge,
                Status = p.Status,
                ResolvedOn = p.ResolvedOn,
                IsImpactful = p.IsImpactful,
                IsMajor = p.IsMajor,
                Version = p.Version,
            })
            .FirstOrDefaultAsync(ct);

    private DateOnly Today() => clock.Today();

    private IQueryable<PetitionRow> ToRows(IQueryable<Petition> petitions)
    {
        // The row's 积案 flag is the ledger's backlog filter (PetitionRules.Backlog), spliced into the projection.
        var backlog = PetitionRules.Backlog(Today());
        var p = backlog.Parameters[0];
        return petitions.Select(Expression.Lambda<Func<Petition, PetitionRow>>(Domain.Rules.Predicate.Inline(RowOf, p, backlog.Body), p));
    }

    private static readonly Expression<Func<Petition, bool, PetitionRow>> RowOf = (p, isBacklog) => new PetitionRow(
        p.Id, p.Number, p.OccurredOn, p.Subject!.Code, p.Subject.Name, p.Kind, p.PetitionerCount, p.LeaderInCharge, p.Status, p.ResolvedOn,
        p.IsImpactful, p.IsMajor, isBacklog);
}
