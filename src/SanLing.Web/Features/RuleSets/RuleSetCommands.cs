using Microsoft.Extensions.Localization;
using SanLing.Domain.Standards;

namespace SanLing.Web.Features.RuleSets;

/// <summary>Derives a new year's rule set of the town's own (its variant, in a county) from an existing one.</summary>
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
        var derived = new RuleSet
        {
            Year = form.Year!.Value,
            Name = form.Name!.Trim(),
            VillageCommunityTarget = form.VillageCommunityTargetPercent!.Value / 100m,
            EnterpriseUnitTarget = form.EnterpriseUnitTargetPercent!.Value / 100m,
            DerivedFromId = source.Id,
            Items = RuleSetDerivation.Items(source.Items, form),
        };
        db.RuleSets.Add(derived);
        await db.SaveChangesAsync(ct);
        return derived.Id;
    }
}

/// <summary>How a derive form turns a source's items into the new set's (the town's derive and the county's publication).</summary>
public static class RuleSetDerivation
{
    /// <summary>The source's items in order, each with the form's judging, kinds and 不适用 where the form names it.</summary>
    public static List<RuleSetItem> Items(IEnumerable<RuleItem> source, DeriveForm form)
    {
        var changes = form.Items.ToDictionary(i => i.Code, StringComparer.Ordinal);
        return source.OrderBy(i => i.SortOrder).Select(i =>
        {
            var item = RuleSetItem.CopyOf(i);
            if (changes.GetValueOrDefault(i.Code) is { } c)
            {
                item.JudgingForVillageCommunity = c.JudgingForVillageCommunity;
                item.JudgingForEnterpriseUnit = c.JudgingForEnterpriseUnit;
                item.AppliesTo = (c.ForVillage ? KindSet.Village : 0) | (c.ForCommunity ? KindSet.Community : 0)
                    | (c.ForEnterprise ? KindSet.Enterprise : 0) | (c.ForUnit ? KindSet.Unit : 0);
                item.AllowsNotApplicable = c.AllowsNotApplicable;
            }
            return item;
        }).ToList();
    }

    /// <summary>The form a derive page opens with: the next year, the source's targets and items.</summary>
    public static DeriveForm FormFrom(int sourceYear, decimal villageCommunityTarget, decimal enterpriseUnitTarget, IEnumerable<RuleSetItemRow> items) => new()
    {
        Year = sourceYear + 1,
        Name = $"{sourceYear + 1}年三零创建评定细则",
        VillageCommunityTargetPercent = villageCommunityTarget * 100,
        EnterpriseUnitTargetPercent = enterpriseUnitTarget * 100,
        Items = items.Select(i => new DeriveItem
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
}

/// <summary>What every new rule set's form must hold: a year, a name, targets between 0 and 100 %, known items with valid judging.</summary>
public abstract class RuleSetFormValidator<T> : AbstractValidator<T> where T : DeriveForm
{
    protected RuleSetFormValidator(IStringLocalizer<SharedResource> localizer)
    {
        RuleFor(f => f.Year).NotNull().WithMessage(_ => localizer["请填写适用年度"])
            .InclusiveBetween(2000, 2100).WithMessage(_ => localizer["适用年度应在 2000 至 2100 之间"]);
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

/// <summary>A town's derive: the year must be new among the town's own sets (a county set of the same year may exist).</summary>
public sealed class DeriveFormValidator : RuleSetFormValidator<DeriveForm>
{
    public DeriveFormValidator(SanLingDbContext db, IStringLocalizer<SharedResource> localizer) : base(localizer)
    {
        RuleFor(f => f.Year)
            .MustAsync(async (year, ct) => !await db.RuleSets.AnyAsync(r => r.Year == year && r.CountyRuleSetId == null, ct))
            .WithMessage(_ => localizer["该年度已有评定细则"]);
    }
}
