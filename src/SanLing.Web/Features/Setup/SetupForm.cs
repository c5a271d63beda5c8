namespace SanLing.Web.Features.Setup;

/// <summary>What the one-time setup page posts: the token from the start-up log, the town and its first administrator.</summary>
public sealed class SetupForm
{
    public string? Token { get; set; }
    public string? TownCode { get; set; }
    public string? TownName { get; set; }
    public int? InspectionDueDay { get; set; } = Domain.Common.TownRules.DefaultDueDay;
    public string? AdminUserName { get; set; }
    public string? AdminDisplayName { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
}
