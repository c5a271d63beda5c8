using SanLing.Domain.Standards;

namespace SanLing.Web.Features.RuleSets;

/// <summary>Rule sets of the town (town-filtered).</summary>
public sealed class RuleSetQueries(SanLingDbContext db)
{
    public async Task<IReadOnlyList<RuleSetRow>> ListAsync(CancellationToken ct)
    {
        var sets = await db.RuleSets.AsNoTracking().OrderByDescending(r => r.Year).ThenByDescending(r => r.CountyRevision)
            .Select(r => new { r.Id, r.Year, r.Name, r.VillageCommunityTarget, r.EnterpriseUnitTarget, r.DerivedFromId, FromCounty = r.CountyRuleSetId != null, r.CountyRevision })
            .ToListAsync(ct);
        return sets.Select(r => new RuleSetRow(r.Id, r.Year, r.Name, r.VillageCommunityTarget, r.EnterpriseUnitTarget,
            sets.FirstOrDefault(s => s.Id == r.DerivedFromId)?.Name, r.FromCounty, r.CountyRevision,
            Superseded: r.FromCounty && sets.Any(s => s.FromCounty && s.Year == r.Year && s.CountyRevision > r.CountyRevision))).ToList();
    }

    /// <summary>Whether the town may derive a set of its own (<see cref="RuleSetChoice.TownMayDerive"/>).</summary>
    public async Task<bool> TownMayDeriveAsync(CancellationToken ct)
    {
        var county = await db.Towns.AsNoTracking().Where(t => t.Id == db.CurrentTownId)
            .Select(t => new { t.CountyId, Allows = db.Counties.Where(c => c.Id == t.CountyId).Select(c => c.AllowsTownVariants).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        return county is not null && RuleSetChoice.TownMayDerive(county.CountyId is not null, county.Allows);
    }

    public async Task<RuleSetDetails?> DetailsAsync(int id, bool canDerive, CancellationToken ct)
    {
        var row = (await ListAsync(ct)).FirstOrDefault(r => r.Id == id);
        if (row is null)
        {
            return null;
        }
        var items = await db.RuleSetItems.AsNoTracking().Where(i => i.RuleSetId == id).OrderBy(i => i.SortOrder)
            .Select(i => new RuleSetItemRow(i.Code, i.Title, i.JudgingForVillageCommunity, i.JudgingForEnterpriseUnit, i.AppliesTo, i.AllowsNotApplicable))
            .ToListAsync(ct);
        return new RuleSetDetails(row, items, canDerive);
    }

    public async Task<DeriveEditor?> DeriveEditorAsync(int id, DeriveForm? form, CancellationToken ct)
    {
        var details = await DetailsAsync(id, true, ct);
        if (details is null)
        {
            return null;
        }
        var s = details.RuleSet;
        form ??= RuleSetDerivation.FormFrom(s.Year, s.VillageCommunityTarget, s.EnterpriseUnitTarget, details.Items);
        return new DeriveEditor(s, form, details.Items.ToDictionary(i => i.Code, i => i.Title, StringComparer.Ordinal));
    }
}
