using Microsoft.Extensions.Localization;
using SanLing.Domain.Ledgers;

namespace SanLing.Web.Features.Petitions;

/// <summary>The field checks are <see cref="PetitionRules"/>; here only what needs the database (number, scope).</summary>
public sealed class PetitionFormValidator : AbstractValidator<PetitionForm>
{
    public PetitionFormValidator(LedgerRulesService rules, IStringLocalizer<SharedResource> localizer)
    {
        RuleFor(f => f).Custom((form, context) => context.AddViolations(PetitionRules.Check(Values(form), rules.Today), localizer));
        RuleFor(f => f.Number)
            .MustAsync((form, number, context, ct) => rules.NumberIsFreeAsync<Petition>(number!, context, ct))
            .WithMessage(f => localizer["编号“{0}”已存在", f.Number?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.Number) && f.Number.Trim().Length <= PetitionRules.NumberMaxLength);
        RuleFor(f => f.SubjectCode)
            .MustAsync((code, ct) => rules.SubjectInScopeAsync(code!, ct)).WithMessage(f => localizer["单位编码“{0}”不存在或不在您的范围内", f.SubjectCode?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.SubjectCode));
    }

    public static PetitionValues Values(PetitionForm f) => new()
    {
        Number = f.Number,
        SubjectCode = f.SubjectCode,
        FiledOn = f.FiledOn,
        Kind = f.Kind,
        PetitionerCount = f.PetitionerCount,
        Matter = f.Matter,
        LeaderInCharge = f.LeaderInCharge,
        Status = f.Status,
        ResolvedOn = f.ResolvedOn,
    };
}
