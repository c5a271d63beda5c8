using FluentValidation;
using SanLing.Domain.KeyPopulations;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.KeyPersons;

/// <summary>
/// What the key-person form posts. The ID number is write-only: the form never shows it, and when editing an
/// empty field means "unchanged".
/// </summary>
public sealed class KeyPersonForm
{
    public string? Number { get; set; }
    public string? Name { get; set; }
    public string? IdNumber { get; set; }
    public string? SubjectCode { get; set; }
    public KeyPersonCategory? Category { get; set; }
    public DateOnly? ListedOn { get; set; }
    public DateOnly? DelistedOn { get; set; }
    public bool HasAssistancePlan { get; set; }
    public string? AssistancePlan { get; set; }
    public string? HelperName { get; set; }
    public Guid Version { get; set; }
}

/// <summary>The form with the record's id (null when creating) and the masked number on file.</summary>
public sealed record KeyPersonEditor(KeyPersonForm Form, int? Id, string? IdNumberMasked);

public sealed class KeyPersonFormValidator : AbstractValidator<KeyPersonForm>
{
    public KeyPersonFormValidator(LedgerRulesService rules, KeyPersonRulesService keyPersons)
    {
        RuleFor(f => f.Number).NotEmpty().WithMessage("请填写编号").MaximumLength(40).WithMessage("编号不能超过 40 个字符")
            .MustAsync((form, number, context, ct) => keyPersons.NumberIsFreeAsync(number!, context, ct))
            .WithMessage(f => $"编号“{f.Number?.Trim()}”已存在");
        RuleFor(f => f.Name).NotEmpty().WithMessage("请填写姓名").MaximumLength(50).WithMessage("姓名不能超过 50 个字符");
        RuleFor(f => f.IdNumber).NotEmpty().WithMessage("请填写身份证号")
            .When((form, context) => !IsEditing(context));
        RuleFor(f => f.IdNumber).Cascade(CascadeMode.Stop)
            .Must(id => ChineseIdNumber.Validate(id) is null).WithMessage(f => ChineseIdNumber.Validate(f.IdNumber))
            .MustAsync((form, id, context, ct) => keyPersons.IdNumberIsFreeAsync(id!, context, ct))
            .WithMessage("该身份证号已登记为本镇的重点人员，不能重复登记")
            .When(f => !string.IsNullOrWhiteSpace(f.IdNumber));
        RuleFor(f => f.SubjectCode).NotEmpty().WithMessage("请填写所属单位编码")
            .MustAsync((code, ct) => rules.SubjectInScopeAsync(code!, ct)).WithMessage(f => $"单位编码“{f.SubjectCode?.Trim()}”不存在或不在您的范围内");
        RuleFor(f => f.Category).NotNull().WithMessage("请选择类别").IsInEnum().WithMessage("类别无效");
        RuleFor(f => f.ListedOn).NotNull().WithMessage("请填写列管日期").Must(rules.IsNotInFuture).WithMessage("列管日期不能晚于今天");
        RuleFor(f => f.DelistedOn).Must(rules.IsNotInFuture).WithMessage("解除日期不能晚于今天")
            .GreaterThanOrEqualTo(f => f.ListedOn).WithMessage("解除日期不能早于列管日期")
            .When(f => f.DelistedOn is not null && f.ListedOn is not null);
        RuleFor(f => f.AssistancePlan).NotEmpty().WithMessage("已制定帮教计划时请填写计划内容").When(f => f.HasAssistancePlan);
        RuleFor(f => f.AssistancePlan).MaximumLength(2000).WithMessage("帮教计划不能超过 2000 个字符");
        RuleFor(f => f.HelperName).MaximumLength(50).WithMessage("帮教责任人不能超过 50 个字符");
    }

    private static bool IsEditing(ValidationContext<KeyPersonForm> context) =>
        context.RootContextData.TryGetValue(LedgerRulesService.EditedIdKey, out var id) && id is int;
}

/// <summary>帮教记录: date, by whom, what was done.</summary>
public sealed class FollowUpForm
{
    public DateOnly? VisitedOn { get; set; }
    public string? VisitedBy { get; set; }
    public string? Note { get; set; }
}

public sealed class FollowUpFormValidator : AbstractValidator<FollowUpForm>
{
    public FollowUpFormValidator(LedgerRulesService rules)
    {
        RuleFor(f => f.VisitedOn).NotNull().WithMessage("请填写帮教日期").Must(rules.IsNotInFuture).WithMessage("帮教日期不能晚于今天");
        RuleFor(f => f.VisitedBy).NotEmpty().WithMessage("请填写帮教人").MaximumLength(50).WithMessage("帮教人不能超过 50 个字符");
        RuleFor(f => f.Note).MaximumLength(1000).WithMessage("帮教情况不能超过 1000 个字符");
    }
}
