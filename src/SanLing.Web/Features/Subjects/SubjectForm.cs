using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Data;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Subjects;

/// <summary>What the create/edit form posts. Town and id are never bound from it.</summary>
public sealed class SubjectForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public SubjectKind? Kind { get; set; }
    public int? TerritoryId { get; set; }
    public string? PrincipalName { get; set; }
    public string? LeaderInChargeName { get; set; }
    public string? ContactPerson { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    public DateOnly? DissolvedOn { get; set; }

    /// <summary>The concurrency token the form was loaded with; a stale one is refused on save.</summary>
    public Guid Version { get; set; }
}

/// <summary>The form, the record it edits (null when creating) and the territory choices.</summary>
public sealed record SubjectEditor(SubjectForm Form, int? Id, IReadOnlyList<Option> Territories);

public sealed class SubjectFormValidator : AbstractValidator<SubjectForm>
{
    public const string EditedIdKey = LedgerRulesService.EditedIdKey;

    public SubjectFormValidator(SanLingDbContext db)
    {
        RuleFor(f => f.Code)
            .NotEmpty().WithMessage("请填写编码")
            .MaximumLength(32).WithMessage("编码不能超过 32 个字符")
            .Matches("^[A-Za-z0-9_-]+$").WithMessage("编码只能包含字母、数字、- 和 _")
            .MustAsync(async (form, code, context, ct) =>
            {
                var editedId = context.RootContextData.TryGetValue(EditedIdKey, out var id) ? (int?)id : null;
                var trimmed = code?.Trim() ?? "";
                return !await db.Subjects.AnyAsync(s => s.Code == trimmed && s.Id != editedId, ct);
            })
            .WithMessage(f => $"编码“{f.Code?.Trim()}”已被其他单位使用");

        RuleFor(f => f.Name)
            .NotEmpty().WithMessage("请填写名称")
            .MaximumLength(100).WithMessage("名称不能超过 100 个字符");

        RuleFor(f => f.Kind)
            .NotNull().WithMessage("请选择类型")
            .IsInEnum().WithMessage("类型无效");

        RuleFor(f => f.TerritoryId)
            .NotNull().WithMessage("企业和单位必须选择所属村（社区）")
            .When(f => f.Kind is SubjectKind.Enterprise or SubjectKind.Unit);
        RuleFor(f => f.TerritoryId)
            .Null().WithMessage("村和社区本身没有所属村（社区）")
            .When(f => f.Kind is SubjectKind.Village or SubjectKind.Community);
        RuleFor(f => f.TerritoryId)
            .MustAsync(async (id, ct) => await db.Subjects.AnyAsync(
                s => s.Id == id && (s.Kind == SubjectKind.Village || s.Kind == SubjectKind.Community), ct))
            .WithMessage("所属村（社区）不存在")
            .When(f => f.TerritoryId is not null && f.Kind is SubjectKind.Enterprise or SubjectKind.Unit);

        RuleFor(f => f.PrincipalName).MaximumLength(50).WithMessage("第一责任人不能超过 50 个字符");
        RuleFor(f => f.LeaderInChargeName).MaximumLength(50).WithMessage("直接责任人不能超过 50 个字符");
        RuleFor(f => f.ContactPerson).MaximumLength(50).WithMessage("联系人不能超过 50 个字符");
        RuleFor(f => f.Address).MaximumLength(200).WithMessage("地址不能超过 200 个字符");
        RuleFor(f => f.Phone)
            .Matches(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$").WithMessage("联系电话应为 11 位手机号或带区号的固定电话")
            .When(f => !string.IsNullOrWhiteSpace(f.Phone));
        RuleFor(f => f.EstablishedOn)
            .InclusiveBetween(new DateOnly(1949, 10, 1), new DateOnly(2100, 12, 31)).WithMessage("设立日期无效")
            .When(f => f.EstablishedOn is not null);
        RuleFor(f => f.DissolvedOn)
            .GreaterThan(f => f.EstablishedOn).WithMessage("撤销日期必须晚于设立日期")
            .When(f => f.DissolvedOn is not null && f.EstablishedOn is not null);
    }
}
