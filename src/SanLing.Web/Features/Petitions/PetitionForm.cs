using FluentValidation;
using SanLing.Domain.Ledgers;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Petitions;

/// <summary>What the petition form posts; the subject is given by its code and resolved within the user's scope.</summary>
public sealed class PetitionForm
{
    public string? Number { get; set; }
    public string? SubjectCode { get; set; }
    public DateOnly? FiledOn { get; set; }
    public PetitionKind? Kind { get; set; }
    public int? PetitionerCount { get; set; } = 1;
    public string? Matter { get; set; }
    public string? LeaderInCharge { get; set; }
    public PetitionStatus? Status { get; set; } = PetitionStatus.Received;
    public DateOnly? ResolvedOn { get; set; }
    public bool IsImpactful { get; set; }
    public bool IsMajor { get; set; }
    public Guid Version { get; set; }
}

public sealed record PetitionEditor(PetitionForm Form, int? Id);

public sealed class PetitionFormValidator : AbstractValidator<PetitionForm>
{
    public PetitionFormValidator(LedgerRulesService rules)
    {
        RuleFor(f => f.Number).NotEmpty().WithMessage("请填写编号").MaximumLength(40).WithMessage("编号不能超过 40 个字符")
            .MustAsync((form, number, context, ct) => rules.NumberIsFreeAsync<Petition>(number!, context, ct))
            .WithMessage(f => $"编号“{f.Number?.Trim()}”已存在");
        RuleFor(f => f.SubjectCode).NotEmpty().WithMessage("请填写单位编码")
            .MustAsync((code, ct) => rules.SubjectInScopeAsync(code!, ct)).WithMessage(f => $"单位编码“{f.SubjectCode?.Trim()}”不存在或不在您的范围内");
        RuleFor(f => f.FiledOn).NotNull().WithMessage("请填写登记日期")
            .Must(rules.IsNotInFuture).WithMessage("登记日期不能晚于今天");
        RuleFor(f => f.Kind).NotNull().WithMessage("请选择类型").IsInEnum().WithMessage("类型无效");
        RuleFor(f => f.PetitionerCount).NotNull().WithMessage("请填写人数").InclusiveBetween(1, 10000).WithMessage("人数应在 1 到 10000 之间");
        RuleFor(f => f.PetitionerCount).GreaterThanOrEqualTo(5).WithMessage("集体访的人数应不少于 5 人").When(f => f.Kind == PetitionKind.Collective);
        RuleFor(f => f.Matter).MaximumLength(1000).WithMessage("事由不能超过 1000 个字符");
        RuleFor(f => f.LeaderInCharge).MaximumLength(50).WithMessage("包案领导不能超过 50 个字符");
        RuleFor(f => f.Status).NotNull().WithMessage("请选择状态").IsInEnum().WithMessage("状态无效");
        RuleFor(f => f.ResolvedOn).NotNull().WithMessage("状态为已化解时必须填写化解日期").When(f => f.Status == PetitionStatus.Resolved);
        RuleFor(f => f.ResolvedOn).Null().WithMessage("只有已化解的信访才填写化解日期").When(f => f.Status != PetitionStatus.Resolved);
        RuleFor(f => f.ResolvedOn).GreaterThanOrEqualTo(f => f.FiledOn).WithMessage("化解日期不能早于登记日期")
            .Must(rules.IsNotInFuture).WithMessage("化解日期不能晚于今天")
            .When(f => f.ResolvedOn is not null && f.FiledOn is not null);
    }
}

/// <summary>One-tap "已化解" with its date.</summary>
public sealed class ResolveForm
{
    public DateOnly? ResolvedOn { get; set; }
    public Guid Version { get; set; }
}
