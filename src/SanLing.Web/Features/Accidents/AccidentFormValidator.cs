using Microsoft.Extensions.Localization;
using SanLing.Domain.Ledgers;

namespace SanLing.Web.Features.Accidents;

/// <summary>The field checks are <see cref="AccidentRules"/>; here only what needs the database (number, scope).</summary>
public sealed class AccidentFormValidator : AbstractValidator<AccidentForm>
{
    public AccidentFormValidator(LedgerRulesService rules, IStringLocalizer<SharedResource> localizer)
    {
        RuleFor(f => f).Custom((form, context) => context.AddViolations(AccidentRules.Check(Values(form), rules.Today), localizer));
        RuleFor(f => f.Number)
            .MustAsync((form, number, context, ct) => rules.NumberIsFreeAsync<Accident>(number!, context, ct))
            .WithMessage(f => localizer["编号“{0}”已存在", f.Number?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.Number) && f.Number.Trim().Length <= IncidentRules.NumberMaxLength);
        RuleFor(f => f.SubjectCode)
            .MustAsync((code, ct) => rules.SubjectInScopeAsync(code!, ct)).WithMessage(f => localizer["单位编码“{0}”不存在或不在您的范围内", f.SubjectCode?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.SubjectCode));
    }

    public static AccidentValues Values(AccidentForm f) => new()
    {
        Number = f.Number,
        SubjectCode = f.SubjectCode,
        OccurredOn = f.OccurredOn,
        Category = f.Category,
        Deaths = f.Deaths,
        Injuries = f.Injuries,
        Loss = f.Loss,
        Summary = f.Summary,
    };
}
