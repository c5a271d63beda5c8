using SanLing.Domain.Subjects;

namespace SanLing.Domain.Standards;

/// <summary>How an item is judged: by the data (D), by the office's attestation (A), or both.</summary>
public enum ItemJudging
{
    Data = 1,
    Attested = 2,
    DataAndAttested = 3,
}

public static class ItemJudgingExtensions
{
    /// <summary>Judged (at least partly) from the data: D or D+A.</summary>
    public static bool UsesData(this ItemJudging judging) => judging is ItemJudging.Data or ItemJudging.DataAndAttested;

    /// <summary>Needs the office's annual attestation: A or D+A.</summary>
    public static bool IsAttested(this ItemJudging judging) => judging is ItemJudging.Attested or ItemJudging.DataAndAttested;
}

/// <summary>The subject kinds an item applies to (it is 不适用 for the others).</summary>
[Flags]
public enum KindSet
{
    None = 0,
    Village = 1,
    Community = 2,
    Enterprise = 4,
    Unit = 8,
    VillageCommunity = Village | Community,
    All = Village | Community | Enterprise | Unit,
}

public static class KindSetExtensions
{
    /// <summary>The flag of one subject kind.</summary>
    public static KindSet ToKindSet(this SubjectKind kind) => kind switch
    {
        SubjectKind.Village => KindSet.Village,
        SubjectKind.Community => KindSet.Community,
        SubjectKind.Enterprise => KindSet.Enterprise,
        SubjectKind.Unit => KindSet.Unit,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool Includes(this KindSet kinds, SubjectKind kind) => (kinds & kind.ToKindSet()) != 0;
}

/// <summary>
/// One item of the seven creation standards, as the 2020 rule set defines it. <see cref="Judging"/> is how villages and
/// communities are judged; enterprises and units are judged the same way unless <paramref name="EnterpriseUnitJudging"/> says otherwise.
/// </summary>
public sealed record StandardItem(
    string Code,
    int Standard,
    string Title,
    ItemJudging Judging,
    KindSet AppliesTo,
    bool AllowsNotApplicable = false,
    ItemJudging? EnterpriseUnitJudging = null)
{
    public ItemJudging JudgingForVillageCommunity => Judging;

    public ItemJudging JudgingForEnterpriseUnit => EnterpriseUnitJudging ?? Judging;

    /// <summary>This item as the <paramref name="sortOrder"/>-th item of a rule set.</summary>
    public RuleSetItem ToRuleSetItem(int sortOrder) => new()
    {
        Code = Code,
        Standard = Standard,
        Title = Title,
        JudgingForVillageCommunity = JudgingForVillageCommunity,
        JudgingForEnterpriseUnit = JudgingForEnterpriseUnit,
        AppliesTo = AppliesTo,
        AllowsNotApplicable = AllowsNotApplicable,
        SortOrder = sortOrder,
    };
}

/// <summary>The seven standards (创建标准) and their 23 items, as the town's 2020 plan lists them.</summary>
public static class StandardCatalogue
{
    public static readonly IReadOnlyList<string> StandardTitles =
    [
        "组织领导保障有力",
        "内部治安防范严密",
        "矛盾纠纷妥善化解",
        "重点人群帮教到位",
        "安全隐患整治有效",
        "法治建设持续深入",
        "公共服务优质高效",
    ];

    public static readonly IReadOnlyList<StandardItem> Items2020 =
    [
        new("1.1", 1, "党组织坚强有力", ItemJudging.DataAndAttested, KindSet.All),
        new("1.2", 1, "领导责任制落实", ItemJudging.Data, KindSet.All),
        new("1.3", 1, "机构运行稳定", ItemJudging.Attested, KindSet.All),
        new("2.1", 2, "防范力量齐备", ItemJudging.Attested, KindSet.All),
        new("2.2", 2, "群防群治扎实", ItemJudging.Attested, KindSet.All),
        new("2.3", 2, "智能防控完备", ItemJudging.Attested, KindSet.All),
        new("2.4", 2, "群众安全感增强", ItemJudging.Data, KindSet.All),
        new("3.1", 3, "调解队伍作用有效发挥", ItemJudging.Data, KindSet.All),
        new("3.2", 3, "重大矛盾及时预警", ItemJudging.Attested, KindSet.All),
        new("3.3", 3, "矛盾纠纷多元化解", ItemJudging.Data, KindSet.All),
        new("4.1", 4, "动态掌握情况", ItemJudging.Data, KindSet.All),
        new("4.2", 4, "帮教措施到位", ItemJudging.Data, KindSet.All),
        new("4.3", 4, "出租屋登记备案率100%", ItemJudging.Data, KindSet.All),
        new("5.1", 5, "定期排查安全隐患", ItemJudging.Data, KindSet.All),
        new("5.2", 5, "严格管理重点物品", ItemJudging.Attested, KindSet.All, AllowsNotApplicable: true),
        new("5.3", 5, "隐患整治任务落实", ItemJudging.Data, KindSet.All),
        new("5.4", 5, "应急处置机制健全", ItemJudging.Attested, KindSet.All),
        new("6.1", 6, "普法宣传形式多样", ItemJudging.Attested, KindSet.All),
        new("6.2", 6, "公共法律服务体系健全", ItemJudging.Attested, KindSet.All),
        new("6.3", 6, "基层法治示范创建", ItemJudging.Attested, KindSet.All),
        // 7.1 is judged from the grids for villages/communities; their workshops are attested for enterprises/units.
        new("7.1", 7, "网格化服务管理", ItemJudging.Data, KindSet.All, EnterpriseUnitJudging: ItemJudging.Attested),
        new("7.2", 7, "公共服务供给", ItemJudging.Attested, KindSet.All),
        new("7.3", 7, "社会组织参与活力", ItemJudging.Attested, KindSet.VillageCommunity),
    ];

    public static StandardItem? Find(string code) => Items2020.FirstOrDefault(i => i.Code == code);
}
