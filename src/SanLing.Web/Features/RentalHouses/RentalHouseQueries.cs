using SanLing.Domain.KeyPopulations;

namespace SanLing.Web.Features.RentalHouses;

/// <summary>Reads of the rental-house ledger, within the user's scope, projected to rows.</summary>
public sealed class RentalHouseQueries(SanLingDbContext db, AccessScope scope)
{
    public const int PageSize = 20;

    private IQueryable<RentalHouse> InScope() => scope.Apply(db.RentalHouses.AsNoTracking(), r => r.Subject);

    public IQueryable<RentalHouse> Filtered(RentalHouseFilter filter)
    {
        var rows = InScope();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            rows = rows.Where(r => r.Number.Contains(q) || r.Address.Contains(q) || (r.Landlord != null && r.Landlord.Contains(q)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Subject))
        {
            var subject = filter.Subject.Trim();
            rows = rows.Where(r => r.Subject!.Code == subject || r.Subject.Name.Contains(subject));
        }
        if (filter.TerritoryId is { } territory)
        {
            rows = rows.Where(r => r.SubjectId == territory || r.Subject!.TerritoryId == territory);
        }
        if (filter.Registered is { } registered)
        {
            rows = rows.Where(r => r.IsRegistered == registered);
        }
        return rows;
    }

    /// <summary>The number a new house is offered: the next town-wide CZ- number (<see cref="RentalHouseRules.NextNumber"/>).</summary>
    public async Task<string> NextNumberAsync(CancellationToken ct) =>
        RentalHouseRules.NextNumber(await db.RentalHouses.AsNoTracking()
            .Where(h => h.Number.StartsWith(RentalHouseRules.NumberPrefix))
            .Select(h => h.Number)
            .ToListAsync(ct));

    /// <summary>Houses in the user's scope not 登记备案: each keeps its village or community from passing 4.3 this year.</summary>
    public Task<int> UnregisteredCountAsync(CancellationToken ct) =>
        scope.Apply(db.RentalHouses.AsNoTracking(), h => h.Subject).CountAsync(h => !h.IsRegistered, ct);

    public async Task<(IReadOnlyList<RentalHouseRow> Rows, int Total)> ListAsync(RentalHouseFilter filter, CancellationToken ct)
    {
        var rows = Filtered(filter);
        var total = await rows.CountAsync(ct);
        var page = PageInfo.Clamp(filter.Page);
        IOrderedQueryable<RentalHouse> sorted = filter.Sort switch
        {
            "subject" => rows.OrderBy(r => r.Subject!.Code).ThenBy(r => r.Number),
            "tenants" => rows.OrderByDescending(r => r.TenantCount).ThenBy(r => r.Number),
            _ => rows.OrderBy(r => r.Number),
        };
        var list = await ToRows(sorted.Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return (list, total);
    }

    public async Task<(RentalHouseRow Row, int SubjectId, Guid Version)?> DetailsAsync(int id, CancellationToken ct)
    {
        var houses = InScope().Where(r => r.Id == id);
        var row = await ToRows(houses).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var extra = await houses.Select(r => new { r.SubjectId, r.Version }).FirstAsync(ct);
        return (row, extra.SubjectId, extra.Version);
    }

    public Task<RentalHouseForm?> FormAsync(int id, CancellationToken ct) =>
        InScope().Where(r => r.Id == id)
            .Select(r => new RentalHouseForm
            {
                Number = r.Number,
                SubjectCode = r.Subject!.Code,
                Address = r.Address,
                Landlord = r.Landlord,
                TenantCount = r.TenantCount,
                IsRegistered = r.IsRegistered,
                RegisteredOn = r.RegisteredOn,
                Version = r.Version,
            })
            .FirstOrDefaultAsync(ct);

    private static IQueryable<RentalHouseRow> ToRows(IQueryable<RentalHouse> houses) =>
        houses.Select(r => new RentalHouseRow(r.Id, r.Number, r.Address, r.Landlord, r.TenantCount, r.Subject!.Code, r.Subject.Name, r.IsRegistered, r.RegisteredOn));
}
