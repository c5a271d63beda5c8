using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Attestations;

/// <summary>Reads for the annual attestations: which A items apply, the grid of one subject, the progress of a year.</summary>
public sealed class AttestationQueries(SanLingDbContext db, AccessScope scope)
{
    public const int PageSize = 30;

    /// <summary>The town's rule set in force for a year (the latest one starting on or before it) and its A items per kind.</summary>
    public async Task<(string Name, IReadOnlyDictionary<SubjectKind, IReadOnlyList<AttestedItem>> Items)?> RuleSetForAsync(int year, CancellationToken ct)
    {
        var ruleSetId = await db.RuleSetIdForAsync(year, ct);
        var ruleSet = await db.RuleSets.AsNoTracking().Where(r => r.Id == ruleSetId)
            .Select(r => new { r.Id, r.Name }).FirstOrDefaultAsync(ct);
        if (ruleSet is null)
        {
            return null;
        }
        var items = await db.RuleSetItems.AsNoTracking().Where(i => i.RuleSetId == ruleSet.Id).OrderBy(i => i.SortOrder).ToListAsync(ct);
        var byKind = Enum.GetValues<SubjectKind>().ToDictionary(
            kind => kind,
            kind => (IReadOnlyList<AttestedItem>)RuleItem.AttestedFor(items, kind)
                .Select(i => new AttestedItem(i.Code, i.Standard, i.Title, i.AllowsNotApplicable, i.SortOrder)).ToList());
        return (ruleSet.Name, byKind);
    }

    /// <summary>Subjects existing in the year with their attested/total A items: a count and a page, two queries whatever the town's size.</summary>
    public async Task<(IReadOnlyList<AttestationProgressRow> Rows, int Total)> ProgressAsync(
        AttestationFilter filter, int year, IReadOnlyDictionary<SubjectKind, IReadOnlyList<AttestedItem>> items, CancellationToken ct)
    {
        var village = items[SubjectKind.Village].Select(i => i.Code).ToList();
        var community = items[SubjectKind.Community].Select(i => i.Code).ToList();
        var enterprise = items[SubjectKind.Enterprise].Select(i => i.Code).ToList();
        var unit = items[SubjectKind.Unit].Select(i => i.Code).ToList();

        var subjects = SubjectsOf(year, filter.Q, filter.Kind, filter.TerritoryId);
        var rows = subjects.Select(s => new
        {
            s.Id, s.Code, s.Name, s.Kind,
            Territory = s.Territory == null ? null : s.Territory.Name,
            Items = s.Kind == SubjectKind.Village ? village.Count : s.Kind == SubjectKind.Community ? community.Count : s.Kind == SubjectKind.Enterprise ? enterprise.Count : unit.Count,
            Attested = db.Attestations.Count(a => a.SubjectId == s.Id && a.Year == year
                && ((s.Kind == SubjectKind.Village && village.Contains(a.ItemCode))
                    || (s.Kind == SubjectKind.Community && community.Contains(a.ItemCode))
                    || (s.Kind == SubjectKind.Enterprise && enterprise.Contains(a.ItemCode))
                    || (s.Kind == SubjectKind.Unit && unit.Contains(a.ItemCode)))),
        });
        if (filter.Pending)
        {
            rows = rows.Where(r => r.Attested < r.Items);
        }
        var total = await rows.CountAsync(ct);
        var page = PageInfo.Clamp(filter.Page);
        var list = await rows.OrderBy(r => r.Kind).ThenBy(r => r.Code).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new AttestationProgressRow(r.Id, r.Code, r.Name, r.Kind, r.Territory, r.Items, r.Attested))
            .ToListAsync(ct);
        return (list, total);
    }

    /// <summary>The subjects in scope existing in the year, filtered as the overview filters them (code or name, kind, village).</summary>
    public IQueryable<Subject> SubjectsOf(int year, string? q, SubjectKind? kind, int? territoryId)
    {
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        var subjects = scope.Apply(db.Subjects.AsNoTracking())
            .Where(s => (s.EstablishedOn == null || s.EstablishedOn <= yearEnd) && (s.DissolvedOn == null || s.DissolvedOn >= yearStart));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            subjects = subjects.Where(s => s.Code.Contains(text) || s.Name.Contains(text));
        }
        if (kind is { } k)
        {
            subjects = subjects.Where(s => s.Kind == k);
        }
        if (territoryId is { } territory)
        {
            subjects = subjects.Where(s => s.Id == territory || s.TerritoryId == territory);
        }
        return subjects;
    }

    /// <summary>The grid of one subject × year; null when the subject is unknown/out of scope or no rule set applies.</summary>
    public async Task<AttestationGridPage?> GridAsync(int subjectId, int year, CancellationToken ct)
    {
        var subject = await scope.Apply(db.Subjects.AsNoTracking()).Where(s => s.Id == subjectId)
            .Select(s => new { s.Id, s.Code, s.Name, s.Kind }).FirstOrDefaultAsync(ct);
        if (subject is null || await RuleSetForAsync(year, ct) is not { } ruleSet)
        {
            return null;
        }
        var onFile = await db.Attestations.AsNoTracking().Where(a => a.SubjectId == subjectId && a.Year == year)
            .Select(a => new { a.Id, a.ItemCode, a.Result, a.Note, a.EvidenceFileName, a.Version })
            .ToDictionaryAsync(a => a.ItemCode, ct);
        var lines = ruleSet.Items[subject.Kind].Select(item => onFile.TryGetValue(item.Code, out var a)
            ? new AttestationGridLine(item, a.Id, a.Result, a.Note, a.EvidenceFileName, a.Version)
            : new AttestationGridLine(item, null, null, null, null, null)).ToList();
        return new AttestationGridPage(subject.Id, subject.Code, subject.Name, subject.Kind, year, ruleSet.Name, lines);
    }

    /// <summary>The subject's kind, if it is in scope.</summary>
    public Task<SubjectKind?> KindOfAsync(int subjectId, CancellationToken ct) =>
        scope.Apply(db.Subjects.AsNoTracking()).Where(s => s.Id == subjectId).Select(s => (SubjectKind?)s.Kind).FirstOrDefaultAsync(ct);

    /// <summary>The stored file of an attestation in scope.</summary>
    public Task<StoredEvidence?> EvidenceAsync(int attestationId, CancellationToken ct) =>
        scope.Apply(db.Attestations.AsNoTracking(), a => a.Subject)
            .Where(a => a.Id == attestationId && a.EvidenceStoredName != null)
            .Select(a => new StoredEvidence(a.EvidenceStoredName!, a.EvidenceContentType ?? "application/octet-stream", a.EvidenceFileName ?? "证明材料"))
            .FirstOrDefaultAsync(ct);
}
