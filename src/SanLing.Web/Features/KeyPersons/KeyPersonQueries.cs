using SanLing.Domain.KeyPopulations;

namespace SanLing.Web.Features.KeyPersons;

/// <summary>Reads of the key-person ledger, within the user's scope; ID numbers leave the database only masked.</summary>
public sealed class KeyPersonQueries(SanLingDbContext db, AccessScope scope)
{
    public const int PageSize = 20;

    private IQueryable<KeyPerson> InScope() => scope.Apply(db.KeyPersons.AsNoTracking(), k => k.Subject);

    public IQueryable<KeyPerson> Filtered(KeyPersonFilter filter)
    {
        var rows = InScope();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            rows = rows.Where(k => k.Number.Contains(q) || k.Name.Contains(q));
        }
        if (filter.Category is { } category)
        {
            rows = rows.Where(k => k.Category == category);
        }
        if (!string.IsNullOrWhiteSpace(filter.Subject))
        {
            var subject = filter.Subject.Trim();
            rows = rows.Where(k => k.Subject!.Code == subject || k.Subject.Name.Contains(subject));
        }
        if (filter.TerritoryId is { } territory)
        {
            rows = rows.Where(k => k.SubjectId == territory || k.Subject!.TerritoryId == territory);
        }
        if (filter.Active is { } active)
        {
            rows = active ? rows.Where(k => k.DelistedOn == null) : rows.Where(k => k.DelistedOn != null);
        }
        if (filter.HasPlan is { } hasPlan)
        {
            rows = rows.Where(k => k.HasAssistancePlan == hasPlan);
        }
        return rows;
    }

    public async Task<(IReadOnlyList<KeyPersonRow> Rows, int Total)> ListAsync(KeyPersonFilter filter, CancellationToken ct)
    {
        var rows = Filtered(filter);
        var total = await rows.CountAsync(ct);
        var page = PageInfo.Clamp(filter.Page);
        IOrderedQueryable<KeyPerson> sorted = filter.Sort switch
        {
            "name" => rows.OrderBy(k => k.Name).ThenBy(k => k.Number),
            "listed" => rows.OrderByDescending(k => k.ListedOn).ThenBy(k => k.Number),
            "subject" => rows.OrderBy(k => k.Subject!.Code).ThenBy(k => k.Number),
            _ => rows.OrderBy(k => k.Number),
        };
        var list = await ToRows(sorted.Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return (list, total);
    }

    public async Task<(KeyPersonRow Row, int SubjectId, string? Plan, Guid Version, IReadOnlyList<FollowUpRow> FollowUps)?> DetailsAsync(int id, CancellationToken ct)
    {
        var persons = InScope().Where(k => k.Id == id);
        var row = await ToRows(persons).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var extra = await persons.Select(k => new { k.SubjectId, k.AssistancePlan, k.Version }).FirstAsync(ct);
        var visits = await db.FollowUps.AsNoTracking().Where(f => f.KeyPersonId == id)
            .OrderByDescending(f => f.VisitedOn).ThenByDescending(f => f.Id)
            .Select(f => new FollowUpRow(f.VisitedOn, f.VisitedBy, f.Note))
            .ToListAsync(ct);
        return (row, extra.SubjectId, extra.AssistancePlan, extra.Version, visits);
    }

    public Task<KeyPersonEditor?> EditorAsync(int id, CancellationToken ct) =>
        InScope().Where(k => k.Id == id)
            .Select(k => new KeyPersonEditor(new KeyPersonForm
            {
                Number = k.Number,
                Name = k.Name,
                SubjectCode = k.Subject!.Code,
                Category = k.Category,
                ListedOn = k.ListedOn,
                DelistedOn = k.DelistedOn,
                HasAssistancePlan = k.HasAssistancePlan,
                AssistancePlan = k.AssistancePlan,
                HelperName = k.HelperName,
                Version = k.Version,
            }, k.Id, k.IdNumberMasked))
            .FirstOrDefaultAsync(ct);

    /// <summary>The masked number on file (to show on a re-displayed edit form).</summary>
    public Task<string?> MaskedAsync(int id, CancellationToken ct) =>
        InScope().Where(k => k.Id == id).Select(k => k.IdNumberMasked).FirstOrDefaultAsync(ct);

    private static IQueryable<KeyPersonRow> ToRows(IQueryable<KeyPerson> persons) =>
        persons.Select(k => new KeyPersonRow(
            k.Id, k.Number, k.Name, k.IdNumberMasked, k.Category, k.Subject!.Code, k.Subject.Name, k.ListedOn, k.DelistedOn,
            k.HasAssistancePlan, k.HelperName, k.FollowUps.Max(f => (DateOnly?)f.VisitedOn)));
}
