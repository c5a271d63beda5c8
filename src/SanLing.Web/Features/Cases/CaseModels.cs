using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Data;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Cases;

public sealed class CaseFilter : LedgerFilter
{
    public CaseKind? Kind { get; set; }

    /// <summary>Only cases whose offender is a registered key person (item 4.2).</summary>
    public bool KeyPersonOffender { get; set; }
}

public sealed record CaseRow(
    int Id, string Number, DateOnly OccurredOn, int SubjectId, string SubjectCode, string SubjectName, CaseKind Kind,
    string? Facts, int? OffenderId, string? OffenderNumber, bool IsImpactful, bool IsMajor, Guid Version);

public sealed class CaseForm
{
    public string? Number { get; set; }
    public string? SubjectCode { get; set; }
    public DateOnly? OccurredOn { get; set; }
    public CaseKind? Kind { get; set; }
    public string? Facts { get; set; }

    /// <summary>涉事重点人员编号: empty, or a registered key person's number.</summary>
    public string? OffenderNumber { get; set; }
    public bool IsImpactful { get; set; }
    public bool IsMajor { get; set; }
    public Guid Version { get; set; }
}

public sealed class CaseFormValidator : AbstractValidator<CaseForm>
{
    public CaseFormValidator(LedgerRulesService rules, SanLingDbContext db)
    {
        RuleFor(f => f.Number).NotEmpty().WithMessage("请填写编号").MaximumLength(40).WithMessage("编号不能超过 40 个字符")
            .MustAsync((form, number, context, ct) => rules.NumberIsFreeAsync<SecurityCase>(number!, context, ct))
            .WithMessage(f => $"编号“{f.Number?.Trim()}”已存在");
        RuleFor(f => f.SubjectCode).NotEmpty().WithMessage("请填写单位编码")
            .MustAsync((code, ct) => rules.SubjectInScopeAsync(code!, ct)).WithMessage(f => $"单位编码“{f.SubjectCode?.Trim()}”不存在或不在您的范围内");
        RuleFor(f => f.OccurredOn).NotNull().WithMessage("请填写发案日期").Must(rules.IsNotInFuture).WithMessage("发案日期不能晚于今天");
        RuleFor(f => f.Kind).NotNull().WithMessage("请选择性质").IsInEnum().WithMessage("性质无效");
        RuleFor(f => f.Facts).MaximumLength(1000).WithMessage("简要案情不能超过 1000 个字符");
        RuleFor(f => f.OffenderNumber)
            .MustAsync(async (number, ct) =>
            {
                var trimmed = number!.Trim();
                return await db.KeyPersons.AnyAsync(k => k.Number == trimmed, ct);
            })
            .WithMessage(f => $"重点人员编号“{f.OffenderNumber?.Trim()}”不存在")
            .When(f => !string.IsNullOrWhiteSpace(f.OffenderNumber));
    }
}
