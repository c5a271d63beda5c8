namespace SanLing.Web.Features.CountyTowns;

public sealed record CountyTownRow(string Code, string Name, int InspectionDueDay, int Accounts);

public sealed record CountyTownsPage(string CountyName, IReadOnlyList<CountyTownRow> Towns, AddTownForm Form);

/// <summary>A town to add to the county and the user name of its first 系统管理员 (the password is generated).</summary>
public sealed class AddTownForm
{
    public string? TownCode { get; set; }
    public string? TownName { get; set; }
    public int? InspectionDueDay { get; set; } = Domain.Common.TownRules.DefaultDueDay;
    public string? AdminUserName { get; set; }
}

/// <summary>The added town and its administrator's one-time password, shown once.</summary>
public sealed record TownAdded(string TownCode, string TownName, string AdminUserName, string Password, string? RuleSetName);
