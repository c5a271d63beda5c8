using Microsoft.Extensions.Localization;
using SanLing.Domain.Api;
using SanLing.Domain.Common;

namespace SanLing.Web.Features.ApiTokens;

/// <summary>A new token: its name and optional last day. The scope is the administrator's own town (county scope: not yet).</summary>
public sealed class ApiTokenForm
{
    public string? Name { get; set; }
    public DateOnly? ExpiresOn { get; set; }
}

public sealed class ApiTokenFormValidator : AbstractValidator<ApiTokenForm>
{
    public ApiTokenFormValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
    {
        RuleFor(f => f.Name)
            .NotEmpty().WithMessage(_ => l["请填写令牌名称"])
            .MaximumLength(ApiRules.NameMaxLength).WithMessage(_ => string.Format(l["令牌名称不能超过 {0} 个字符"].Value, ApiRules.NameMaxLength));
        RuleFor(f => f.ExpiresOn)
            .Must(d => d is null || ApiRules.IsValidExpiry(d.Value, clock.Today()))
            .WithMessage(_ => string.Format(l["有效期须在今天之后、{0} 天之内"].Value, ApiRules.MaxValidDays));
    }
}

public sealed record ApiTokenRow(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, int Calls)
{
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

public sealed record ApiTokenList(IReadOnlyList<ApiTokenRow> Tokens, DateTimeOffset Now);

/// <summary>The one page that ever shows a token in full.</summary>
public sealed record ApiTokenShown(string Name, string Token);
