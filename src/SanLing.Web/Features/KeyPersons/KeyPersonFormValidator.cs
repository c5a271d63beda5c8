using Microsoft.Extensions.Localization;
using SanLing.Domain.KeyPopulations;

namespace SanLing.Web.Features.KeyPersons;

/// <summary>
/// The field checks are <see cref="KeyPersonRules"/> and <see cref="ChineseIdNumber"/>; here only what needs the
/// database (number, ID number, scope).
/// </summary>
public sealed class KeyPersonFormValidator : AbstractValidator<KeyPersonForm>
{
    public KeyPersonFormValidator(LedgerRulesService rules, KeyPersonRulesService keyPersons, IStringLocalizer<SharedResource> localizer)
    {
        RuleFor(f => f).Custom((form, context) => context.AddViolations(KeyPersonRules.Check(Values(form), rules.Today), localizer));
        RuleFor(f => f.Number)
            .MustAsync((form, number, context, ct) => keyPersons.NumberIsFreeAsync(number!, context, ct))
            .WithMessage(f => localizer["编号“{0}”已存在", f.Number?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.Number) && f.Number.Trim().Length <= KeyPersonRules.NumberMaxLength);
        RuleFor(f => f.IdNumber).NotEmpty().WithMessage(_ => localizer["请填写身份证号"])
            .When((form, context) => !IsEditing(context));
        RuleFor(f => f.IdNumber).Cascade(CascadeMode.Stop)
            .Must(id => ChineseIdNumber.Validate(id) is null).WithMessage(f => localizer[ChineseIdNumber.Validate(f.IdNumber) ?? ""])
            .MustAsync((form, id, context, ct) => keyPersons.IdNumberIsFreeAsync(id!, context, ct))
            .WithMessage(_ => localizer["该身份证号已登记为本镇的重点人员，不能重复登记"])
            .When(f => !string.IsNullOrWhiteSpace(f.IdNumber));
        RuleFor(f => f.SubjectCode)
            .MustAsync((code, ct) => rules.SubjectInScopeAsync(code!, ct)).WithMessage(f => localizer["单位编码“{0}”不存在或不在您的范围内", f.SubjectCode?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.SubjectCode));
    }

    public static KeyPersonValues Values(KeyPersonForm f) => new()
    {
        Number = f.Number,
        Name = f.Name,
        SubjectCode = f.SubjectCode,
        Category = f.Category,
        ListedOn = f.ListedOn,
        DelistedOn = f.DelistedOn,
        HasAssistancePlan = f.HasAssistancePlan,
        AssistancePlan = f.AssistancePlan,
        HelperName = f.HelperName,
    };

    private static bool IsEditing(ValidationContext<KeyPersonForm> context) =>
        context.RootContextData.TryGetValue(LedgerRulesService.EditedIdKey, out var id) && id is int;
}

/// <summary>帮教记录: every check is <see cref="KeyPersonRules"/>.</summary>
public sealed class FollowUpFormValidator : AbstractValidator<FollowUpForm>
{
    public FollowUpFormValidator(LedgerRulesService rules, IStringLocalizer<SharedResource> localizer)
    {
        RuleFor(f => f).Custom((form, context) => context.AddViolations(
            KeyPersonRules.Check(new FollowUpValues { VisitedOn = form.VisitedOn, VisitedBy = form.VisitedBy, Note = form.Note }, rules.Today), localizer));
    }
}
