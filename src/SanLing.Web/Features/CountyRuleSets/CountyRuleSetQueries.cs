using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;
using SanLing.Web.Features.RuleSets;

namespace SanLing.Web.Features.CountyRuleSets;

/// <summary>The county's rule sets, its variants switch and what each town uses (a fixed number of queries, whatever the number of towns).</summary>
public sealed class CountyRuleSetQueries(SanLingDbContext db, TimeProvider clock)
{
    public async Task<CountyRuleSetsPage?> IndexAsync(int countyId, CancellationToken ct)
    {
        var county = await db.Counties.AsNoTracking().Where(c => c.Id == countyId)
            .Select(c => new { c.Name, c.AllowsTownVariants, c.Version }).FirstOrDefaultAsync(ct);
        if (county is null)
        {
            return null;
        }
        var year = clock.Today().Year;
        return new CountyRuleSetsPage(county.Name, county.AllowsTownVariants, county.Version, year, await ListAsync(countyId, ct),
            await TownsUsingAsync(countyId, year, county.AllowsTownVariants, ct));
    }

    /// <summary>
    /// Each town of the county and the set its run of <paramref name="year"/> would use, with the county's set in force
    /// that year (what <see cref="RuleSetChoice"/> chooses without variants): two queries, whatever the number of towns.
    /// </summary>
    private async Task<List<TownRuleSetInUse>> TownsUsingAsync(int countyId, int year, bool allowsTownVariants, CancellationToken ct)
    {
        var towns = await db.Towns.AsNoTracking().Where(t => t.CountyId == countyId).OrderBy(t => t.Code)
            .Select(t => new { t.Id, t.Code, t.Name }).ToListAsync(ct);
        var townIds = towns.Select(t => t.Id).ToList();
        // The towns' own rows, read across the county's towns only (the town filter knows one town at most).
        var sets = await db.RuleSets.IgnoreQueryFilters().AsNoTracking().Where(r => townIds.Contains(r.TownId))
            .Select(r => new { r.TownId, r.Name, Key = new RuleSetKey(r.Id, r.Year, r.CountyRuleSetId, r.DerivedFromId, r.CountyRevision) }).ToListAsync(ct);
        return towns.Select(t =>
        {
            var own = sets.Where(s => s.TownId == t.Id).ToList();
            var chosen = RuleSetChoice.For(own.Select(s => s.Key), year, allowsTownVariants);
            var county = RuleSetChoice.For(own.Select(s => s.Key), year, townVariantsAllowed: false) is { IsCountySet: true } c ? c : null;
            return new TownRuleSetInUse(t.Code, t.Name, own.FirstOrDefault(s => s.Key == chosen)?.Name, chosen?.IsCountySet == true,
                chosen?.CountyRevision ?? 0, own.FirstOrDefault(s => s.Key == county)?.Name, county?.CountyRevision);
        }).ToList();
    }

    public async Task<IReadOnlyList<CountyRuleSetRow>> ListAsync(int countyId, CancellationToken ct)
    {
        var sets = await db.CountyRuleSets.AsNoTracking().Where(r => r.CountyId == countyId).OrderByDescending(r => r.Year).ThenByDescending(r => r.Revision)
            .Select(r => new
            {
                r.Id, r.Year, r.Name, r.VillageCommunityTarget, r.EnterpriseUnitTarget, r.DerivedFromId, r.PublishedAt, r.PublishedBy,
                r.Revision, r.RevisionReason, r.SupersedesId,
            })
            .ToListAsync(ct);
        return sets.Select(r => new CountyRuleSetRow(r.Id, r.Year, r.Name, r.VillageCommunityTarget, r.EnterpriseUnitTarget,
            r.DerivedFromId is null ? DefaultRuleSet.Create2020().Name : sets.FirstOrDefault(s => s.Id == r.DerivedFromId)?.Name,
            r.PublishedAt, r.PublishedBy, r.Revision, r.RevisionReason, r.SupersedesId, sets.FirstOrDefault(s => s.SupersedesId == r.Id)?.Id)).ToList();
    }

    public async Task<CountyRuleSetDetails?> DetailsAsync(int countyId, int id, CancellationToken ct) =>
        await DetailsAsync(countyId, id, withTowns: true, ct);

    private async Task<CountyRuleSetDetails?> DetailsAsync(int countyId, int id, bool withTowns, CancellationToken ct)
    {
        var list = await ListAsync(countyId, ct);
        var row = list.FirstOrDefault(r => r.Id == id);
        if (row is null)
        {
            return null;
        }
        var items = await db.CountyRuleSetItems.AsNoTracking().Where(i => i.CountyRuleSetId == id).OrderBy(i => i.SortOrder)
            .Select(i => new RuleSetItemRow(i.Code, i.Title, i.JudgingForVillageCommunity, i.JudgingForEnterpriseUnit, i.AppliesTo, i.AllowsNotApplicable))
            .ToListAsync(ct);
        var towns = new List<TownRuleSetInUse>();
        if (withTowns)
        {
            var allows = await db.Counties.AsNoTracking().Where(c => c.Id == countyId).Select(c => c.AllowsTownVariants).FirstOrDefaultAsync(ct);
            towns = await TownsUsingAsync(countyId, row.Year, allows, ct);
        }
        return new CountyRuleSetDetails(row, items) { Revisions = list.Where(r => r.Year == row.Year).ToList(), Towns = towns };
    }

    /// <summary>The revise page of a county set of the county (null: not the county's), with the set's fields proposed.</summary>
    public async Task<ReviseEditor?> ReviseEditorAsync(int countyId, int id, ReviseForm? form, CancellationToken ct)
    {
        if (await DetailsAsync(countyId, id, withTowns: false, ct) is not { } details)
        {
            return null;
        }
        var current = details.RuleSet;
        if (form is null)
        {
            var proposed = RuleSetDerivation.FormFrom(current.Year - 1, current.VillageCommunityTarget, current.EnterpriseUnitTarget, details.Items);
            form = new ReviseForm
            {
                Year = current.Year,
                Name = current.Name,
                VillageCommunityTargetPercent = proposed.VillageCommunityTargetPercent,
                EnterpriseUnitTargetPercent = proposed.EnterpriseUnitTargetPercent,
                Items = proposed.Items,
            };
        }
        // The year is the set's own, whatever was posted.
        form.Year = current.Year;
        return new ReviseEditor(current, form, details.Items.ToDictionary(i => i.Code, i => i.Title, StringComparer.Ordinal));
    }

    /// <summary>The publish page from a county set of the county, or (no id) from the 2020 catalogue; null when the set is not the county's.</summary>
    public async Task<PublishEditor?> PublishEditorAsync(int countyId, int? sourceId, PublishForm? form, CancellationToken ct)
    {
        string name;
        int year;
        decimal village, enterprise;
        IReadOnlyList<RuleSetItemRow> items;
        if (sourceId is { } id)
        {
            if (await DetailsAsync(countyId, id, withTowns: false, ct) is not { } details)
            {
                return null;
            }
            (name, year, village, enterprise, items) = (details.RuleSet.Name, details.RuleSet.Year, details.RuleSet.VillageCommunityTarget, details.RuleSet.EnterpriseUnitTarget, details.Items);
        }
        else
        {
            var catalogue = DefaultRuleSet.Create2020();
            // From the catalogue the page proposes this year's set.
            (name, year, village, enterprise) = (catalogue.Name, clock.Today().Year - 1, catalogue.VillageCommunityTarget, catalogue.EnterpriseUnitTarget);
            items = catalogue.Items.Select(i => new RuleSetItemRow(i.Code, i.Title, i.JudgingForVillageCommunity, i.JudgingForEnterpriseUnit, i.AppliesTo, i.AllowsNotApplicable)).ToList();
        }
        if (form is null)
        {
            var proposed = RuleSetDerivation.FormFrom(year, village, enterprise, items);
            form = new PublishForm
            {
                Year = proposed.Year,
                Name = proposed.Name,
                VillageCommunityTargetPercent = proposed.VillageCommunityTargetPercent,
                EnterpriseUnitTargetPercent = proposed.EnterpriseUnitTargetPercent,
                Items = proposed.Items,
            };
        }
        return new PublishEditor(sourceId, name, form, items.ToDictionary(i => i.Code, i => i.Title, StringComparer.Ordinal));
    }
}
