using SanLing.Domain.Standards;

namespace SanLing.Web.Features.RuleSets;

/// <summary>Rule sets of the town (town-filtered).</summary>
public sealed class RuleSetQueries(SanLingDbContext db)
{
    public async Task<IReadOnlyList<RuleSetRow>> ListAsync(CancellationToken ct)
    {
        var sets = await db.RuleSets.AsNoTracking().OrderByDescending(r => r.Year)
            .Select(r => new { r.Id, r.Year, r.Name, r.VillageCommunityTarget, r.EnterpriseUnitTarget, r.DerivedFromId }).ToListAsync(ct);
        return sets.Select(r => new RuleSetRow(r.Id, r.Year, r.Name, r.VillageCommunityTarget, r.EnterpriseUnitTarget,
            sets.FirstOrDefault(s => s.Id == r.DerivedFromId)?.Name)).ToList();
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
        form ??= new DeriveForm
        {
            Year = s.Year + 1,
            Name = $"{s.Year + 1}年三零创建评定细则",
            VillageCommunityTargetPercent = s.VillageCommunityTarget * 100,
            EnterpriseUnitTargetPercent = s.EnterpriseUnitTarget * 100,
            Items = details.Items.Select(i => new DeriveItem
            {
                Code = i.Code,
                JudgingForVillageCommunity = i.JudgingForVillageCommunity,
                JudgingForEnterpriseUnit = i.JudgingForEnterpriseUnit,
                ForVillage = i.AppliesTo.HasFlag(KindSet.Village),
                ForCommunity = i.AppliesTo.HasFlag(KindSet.Community),
                ForEnterprise = i.AppliesTo.HasFlag(KindSet.Enterprise),
                ForUnit = i.AppliesTo.HasFlag(KindSet.Unit),
                AllowsNotApplicable = i.AllowsNotApplicable,
            }).ToList(),
        };
        return new DeriveEditor(s, form, details.Items.ToDictionary(i => i.Code, i => i.Title, StringComparer.Ordinal));
    }
}
