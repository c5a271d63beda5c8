using Microsoft.Extensions.Localization;
using SanLing.Domain.Common;

namespace SanLing.Web.Features.Settings;

/// <summary>The town's name and the day of the following month by which monthly inspections are due.</summary>
public sealed class TownSettingsForm
{
    public string? Name { get; set; }
    public int? InspectionDueDay { get; set; }

    /// <summary>The town's concurrency token when the form was loaded.</summary>
    public Guid Version { get; set; }
}

public sealed class TownSettingsFormValidator : AbstractValidator<TownSettingsForm>
{
    public TownSettingsFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Name)
            .NotEmpty().WithMessage(_ => l["请填写镇名称"])
            .MaximumLength(TownRules.NameMaxLength).WithMessage(_ => string.Format(l["镇名称不能超过 {0} 个字符"].Value, TownRules.NameMaxLength));
        RuleFor(f => f.InspectionDueDay)
            .NotNull().WithMessage(_ => l["请填写月度排查截止日"]);
        RuleFor(f => f.InspectionDueDay)
            .Must(day => TownRules.IsValidDueDay(day!.Value))
            .WithMessage(_ => string.Format(l["截止日必须是 1 到 {0} 之间的整数"].Value, TownRules.LastDueDay))
            .When(f => f.InspectionDueDay is not null);
    }
}
