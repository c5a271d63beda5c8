using FluentValidation;
using SanLing.Domain.Common;
using SanLing.Domain.Inspections;

namespace SanLing.Web.Features.Inspections;

/// <summary>What the inspection form posts. Which grid and month it is for is checked against the user's scope on the server.</summary>
public sealed class InspectionForm
{
    public const string SaveDraft = "draft";
    public const string Submit = "submit";
    public const string AddRow = "add-row";

    public int SubjectId { get; set; }
    public int? GridId { get; set; }
    public string? Month { get; set; }
    public DateOnly? InspectedOn { get; set; }
    public string? Inspector { get; set; }

    /// <summary>本月未发现问题: an explicit answer.</summary>
    public bool NothingFound { get; set; }

    public Guid Version { get; set; }
    public List<FindingForm> Findings { get; set; } = [];

    /// <summary>Which button was pressed: save a draft, submit, or add an empty finding row.</summary>
    public string? Command { get; set; }

    public IEnumerable<FindingForm> FilledFindings => Findings.Where(f => !f.IsBlank);
}

public sealed class FindingForm
{
    public int? Id { get; set; }
    public Guid Version { get; set; }
    public FindingType? Type { get; set; }
    public DisputeCategory? DisputeCategory { get; set; }
    public HazardCategory? HazardCategory { get; set; }
    public string? Description { get; set; }
    public string? Parties { get; set; }
    public bool RiskOfCriminalEscalation { get; set; }
    public bool RiskOfGroupIncident { get; set; }
    public RiskLevel? RiskLevel { get; set; }
    public DateOnly? RectifyBy { get; set; }
    public FindingStatus? Status { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public ResolutionMethod? ResolutionMethod { get; set; }

    /// <summary>Ticked on an existing finding entered by mistake.</summary>
    public bool Remove { get; set; }

    /// <summary>An untouched empty row (the form always offers one): ignored.</summary>
    public bool IsBlank => Id is null && Type is null && string.IsNullOrWhiteSpace(Description) && DisputeCategory is null
        && HazardCategory is null && string.IsNullOrWhiteSpace(Parties) && RiskLevel is null && RectifyBy is null && ClosedOn is null;
}

public sealed class InspectionFormValidator : AbstractValidator<InspectionForm>
{
    public InspectionFormValidator(TimeProvider clock)
    {
        var today = clock.Today();

        RuleFor(f => f.InspectedOn)
            .NotNull().WithMessage("请填写排查日期")
            .LessThanOrEqualTo(today).WithMessage("排查日期不能晚于今天");
        RuleFor(f => f.InspectedOn)
            .Must((form, day) => MonthText.Parse(form.Month, today) is not { } month || day >= month)
            .WithMessage("排查日期不能早于所排查的月份")
            .When(f => f.InspectedOn is not null);
        RuleFor(f => f.Inspector)
            .NotEmpty().WithMessage("请填写排查人")
            .When(f => f.Command == InspectionForm.Submit);
        RuleFor(f => f.Inspector).MaximumLength(50).WithMessage("排查人不能超过 50 个字符");

        RuleFor(f => f.NothingFound)
            .Must((form, nothing) => nothing || form.FilledFindings.Any(x => !x.Remove))
            .WithMessage("请登记发现的问题，或勾选“本月未发现问题”")
            .When(f => f.Command == InspectionForm.Submit);
        RuleFor(f => f.NothingFound)
            .Must((form, nothing) => !nothing || !form.FilledFindings.Any(x => !x.Remove))
            .WithMessage("已勾选“本月未发现问题”，就不能同时登记问题；请取消勾选或删除问题");

        RuleFor(f => f.Findings).Must(list => list.Count <= 50).WithMessage("一次排查最多登记 50 个问题");
        RuleForEach(f => f.Findings)
            .Where(x => !x.IsBlank && !x.Remove)
            .SetValidator(form => new FindingFormValidator(today, form.InspectedOn));
    }
}

public sealed class FindingFormValidator : AbstractValidator<FindingForm>
{
    public FindingFormValidator(DateOnly today, DateOnly? inspectedOn)
    {
        RuleFor(f => f.Type)
            .NotNull().WithMessage("请选择问题类型（矛盾纠纷或安全隐患）")
            .IsInEnum().WithMessage("问题类型无效");
        RuleFor(f => f.Description)
            .NotEmpty().WithMessage("请填写问题描述")
            .MaximumLength(1000).WithMessage("问题描述不能超过 1000 个字符");
        RuleFor(f => f.ClosedOn)
            .LessThanOrEqualTo(today).WithMessage("办结日期不能晚于今天")
            .GreaterThanOrEqualTo(inspectedOn ?? DateOnly.MinValue).WithMessage("办结日期不能早于排查日期")
            .When(f => f.ClosedOn is not null);

        When(f => f.Type == FindingType.Dispute, () =>
        {
            RuleFor(f => f.DisputeCategory)
                .NotNull().WithMessage("矛盾纠纷请选择纠纷类别")
                .IsInEnum().WithMessage("纠纷类别无效");
            RuleFor(f => f.Parties).MaximumLength(200).WithMessage("当事人不能超过 200 个字符");
            RuleFor(f => f.Status)
                .Must(s => s is null or FindingStatus.Mediating or FindingStatus.Resolved or FindingStatus.Escalated)
                .WithMessage("矛盾纠纷的状态只能是化解中、已化解或上报");
            RuleFor(f => f.ClosedOn)
                .NotNull().WithMessage("已化解的纠纷请填写化解日期")
                .When(f => f.Status == FindingStatus.Resolved);
            RuleFor(f => f.ResolutionMethod)
                .NotNull().WithMessage("已化解的纠纷请选择化解方式")
                .IsInEnum().WithMessage("化解方式无效")
                .When(f => f.Status == FindingStatus.Resolved);
        });

        When(f => f.Type == FindingType.Hazard, () =>
        {
            RuleFor(f => f.HazardCategory)
                .NotNull().WithMessage("安全隐患请选择隐患类别")
                .IsInEnum().WithMessage("隐患类别无效");
            RuleFor(f => f.RiskLevel)
                .NotNull().WithMessage("安全隐患请选择风险等级")
                .IsInEnum().WithMessage("风险等级无效");
            RuleFor(f => f.RectifyBy)
                .NotNull().WithMessage("安全隐患请填写整改期限");
            RuleFor(f => f.RectifyBy)
                .GreaterThanOrEqualTo(inspectedOn ?? DateOnly.MinValue).WithMessage("整改期限不能早于排查日期")
                .When(f => f.RectifyBy is not null);
            RuleFor(f => f.Status)
                .Must(s => s is null or FindingStatus.Rectifying or FindingStatus.Rectified)
                .WithMessage("安全隐患的状态只能是整改中或已整改");
            RuleFor(f => f.ClosedOn)
                .NotNull().WithMessage("已整改的隐患请填写整改完成日期")
                .When(f => f.Status == FindingStatus.Rectified);
        });
    }
}
