using SanLing.Domain.Common;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Inspections;

namespace SanLing.Web.Features.Inspections;

/// <summary>A follow-up of one open finding: 已化解 (with date and method) or 上报 for a dispute, 已整改 (with date) for a hazard.</summary>
public sealed class FollowUpForm
{
    public FindingStatus? Outcome { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public ResolutionMethod? ResolutionMethod { get; set; }
    public Guid Version { get; set; }

    /// <summary>整改后: photos of the hazard rectified.</summary>
    public List<IFormFile> AfterPhotos { get; set; } = [];

    /// <summary>记录拍摄位置 (see <see cref="InspectionForm.RecordLocation"/>).</summary>
    public bool RecordLocation { get; set; }
}

public sealed class FollowUpFormValidator : AbstractValidator<FollowUpForm>
{
    public FollowUpFormValidator(TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    {
        var today = clock.Today();
        RuleFor(f => f.Outcome)
            .NotNull().WithMessage(_ => localizer["请选择处理结果"])
            .Must(o => o is FindingStatus.Resolved or FindingStatus.Escalated or FindingStatus.Rectified).WithMessage(_ => localizer["处理结果无效"]);
        RuleFor(f => f.ClosedOn)
            .NotNull().WithMessage(_ => localizer["请填写办结日期"])
            .When(f => f.Outcome is FindingStatus.Resolved or FindingStatus.Rectified);
        RuleFor(f => f.ClosedOn)
            .LessThanOrEqualTo(today).WithMessage(_ => localizer["办结日期不能晚于今天"])
            .When(f => f.ClosedOn is not null);
        RuleFor(f => f.ResolutionMethod)
            .NotNull().WithMessage(_ => localizer["已化解的纠纷请选择化解方式"])
            .IsInEnum().WithMessage(_ => localizer["化解方式无效"])
            .When(f => f.Outcome == FindingStatus.Resolved);
    }
}
