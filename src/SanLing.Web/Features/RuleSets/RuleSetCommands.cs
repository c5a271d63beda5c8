using Microsoft.Extensions.Localization;
using SanLing.Domain.Standards;

namespace SanLing.Web.Features.RuleSets;

/// <summary>Derives a new year's rule set from an existing one.</summary>
public sealed class RuleSetCommands(SanLingDbContext db)
{
    /// <summary>The new rule set's id, or null when the source does not exist.</summary>
    public async Task<int?> DeriveAsync(int sourceId, DeriveForm form, CancellationToken ct)
    {
        var source = await db.RuleSets.AsNoTracking().Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == sourceId, ct);
        if (source is null)
        {
            return null;
        }
        var changes = form.Items.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var derived = new RuleSet
        {
            Year = form.Year!.Value,
            Name = form.Name!.Trim(),
            VillageCommunityTarget = form.VillageCommunityTargetPercent!.Value / 100m,
            EnterpriseUnitTarget = form.EnterpriseUnitTargetPercent!.Value / 100m,
            DerivedFromId = source.Id,
            Items = source.Items.OrderBy(i => i.SortOrder).Select(i =>
            {
                var c = changes.GetValueOrDefault(i.Code);
                return new RuleSetItem
                {
                    Code = i.Code,
                    Standard = i.Standard,
                    Title = i.Title,
                    SortOrder = i.SortOrder,
                    JudgingForVillageCommunity = c?.JudgingForVillageCommunity ?? i.JudgingForVillageCommunity,
                    JudgingForEnterpriseUnit = c?.JudgingForEnterpriseUnit ?? i.JudgingForEnterpriseUnit,
                    AppliesTo = c is null ? i.AppliesTo
                        : (c.ForVillage ? KindSet.Village : 0) | (c.ForCommunity ? KindSet.Community : 0) | (c.ForEnterprise ? KindSet.Enterprise : 0) | (c.ForUnit ? KindSet.Unit : 0),
                    AllowsNotApplicable = c?.AllowsNotApplicable ?? i.AllowsNotApplicable,
                };
            }).ToList(),
        };
        db.RuleSets.Add(derived);
        await db.SaveChangesAsync(ct);
        return derived.Id;
    }
}

/// <summary>Year new for the town, a name, targets between 0 and 100 %, known items with valid judging.</summary>
public sealed class DeriveFormValidator : AbstractValidator<DeriveForm>
{
    public DeriveFormValidator(SanLingDbContext db, IStringLocalizer<SharedResource> localizer)
    {
        RuleFor(f => f.Year).NotNull().WithMessage(_ => localizer["请填写适用年度"])
            .InclusiveBetween(2000, 2100).WithMessage(_ => localizer["适用年度应在 2000 至 2100 之间"])
            .MustAsync(async (year, ct) => !await db.RuleSets.AnyAsync(r => r.Year == year, ct)).WithMessage(_ => localizer["该年度已有评定细则"]);
        RuleFor(f => f.Name).NotEmpty().WithMessage(_ => localizer["请填写名称"]).MaximumLength(100).WithMessage(_ => localizer["名称不能超过 100 个字"]);
        RuleFor(f => f.VillageCommunityTargetPercent).NotNull().WithMessage(_ => localizer["请填写村（社区）目标"])
            .InclusiveBetween(0, 100).WithMessage(_ => localizer["目标应在 0 至 100 之间"]);
        RuleFor(f => f.EnterpriseUnitTargetPercent).NotNull().WithMessage(_ => localizer["请填写企业和单位目标"])
            .InclusiveBetween(0, 100).WithMessage(_ => localizer["目标应在 0 至 100 之间"]);
        RuleFor(f => f.Items)
            .Must(items => items.All(i => !string.IsNullOrEmpty(i.Code)) && items.DistinctBy(i => i.Code).Count() == items.Count)
            .WithMessage(_ => localizer["评定项无效或重复，请重新打开本页"]);
        RuleForEach(f => f.Items).Cascade(CascadeMode.Continue).ChildRules(item =>
        {
            item.RuleFor(i => i.JudgingForVillageCommunity).IsInEnum().WithMessage(_ => localizer["判定方式无效"]);
            item.RuleFor(i => i.JudgingForEnterpriseUnit).IsInEnum().WithMessage(_ => localizer["判定方式无效"]);
        });
    }
}
