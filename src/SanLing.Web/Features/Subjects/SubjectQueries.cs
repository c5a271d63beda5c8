using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Subjects;

/// <summary>Reads of the subject registry, always through the user's scope, projected straight to view models.</summary>
public sealed class SubjectQueries(SanLingDbContext db, AccessScope scope, TimeProvider clock)
{
    public const int PageSize = 20;

    public async Task<(IReadOnlyList<SubjectListItem> Items, int Total)> ListAsync(SubjectFilter filter, CancellationToken ct)
    {
        var today = clock.Today();
        var subjects = Filtered(filter);
        var total = await subjects.CountAsync(ct);
        var sorted = filter.Sort switch
        {
            "name" => subjects.OrderBy(s => s.Name).ThenBy(s => s.Code),
            "kind" => subjects.OrderBy(s => s.Kind).ThenBy(s => s.Code),
            "territory" => subjects.OrderBy(s => s.Territory!.Name).ThenBy(s => s.Code),
            _ => subjects.OrderBy(s => s.Code),
        };
        var page = PageInfo.Clamp(filter.Page);
        // Leadership gets no personal data: the names and phone are not even read.
        var personal = scope.SeesPersonalData;
        var items = await sorted
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(s => new SubjectListItem(
                s.Id, s.Code, s.Name, s.Kind, s.Territory!.Name,
                personal ? s.PrincipalName : null, personal ? s.LeaderInChargeName : null, personal ? s.Phone : null,
                s.Grids.Count,
                (s.EstablishedOn == null || s.EstablishedOn <= today) && (s.DissolvedOn == null || s.DissolvedOn > today)))
            .ToListAsync(ct);
        return (items, total);
    }

    /// <summary>The list's subjects (scope and filters applied, unsorted): the page and the export read the same set.</summary>
    public IQueryable<Subject> Filtered(SubjectFilter filter)
    {
        var subjects = scope.Apply(db.Subjects.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            subjects = subjects.Where(s => s.Name.Contains(q) || s.Code.Contains(q));
        }
        if (filter.Kind is { } kind)
        {
            subjects = subjects.Where(s => s.Kind == kind);
        }
        if (filter.TerritoryId is { } territory)
        {
            subjects = subjects.Where(s => s.TerritoryId == territory || s.Id == territory);
        }
        return subjects;
    }

    /// <summary>Villages and communities the user may filter by or choose as 属地.</summary>
    public async Task<IReadOnlyList<Option>> TerritoriesAsync(CancellationToken ct) =>
        await scope.Apply(db.Subjects.AsNoTracking())
            .Where(Subject.IsTerritory)
            .OrderBy(s => s.Code)
            .Select(s => new Option(s.Id, s.Name))
            .ToListAsync(ct);

    /// <summary>Null when the subject does not exist or is outside the user's scope (the caller answers 404).</summary>
    public async Task<SubjectDetails?> DetailsAsync(int id, bool canEdit, CancellationToken ct)
    {
        var year = clock.Today().Year;
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        // Leadership gets no personal data: whether a person is named, never who, and no phone.
        var personal = scope.SeesPersonalData;
        var details = await scope.Apply(db.Subjects.AsNoTracking())
            .Where(s => s.Id == id)
            .Select(s => new SubjectDetails(
                s.Id, s.Code, s.Name, s.Kind, s.TerritoryId, s.Territory!.Name,
                personal ? s.PrincipalName : null, personal ? s.LeaderInChargeName : null,
                personal ? s.ContactPerson : null, personal ? s.Phone : null, s.Address,
                s.EstablishedOn, s.DissolvedOn,
                s.Grids.OrderBy(g => g.Code).Select(g => new GridRow(g.Code, g.Name,
                    personal ? g.WorkerName : null, personal ? g.WorkerPhone : null, g.WorkerName != null)).ToList(),
                year,
                db.Petitions.Count(p => p.SubjectId == s.Id && p.OccurredOn >= yearStart && p.OccurredOn <= yearEnd),
                db.Accidents.Count(a => a.SubjectId == s.Id && a.OccurredOn >= yearStart && a.OccurredOn <= yearEnd),
                db.Cases.Count(c => c.SubjectId == s.Id && c.OccurredOn >= yearStart && c.OccurredOn <= yearEnd),
                db.Subjects.Count(e => e.TerritoryId == s.Id),
                canEdit,
                personal,
                s.PrincipalName != null && s.PrincipalName != "",
                s.LeaderInChargeName != null && s.LeaderInChargeName != ""))
            .FirstOrDefaultAsync(ct);
        return details;
    }

    /// <summary>
    /// The subject picker's search: subjects in the user's scope whose code or name contains <paramref name="q"/>, or
    /// whose name's pinyin initials do ("stc" → 上塘村). Initials are computed here rather than stored: one query reads the
    /// scope's codes and names (a town has hundreds of subjects, not millions), so no column has to be kept in step.
    /// </summary>
    public async Task<IReadOnlyList<SubjectPick>> SearchAsync(string? q, CancellationToken ct)
    {
        var query = (q ?? "").Trim();
        var subjects = scope.Apply(db.Subjects.AsNoTracking());
        if (!query.All(char.IsAsciiLetterOrDigit))
        {
            // Chinese text can only match the name or code: let the database narrow it down.
            subjects = subjects.Where(s => s.Name.Contains(query) || s.Code.Contains(query));
        }
        var candidates = await subjects
            .OrderBy(s => s.Code)
            .Select(s => new SubjectPick(s.Id, s.Code, s.Name, s.Kind, s.Territory != null ? s.Territory.Name : null))
            .ToListAsync(ct);
        return candidates
            .Where(s => PinyinInitials.Matches(query, s.Code, s.Name, PinyinInitials.Of(s.Name)))
            .OrderBy(s => s.Code.StartsWith(query, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(s => s.Code, StringComparer.Ordinal)
            .Take(SearchLimit)
            .ToList();
    }

    public const int SearchLimit = 20;

    public async Task<SubjectForm?> FormAsync(int id, CancellationToken ct) =>
        await scope.Apply(db.Subjects.AsNoTracking())
            .Where(s => s.Id == id)
            .Select(s => new SubjectForm
            {
                Code = s.Code,
                Name = s.Name,
                Kind = s.Kind,
                TerritoryId = s.TerritoryId,
                PrincipalName = s.PrincipalName,
                LeaderInChargeName = s.LeaderInChargeName,
                ContactPerson = s.ContactPerson,
                Phone = s.Phone,
                Address = s.Address,
                EstablishedOn = s.EstablishedOn,
                DissolvedOn = s.DissolvedOn,
                Version = s.Version,
            })
            .FirstOrDefaultAsync(ct);
}
