using System.Globalization;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Dashboard;

/// <summary>达标/不达标/待评定 counts of a set of subjects in a run; the rate counts 达标 only, over all subjects of the run.</summary>
public sealed record VerdictCounts(int Compliant, int NonCompliant, int Pending)
{
    public static VerdictCounts Empty { get; } = new(0, 0, 0);

    public int Subjects => Compliant + NonCompliant + Pending;

    public decimal? Rate => Subjects == 0 ? null : (decimal)Compliant / Subjects;

    public VerdictCounts Add(SubjectVerdict verdict, int count) => verdict switch
    {
        SubjectVerdict.Compliant => this with { Compliant = Compliant + count },
        SubjectVerdict.NonCompliant => this with { NonCompliant = NonCompliant + count },
        _ => this with { Pending = Pending + count },
    };

    /// <summary>"88.0%", or "—" when the run has no subject of this kind.</summary>
    public string RateText => Percent(Rate);

    public static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
}

/// <summary>One target group's standing: its counts against its target.</summary>
public sealed record GroupStanding(SubjectGroup Group, VerdictCounts Counts, decimal Target)
{
    public bool Met => Counts.Rate is { } r && r >= Target;
}

/// <summary>One year's point of the trend (the latest published run of that year).</summary>
public sealed record TrendPoint(int Year, int RunId, VerdictCounts VillageCommunity, VerdictCounts EnterpriseUnit, decimal VillageCommunityTarget, decimal EnterpriseUnitTarget);

/// <summary>A territory (村/社区 with the enterprises and units in it): its own verdict and the counts of all its subjects.</summary>
public sealed record TerritoryStanding(int TerritoryId, string Code, string Name, SubjectVerdict? OwnVerdict, VerdictCounts EnterpriseUnit, VerdictCounts All);

/// <summary>三零 counts of one month: new petitions, accidents and cases.</summary>
public sealed record MonthIncidents(int Month, int Petitions, int Accidents, int Cases);

/// <summary>Inspection completeness of one month: submitted ÷ expected.</summary>
public sealed record MonthInspections(int Month, int Submitted, int Expected)
{
    public decimal? Rate => Expected == 0 ? null : Math.Min(1m, (decimal)Submitted / Expected);

    public string RateText => VerdictCounts.Percent(Rate);
}

public sealed record HonourCount(Honour Honour, int Count);

public sealed record TerritoryOption(int Id, string Code, string Name);

/// <summary>The leadership dashboard (领导驾驶舱): one published run and the year's facts around it.</summary>
public sealed record LeadershipDashboard(
    int? Year,
    int? RunId,
    DateOnly? AsOf,
    IReadOnlyList<int> Years,
    int? TerritoryId,
    string? TerritoryName,
    IReadOnlyList<TerritoryOption> Territories,
    IReadOnlyList<GroupStanding> Groups,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<TerritoryStanding> ByTerritory,
    IReadOnlyList<MonthIncidents> Incidents,
    IReadOnlyList<MonthInspections> Inspections,
    IReadOnlyList<HonourCount> Honours,
    int Vetoed)
{
    public bool HasRun => RunId is not null;

    /// <summary>督办 orders escalated past their red card to the subject's 第一责任人 (a count only: leadership sees no names).</summary>
    public int EscalatedOrders { get; init; }

    /// <summary>The run shown is the current year's provisional one (预评): counts without rates, no target verdict.</summary>
    public bool IsProvisional { get; init; }

    /// <summary>Years in the selector whose run is provisional (labelled 预评).</summary>
    public IReadOnlyList<int> ProvisionalYears { get; init; } = [];
}

/// <summary>Filter of the drill-down list of a run's subjects.</summary>
public sealed record ResultFilter
{
    public int? TerritoryId { get; init; }
    public SubjectGroup? Group { get; init; }
    public SubjectVerdict? Verdict { get; init; }
    public Honour? Honour { get; init; }
    public bool Vetoed { get; init; }
    public int? Page { get; init; }
}

public sealed record ResultRow(int SubjectId, string Code, string Name, SubjectKind Kind, string? TerritoryName, SubjectVerdict Verdict, int ConsecutiveCompliantYears, Honour Honour, bool IsVetoed);

public sealed record ResultListPage(int RunId, int Year, DateOnly AsOf, ResultFilter Filter, string? TerritoryName, VerdictCounts Counts, IReadOnlyList<ResultRow> Rows, Shared.PageInfo Paging)
{
    public bool IsProvisional { get; init; }
}

public sealed record ItemRow(string Code, string Title, ItemVerdict Verdict, string Reason, string? ReasonData);

public sealed record SubjectCard(int RunId, int Year, DateOnly AsOf, ResultRow Result, IReadOnlyList<ItemRow> Items)
{
    public bool IsProvisional { get; init; }
}

/// <summary>The office's work of today: each figure is a number that opens its list.</summary>
public sealed record OfficeDashboard(
    DateOnly Today,
    DateOnly InspectionMonth,
    int MissingInspections,
    int OverdueHazards,
    int RiskyDisputes,
    int BacklogPetitions,
    int AttestationYear,
    int PendingAttestations,
    int Warnings)
{
    /// <summary>Escalated disputes waiting for 受理.</summary>
    public int EscalatedWaiting { get; init; }

    /// <summary>Appeals (申诉) waiting for the office's review.</summary>
    public int AppealsWaiting { get; init; }

    public Supervision.SupervisionCounts Orders { get; init; } = new(0, 0, 0, 0, 0);
}
