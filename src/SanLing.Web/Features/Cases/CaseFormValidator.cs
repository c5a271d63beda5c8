using Microsoft.Extensions.Localization;
using SanLing.Domain.Ledgers;

namespace SanLing.Web.Features.Cases;

/// <summary>The field checks are <see cref="CaseRules"/>; here only what needs the database (number, scope, offender).</summary>
public sealed class CaseFormValidator : AbstractValidator<CaseForm>
{
    public CaseFormValidator(LedgerRulesService rules, SanLingDbContext db, IStringLocalizer<SharedResource> localizer)
    {
        RuleFor(f => f).Custom((form, context) => context.AddViolations(CaseRules.Check(Values(form), rules.Today), localizer));
        RuleFor(f => f.Number)
            .MustAsync((form, number, context, ct) => rules.NumberIsFreeAsync<SecurityCase>(number!, context, ct))
            .WithMessage(f => localizer["编号“{0}”已存在", f.Number?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.Number) && f.Number.Trim().Length <= IncidentRules.NumberMaxLength);
        RuleFor(f => f.SubjectCode)
            .MustAsync((code, ct) => rules.SubjectInScopeAsync(code!, ct)).WithMessage(f => localizer["单位编码“{0}”不存在或不在您的范围内", f.SubjectCode?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.SubjectCode));
        RuleFor(f => f.OffenderNumber)
            .MustAsync(async (number, ct) =>
            {
                var trimmed = number!.Trim();
                return await db.KeyPersons.AnyAsync(k => k.Number == trimmed, ct);
            })
            .WithMessage(f => localizer["重点人员编号“{0}”不存在", f.OffenderNumber?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.OffenderNumber));
    }

    public static CaseValues Values(CaseForm f) => new()
    {
        Number = f.Number,
        SubjectCode = f.SubjectCode,
        OccurredOn = f.OccurredOn,
        Kind = f.Kind,
        Facts = f.Facts,
        OffenderNumber = f.OffenderNumber,
    };
}
