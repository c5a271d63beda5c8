using System.Linq.Expressions;
using SanLing.Domain.Common;

namespace SanLing.Domain.Subjects;

/// <summary>A creation subject (创建主体): a village, community, enterprise or unit.</summary>
public class Subject : Entity
{
    /// <summary>Unique within the town (编码).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public SubjectKind Kind { get; set; }

    /// <summary>The village/community an enterprise or unit sits in (属地); empty for villages and communities.</summary>
    public int? TerritoryId { get; set; }
    public Subject? Territory { get; set; }

    /// <summary>第一责任人: principal or legal person.</summary>
    [Personal]
    public string? PrincipalName { get; set; }

    /// <summary>直接责任人: the leader in charge.</summary>
    [Personal]
    public string? LeaderInChargeName { get; set; }

    [Personal]
    public string? ContactPerson { get; set; }

    [Personal]
    public string? Phone { get; set; }
    public string? Address { get; set; }

    /// <summary>设立日期: the day it became a creation subject; empty = always.</summary>
    public DateOnly? EstablishedOn { get; set; }

    /// <summary>撤销日期: the day it ceased; empty = active.</summary>
    public DateOnly? DissolvedOn { get; set; }

    public List<Grid> Grids { get; set; } = [];

    public SubjectGroup Group => Kind.Group();

    /// <summary>Evaluated for a year when active on that year's last day (or the as-of date).</summary>
    public bool IsActiveOn(DateOnly day) => SubjectRules.IsActiveOn(EstablishedOn, DissolvedOn, day);

    /// <summary>Villages and communities (<see cref="SubjectKindExtensions.IsTerritory"/>) as a query predicate.</summary>
    public static Expression<Func<Subject, bool>> IsTerritory { get; } = s => s.Kind == SubjectKind.Village || s.Kind == SubjectKind.Community;

    /// <summary>Enterprises and units: the subjects that sit in a territory, as a query predicate.</summary>
    public static Expression<Func<Subject, bool>> IsEnterpriseOrUnit { get; } = s => s.Kind != SubjectKind.Village && s.Kind != SubjectKind.Community;

    /// <summary><see cref="IsActiveOn"/> as a query predicate: the same rule, <see cref="SubjectRules.ActiveOn"/>.</summary>
    public static Expression<Func<Subject, bool>> ActiveOn(DateOnly day) => SubjectRules.ActiveOn(day);
}
