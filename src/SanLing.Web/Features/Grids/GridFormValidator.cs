using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Subjects;


namespace SanLing.Web.Features.Grids;

/// <summary>The field checks are <see cref="GridRules"/>; here only what needs the database (code, scope, worker account).</summary>
public sealed class GridFormValidator : AbstractValidator<GridForm>
{
    public GridFormValidator(LedgerRulesService rules, SanLingDbContext db, UserManager<AppUser> users, IStringLocalizer<SharedResource> localizer)
    {
        RuleFor(f => f).Custom((form, context) => context.AddViolations(GridRules.Check(Values(form)), localizer));
        RuleFor(f => f.Code)
            .MustAsync(async (form, code, context, ct) =>
            {
                var editedId = context.RootContextData.TryGetValue(LedgerRulesService.EditedIdKey, out var id) ? (int?)id : null;
                var trimmed = code!.Trim();
                return !await db.Grids.AnyAsync(g => g.Code == trimmed && g.Id != editedId, ct);
            })
            .WithMessage(f => localizer["网格编码“{0}”已存在", f.Code?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.Code) && f.Code.Trim().Length <= GridRules.CodeMaxLength);
        RuleFor(f => f.SubjectCode)
            .MustAsync((code, ct) => rules.SubjectInScopeAsync(code!, ct)).WithMessage(f => localizer["单位编码“{0}”不存在或不在您的范围内", f.SubjectCode?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.SubjectCode));
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
            .WithMessage(f => localizer["账号“{0}”不是该村（社区）的网格员账号", f.WorkerUserName?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.WorkerUserName));
    }

    public static GridValues Values(GridForm f) => new()
    {
        Code = f.Code,
        Name = f.Name,
        SubjectCode = f.SubjectCode,
        WorkerName = f.WorkerName,
        WorkerPhone = f.WorkerPhone,
    };
}
