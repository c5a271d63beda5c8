using Microsoft.Extensions.Localization;
using SanLing.Domain.Auditing;

namespace SanLing.Web.Features.Audit;

/// <summary>The trail's filters, from the query string (links and the export keep them).</summary>
public sealed class AuditFilter
{
    /// <summary>A user name (part of it).</summary>
    public string? User { get; set; }

    /// <summary>A record type as stored (Subject, Petition, AppUser …).</summary>
    public string? Type { get; set; }

    public string? RecordId { get; set; }
    public AuditAction? Action { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int? Page { get; set; }
}

public sealed class AuditFilterValidator : AbstractValidator<AuditFilter>
{
    public AuditFilterValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.User).MaximumLength(256).WithMessage(_ => l["用户名过长"]);
        RuleFor(f => f.Type).MaximumLength(100).WithMessage(_ => l["记录类型过长"]);
        RuleFor(f => f.RecordId).MaximumLength(100).WithMessage(_ => l["记录编号过长"]);
        RuleFor(f => f.Action).IsInEnum().WithMessage(_ => l["操作无效"]);
        RuleFor(f => f.From)
            .InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31)).WithMessage(_ => l["日期无效"])
            .When(f => f.From is not null);
        RuleFor(f => f.To)
            .InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31)).WithMessage(_ => l["日期无效"])
            .When(f => f.To is not null);
        RuleFor(f => f.To)
            .GreaterThanOrEqualTo(f => f.From).WithMessage(_ => l["截止日期不能早于起始日期"])
            .When(f => f.From is not null && f.To is not null);
    }
}

public sealed record AuditTrailLine(
    long Id, DateTimeOffset At, string? UserName, string? Role, AuditAction Action, string EntityType, string? EntityId, string? Changes);

public sealed record AuditTrailPage(
    AuditFilter Filter,
    IReadOnlyList<AuditTrailLine> Lines,
    PageInfo Paging,
    IReadOnlyList<string> Types,
    AuditVerification? LastVerification,
    bool FilterIsValid);
