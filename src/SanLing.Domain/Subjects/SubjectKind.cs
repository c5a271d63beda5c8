namespace SanLing.Domain.Subjects;

/// <summary>The four kinds of creation subject (创建主体).</summary>
public enum SubjectKind
{
    Village = 1,     // 村
    Community = 2,   // 社区
    Enterprise = 3,  // 企业
    Unit = 4,        // 单位
}

/// <summary>The two target groups: 村（社区） at 90 %, 企业和单位 at 95 %.</summary>
public enum SubjectGroup
{
    VillageCommunity = 1,
    EnterpriseUnit = 2,
}

public static class SubjectKindExtensions
{
    public static SubjectGroup Group(this SubjectKind kind) =>
        kind is SubjectKind.Village or SubjectKind.Community ? SubjectGroup.VillageCommunity : SubjectGroup.EnterpriseUnit;

    /// <summary>Villages and communities are territories (属地) and hold grids; enterprises and units sit in one.</summary>
    public static bool IsTerritory(this SubjectKind kind) => kind.Group() == SubjectGroup.VillageCommunity;
}
