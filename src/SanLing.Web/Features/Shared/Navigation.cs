namespace SanLing.Web.Features.Shared;

/// <summary>One menu entry: its text (a localization key), where it goes, and who sees it (empty: everyone signed in).</summary>
public sealed record NavItem(string Text, string Controller, string Action, params string[] Roles)
{
    /// <summary>Items with the same group show as one drop-down menu.</summary>
    public string? Group { get; init; }

    /// <summary>The actions this item stands for, when its controller has other items too (empty: all of them).</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    /// <summary>Highlighted in the menu on this page.</summary>
    public bool IsActive(string? controller, string? action) =>
        controller == Controller && (Actions.Count == 0 || Actions.Contains(action ?? "", StringComparer.OrdinalIgnoreCase));

    public bool IsVisibleTo(System.Security.Claims.ClaimsPrincipal user) => Roles.Length == 0 || Roles.Any(user.IsInRole);
}

/// <summary>
/// The main menu. Each feature adds its line here. A liaison's menu holds only what they use (待办, 本月排查, their
/// standing, their unit); the ledgers of their unit stay readable by address and from their pages.
/// </summary>
public static class Navigation
{
    private const string Ledgers = "台账";
    private const string Assessment = "创建评定";
    private const string Administration = "系统管理";

    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("县级视图", "Counties", "Index", Roles.CountyCenter, Roles.CountyLeader),
        new("县级评定细则", "CountyRuleSets", "Index", Roles.CountyCenter),
        new("乡镇管理", "CountyTowns", "Index", Roles.CountyCenter),
        new("县级 API 令牌", "CountyApiTokens", "Index", Roles.CountyCenter),
        // Grid workers and liaisons land on 待办 (the home page sends them there).
        new("首页", "Home", "Index", Roles.Office, Roles.Leadership, Roles.Admin),
        new("待办", "Worklist", "Index", Roles.GridWorker, Roles.Liaison),
        new("本月排查", "Inspections", "Index", Roles.GridWorker, Roles.Liaison),
        new("本单位创建情况", "Standing", "Index", Roles.Liaison),
        new("今日工作", "Dashboard", "Office", Roles.Office) { Actions = ["Office", "Warnings"] },
        new("领导驾驶舱", "Dashboard", "Index", Roles.Leadership, Roles.Office) { Actions = ["Index", "Results", "Subject", "Territory"] },
        new("督办", "Supervision", "Index", Roles.Office, Roles.GridWorker, Roles.Liaison),
        new("上报纠纷", "Disputes", "Index", Roles.Office),
        new("单位名录", "Subjects", "Index"),
        new("排查情况", "InspectionReview", "Index", Roles.Office, Roles.Leadership),
        new("网格", "Grids", "Index", Roles.Office, Roles.GridWorker) { Group = Ledgers },
        new("信访", "Petitions", "Index", Roles.Office, Roles.GridWorker) { Group = Ledgers },
        new("事故", "Accidents", "Index", Roles.Office, Roles.GridWorker) { Group = Ledgers },
        new("案件", "Cases", "Index", Roles.Office, Roles.GridWorker) { Group = Ledgers },
        new("重点人员", "KeyPersons", "Index", Roles.Office, Roles.GridWorker) { Group = Ledgers },
        new("出租屋", "RentalHouses", "Index", Roles.Office, Roles.GridWorker) { Group = Ledgers },
        new("年度评定", "Attestations", "Index", Roles.Office) { Group = Assessment },
        new("数据导入", "Imports", "Index", Roles.Office),
        new("评定结果", "Evaluation", "Index", Roles.Office, Roles.Leadership, Roles.Admin) { Group = Assessment },
        new("申诉复核", "Appeals", "Index", Roles.Office) { Group = Assessment, Actions = ["Index", "Details"] },
        new("用户管理", "Users", "Index", Roles.Admin) { Group = Administration },
        new("镇设置", "Settings", "Index", Roles.Admin) { Group = Administration },
        new("审计日志", "Audit", "Index", Roles.Admin) { Group = Administration },
        new("API 令牌", "ApiTokens", "Index", Roles.Admin) { Group = Administration },
    ];

    /// <summary>The administration pages, as the admin's home page lists them.</summary>
    public static IEnumerable<NavItem> AdministrationItems => Items.Where(i => i.Group == Administration);

    /// <summary>Roles that may read ledgers and personal data of their scope (never leadership).</summary>
    public static readonly string[] LedgerReaders = [Roles.Office, Roles.GridWorker, Roles.Liaison];
}
