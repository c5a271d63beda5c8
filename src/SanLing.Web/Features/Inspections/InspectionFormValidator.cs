using Microsoft.Extensions.Localization;
using SanLing.Domain.Inspections;

namespace SanLing.Web.Features.Inspections;

public sealed class InspectionFormValidator : AbstractValidator<InspectionForm>
{
    public InspectionFormValidator(TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

        RuleFor(f => f.InspectedOn)
            .NotNull().WithMessage(_ => localizer["请填写排查日期"])
            .LessThanOrEqualTo(today).WithMessage(_ => localizer["排查日期不能晚于今天"]);
        RuleFor(f => f.InspectedOn)
            .Must((form, day) => MonthText.Parse(form.Month, today) is not { } month || day >= month)
            .WithMessage(_ => localizer["排查日期不能早于所排查的月份"])
            .When(f => f.InspectedOn is not null);
        RuleFor(f => f.Inspector)
            .NotEmpty().WithMessage(_ => localizer["请填写排查人"])
            .When(f => f.Command == InspectionForm.Submit);
        RuleFor(f => f.Inspector).MaximumLength(FindingRules.InspectorMaxLength).WithMessage(_ => localizer["排查人不能超过 {0} 个字", FindingRules.InspectorMaxLength]);

        RuleFor(f => f.NothingFound)
            .Must((form, nothing) => nothing || form.FilledFindings.Any(x => !x.Remove))
            .WithMessage(_ => localizer["请登记发现的问题，或勾选“本月未发现问题”"])
            .When(f => f.Command == InspectionForm.Submit);
        RuleFor(f => f.NothingFound)
            .Must((form, nothing) => !nothing || !form.FilledFindings.Any(x => !x.Remove))
            .WithMessage(_ => localizer["已勾选“本月未发现问题”，就不能同时登记问题；请取消勾选或删除问题"]);

        RuleFor(f => f.SubmissionKey)
            .Must(key => key!.Length <= Inspection.FormKeyMaxLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            .WithMessage(_ => localizer["表单标识无效，请重新打开表单"])
            .When(f => !string.IsNullOrEmpty(f.SubmissionKey));
        RuleFor(f => f.Findings).Must(list => list.Count <= 50).WithMessage(_ => localizer["一次排查最多登记 50 个问题"]);
        // Every finding is checked, not only the first one that fails (rules elsewhere stop at their first failure).
        RuleForEach(f => f.Findings)
            .Cascade(CascadeMode.Continue)
            .Where(x => !x.IsBlank && !x.Remove)
            .SetValidator(form => new FindingFormValidator(today, MonthText.Parse(form.Month, today), form.InspectedOn, localizer));
    }
}

/// <summary>A finding row: every check is <see cref="FindingRules"/> (as the form asks them).</summary>
public sealed class FindingFormValidator : AbstractValidator<FindingForm>
{
    public FindingFormValidator(DateOnly today, DateOnly? month, DateOnly? inspectedOn, IStringLocalizer localizer)
    {
        RuleFor(f => f).Custom((form, context) => context.AddViolations(FindingRules.Check(Values(form), today, month, inspectedOn, FindingSource.Form), localizer));
    }

    public static FindingValues Values(FindingForm f) => new()
    {
        Type = f.Type,
        DisputeCategory = f.DisputeCategory,
        HazardCategory = f.HazardCategory,
        Description = f.Description,
        Parties = f.Parties,
        RiskLevel = f.RiskLevel,
        RectifyBy = f.RectifyBy,
        Status = f.Status,
        ClosedOn = f.ClosedOn,
        ResolutionMethod = f.ResolutionMethod,
    };
}
