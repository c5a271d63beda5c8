using FluentValidation;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.RentalHouses;

/// <summary>What the rental-house form posts; the subject is given by its code and resolved within the user's scope.</summary>
public sealed class RentalHouseForm
{
    public string? Number { get; set; }
    public string? SubjectCode { get; set; }
    public string? Address { get; set; }
    public string? Landlord { get; set; }
    public int? TenantCount { get; set; } = 0;
    public bool IsRegistered { get; set; }
    public DateOnly? RegisteredOn { get; set; }
    public Guid Version { get; set; }
}

public sealed record RentalHouseEditor(RentalHouseForm Form, int? Id);

public sealed class RentalHouseFormValidator : AbstractValidator<RentalHouseForm>
{
    public RentalHouseFormValidator(LedgerRulesService rules, RentalHouseRulesService houses)
    {
        RuleFor(f => f.Number).NotEmpty().WithMessage("请填写编号").MaximumLength(40).WithMessage("编号不能超过 40 个字符")
            .MustAsync((form, number, context, ct) => houses.NumberIsFreeAsync(number!, context, ct))
            .WithMessage(f => $"编号“{f.Number?.Trim()}”已存在");
        RuleFor(f => f.SubjectCode).NotEmpty().WithMessage("请填写所属单位编码")
            .MustAsync((code, ct) => rules.SubjectInScopeAsync(code!, ct)).WithMessage(f => $"单位编码“{f.SubjectCode?.Trim()}”不存在或不在您的范围内");
        RuleFor(f => f.Address).NotEmpty().WithMessage("请填写地址").MaximumLength(200).WithMessage("地址不能超过 200 个字符");
        RuleFor(f => f.Landlord).MaximumLength(50).WithMessage("房东不能超过 50 个字符");
        RuleFor(f => f.TenantCount).NotNull().WithMessage("请填写承租人数").InclusiveBetween(0, 10000).WithMessage("承租人数应在 0 到 10000 之间");
        RuleFor(f => f.RegisteredOn).NotNull().WithMessage("已登记备案时必须填写登记日期").When(f => f.IsRegistered);
        RuleFor(f => f.RegisteredOn).Null().WithMessage("未登记备案时不填写登记日期").When(f => !f.IsRegistered);
        RuleFor(f => f.RegisteredOn).Must(rules.IsNotInFuture).WithMessage("登记日期不能晚于今天");
    }
}
