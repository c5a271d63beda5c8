using Microsoft.Extensions.Localization;
using SanLing.Domain.KeyPopulations;

namespace SanLing.Web.Features.RentalHouses;

/// <summary>The field checks are <see cref="RentalHouseRules"/>; here only what needs the database (number, scope).</summary>
public sealed class RentalHouseFormValidator : AbstractValidator<RentalHouseForm>
{
    public RentalHouseFormValidator(LedgerRulesService rules, RentalHouseRulesService houses, IStringLocalizer<SharedResource> localizer)
    {
        RuleFor(f => f).Custom((form, context) => context.AddViolations(RentalHouseRules.Check(Values(form), rules.Today), localizer));
        RuleFor(f => f.Number)
            .MustAsync((form, number, context, ct) => houses.NumberIsFreeAsync(number!, context, ct))
            .WithMessage(f => localizer["编号“{0}”已存在", f.Number?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.Number) && f.Number.Trim().Length <= RentalHouseRules.NumberMaxLength);
        RuleFor(f => f.SubjectCode)
            .MustAsync((code, ct) => rules.SubjectInScopeAsync(code!, ct)).WithMessage(f => localizer["单位编码“{0}”不存在或不在您的范围内", f.SubjectCode?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.SubjectCode));
    }

    public static RentalHouseValues Values(RentalHouseForm f) => new()
    {
        Number = f.Number,
        SubjectCode = f.SubjectCode,
        Address = f.Address,
        Landlord = f.Landlord,
        TenantCount = f.TenantCount,
        IsRegistered = f.IsRegistered,
        RegisteredOn = f.RegisteredOn,
    };
}
