using Microsoft.Extensions.Localization;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Subjects;

/// <summary>The field checks are <see cref="SubjectRules"/>; here only what needs the database (code, territory).</summary>
public sealed class SubjectFormValidator : AbstractValidator<SubjectForm>
{
    public const string EditedIdKey = LedgerRulesService.EditedIdKey;

    private static readonly Dictionary<string, string> FormFields = new(StringComparer.Ordinal)
    {
        [SubjectRules.TerritoryField] = nameof(SubjectForm.TerritoryId),
    };

    public SubjectFormValidator(SanLingDbContext db, IStringLocalizer<SharedResource> localizer)
    {
        RuleFor(f => f).Custom((form, context) => context.AddViolations(SubjectRules.Check(Values(form)), localizer, FormFields));
        RuleFor(f => f.Code)
            .MustAsync(async (form, code, context, ct) =>
            {
                var editedId = context.RootContextData.TryGetValue(EditedIdKey, out var id) ? (int?)id : null;
                var trimmed = code!.Trim();
                return !await db.Subjects.AnyAsync(s => s.Code == trimmed && s.Id != editedId, ct);
            })
            .WithMessage(f => localizer["编码“{0}”已被其他单位使用", f.Code?.Trim() ?? ""])
            .When(f => !string.IsNullOrWhiteSpace(f.Code) && f.Code.Trim().Length <= SubjectRules.CodeMaxLength);
        RuleFor(f => f.TerritoryId)
            .MustAsync(async (id, ct) => await db.Subjects.AnyAsync(
                s => s.Id == id && (s.Kind == SubjectKind.Village || s.Kind == SubjectKind.Community), ct))
            .WithMessage(_ => localizer["所属村（社区）不存在"])
            .When(f => f.TerritoryId is not null && f.Kind is SubjectKind.Enterprise or SubjectKind.Unit);
    }

    public static SubjectValues Values(SubjectForm f) => new()
    {
        Code = f.Code,
        Name = f.Name,
        Kind = f.Kind,
        HasTerritory = f.TerritoryId is not null,
        PrincipalName = f.PrincipalName,
        LeaderInChargeName = f.LeaderInChargeName,
        ContactPerson = f.ContactPerson,
        Phone = f.Phone,
        Address = f.Address,
        EstablishedOn = f.EstablishedOn,
        DissolvedOn = f.DissolvedOn,
    };
}
