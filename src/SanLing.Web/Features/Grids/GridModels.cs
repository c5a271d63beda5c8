using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Grids;

public sealed class GridFilter : IPagedFilter
{
    public string? Q { get; set; }
    public string? Subject { get; set; }
    public int? TerritoryId { get; set; }

    /// <summary>Only grids without a grid worker (item 7.1 fails for their village/community).</summary>
    public bool NoWorker { get; set; }
    public int? Page { get; set; }
}

public sealed record GridRow(
    int Id, string Code, string Name, int SubjectId, string SubjectCode, string SubjectName, string? WorkerName, string? WorkerPhone,
    string? WorkerUserName, Guid Version);

public sealed class GridForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? SubjectCode { get; set; }
    public string? WorkerName { get; set; }
    public string? WorkerPhone { get; set; }

    /// <summary>The grid worker's portal account (user name), so that they can submit this grid's inspections.</summary>
    public string? WorkerUserName { get; set; }
    public Guid Version { get; set; }
}

public sealed class GridFormValidator : AbstractValidator<GridForm>
{
    public GridFormValidator(LedgerRulesService rules, SanLingDbContext db, UserManager<AppUser> users)
    {
        RuleFor(f => f.Code).NotEmpty().WithMessage("请填写网格编码").MaximumLength(32).WithMessage("网格编码不能超过 32 个字符")
            .Matches("^[A-Za-z0-9_-]+$").WithMessage("网格编码只能包含字母、数字、- 和 _")
            .MustAsync(async (form, code, context, ct) =>
            {
                var editedId = context.RootContextData.TryGetValue(LedgerRulesService.EditedIdKey, out var id) ? (int?)id : null;
                var trimmed = code?.Trim() ?? "";
                return !await db.Grids.AnyAsync(g => g.Code == trimmed && g.Id != editedId, ct);
            })
            .WithMessage(f => $"网格编码“{f.Code?.Trim()}”已存在");
        RuleFor(f => f.Name).NotEmpty().WithMessage("请填写名称").MaximumLength(100).WithMessage("名称不能超过 100 个字符");
        RuleFor(f => f.SubjectCode).NotEmpty().WithMessage("请填写所属单位编码")
            .MustAsync((code, ct) => rules.SubjectInScopeAsync(code!, ct)).WithMessage(f => $"单位编码“{f.SubjectCode?.Trim()}”不存在或不在您的范围内");
        RuleFor(f => f.WorkerName).MaximumLength(50).WithMessage("网格员姓名不能超过 50 个字符");
        RuleFor(f => f.WorkerPhone).Matches(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$").WithMessage("电话应为 11 位手机号或带区号的固定电话")
            .When(f => !string.IsNullOrWhiteSpace(f.WorkerPhone));
        RuleFor(f => f.WorkerUserName)
            .MustAsync(async (form, userName, ct) =>
            {
                var user = await users.FindByNameAsync(userName!.Trim());
                if (user is null || !await users.IsInRoleAsync(user, Roles.GridWorker))
                {
                    return false;
                }
                var subject = await rules.SubjectAsync(form.SubjectCode ?? "", ct);
                return subject is not null && user.ScopeSubjectId == subject.Id;
            })
            .WithMessage(f => $"账号“{f.WorkerUserName?.Trim()}”不是该村（社区）的网格员账号")
            .When(f => !string.IsNullOrWhiteSpace(f.WorkerUserName));
    }
}
