using FluentValidation;
using SanLing.Domain.Ledgers;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Accidents;

public sealed class AccidentFilter : LedgerFilter
{
    public AccidentCategory? Category { get; set; }

    /// <summary>Only accidents with deaths or injuries.</summary>
    public bool Casualties { get; set; }
}

public sealed record AccidentRow(
    int Id, string Number, DateOnly OccurredOn, int SubjectId, string SubjectCode, string SubjectName, AccidentCategory Category,
    int Deaths, int Injuries, decimal Loss, string? Summary, bool IsImpactful, bool IsMajor, Guid Version);

public sealed class AccidentForm
{
    public string? Number { get; set; }
    public string? SubjectCode { get; set; }
    public DateOnly? OccurredOn { get; set; }
    public AccidentCategory? Category { get; set; }
    public int? Deaths { get; set; } = 0;
    public int? Injuries { get; set; } = 0;
    public decimal? Loss { get; set; } = 0;
    public string? Summary { get; set; }
    public bool IsImpactful { get; set; }
    public bool IsMajor { get; set; }
    public Guid Version { get; set; }
}

public sealed class AccidentFormValidator : AbstractValidator<AccidentForm>
{
    public AccidentFormValidator(LedgerRulesService rules)
    {
        RuleFor(f => f.Number).NotEmpty().WithMessage("请填写编号").MaximumLength(40).WithMessage("编号不能超过 40 个字符")
            .MustAsync((form, number, context, ct) => rules.NumberIsFreeAsync<Accident>(number!, context, ct))
            .WithMessage(f => $"编号“{f.Number?.Trim()}”已存在");
        RuleFor(f => f.SubjectCode).NotEmpty().WithMessage("请填写单位编码")
            .MustAsync((code, ct) => rules.SubjectInScopeAsync(code!, ct)).WithMessage(f => $"单位编码“{f.SubjectCode?.Trim()}”不存在或不在您的范围内");
        RuleFor(f => f.OccurredOn).NotNull().WithMessage("请填写发生日期").Must(rules.IsNotInFuture).WithMessage("发生日期不能晚于今天");
        RuleFor(f => f.Category).NotNull().WithMessage("请选择类别").IsInEnum().WithMessage("类别无效");
        RuleFor(f => f.Deaths).NotNull().WithMessage("请填写死亡人数").InclusiveBetween(0, 10000).WithMessage("死亡人数应为 0 或正整数");
        RuleFor(f => f.Injuries).NotNull().WithMessage("请填写受伤人数").InclusiveBetween(0, 10000).WithMessage("受伤人数应为 0 或正整数");
        RuleFor(f => f.Loss).NotNull().WithMessage("请填写直接经济损失").InclusiveBetween(0m, 1_000_000m).WithMessage("直接经济损失应在 0 到 1000000 万元之间")
            .Must(l => l is null || decimal.Round(l.Value, 2) == l.Value).WithMessage("直接经济损失最多两位小数");
        RuleFor(f => f.Summary).MaximumLength(1000).WithMessage("简要情况不能超过 1000 个字符");
    }
}
