using SanLing.Web.Features.Dashboard;

namespace SanLing.Web.Features.Counties;

/// <summary>
/// The stored run a town shows for a year (its latest published run, or the current year's as-of run) and its counts by
/// group, with the targets of the rule set the run used.
/// </summary>
public sealed record TownRun(
    int RunId,
    int Year,
    DateOnly AsOf,
    DateTimeOffset RunAt,
    bool IsProvisional,
    string RuleSetName,
    VerdictCounts VillageCommunity,
    VerdictCounts EnterpriseUnit,
    decimal VillageCommunityTarget,
    decimal EnterpriseUnitTarget)
{
    public VerdictCounts All => new(VillageCommunity.Compliant + EnterpriseUnit.Compliant,
        VillageCommunity.NonCompliant + EnterpriseUnit.NonCompliant, VillageCommunity.Pending + EnterpriseUnit.Pending);

    public bool VillageCommunityMet => VillageCommunity.Rate is { } r && r >= VillageCommunityTarget;

    public bool EnterpriseUnitMet => EnterpriseUnit.Rate is { } r && r >= EnterpriseUnitTarget;

    /// <summary>
    /// What the ranking orders by: the share of 达标 of a whole-year run; of a provisional run, the share of 不达标
    /// (lower is better), since its pending subjects may still comply and must not read as failing.
    /// </summary>
    public decimal RankingKey => IsProvisional
        ? All.Subjects == 0 ? 0m : -(decimal)All.NonCompliant / All.Subjects
        : All.Rate ?? 0m;
}

/// <summary>
/// A town of the county in the year shown: its run (null: 尚无评定) and its place in the ranking. A town without a run of
/// the year shows its latest published run of an earlier year (<see cref="EarlierPublished"/>), marked with its year and
/// counted in neither the year's figures nor its ranking.
/// </summary>
public sealed record TownStanding(CountyTown Town, TownRun? Run, int? Rank)
{
    public TownRun? EarlierPublished { get; init; }
}

/// <summary>One year of the county's trend: the sums of the towns' published runs of that year.</summary>
public sealed record CountyTrendPoint(int Year, int Towns, VerdictCounts VillageCommunity, VerdictCounts EnterpriseUnit);

/// <summary>A town's monthly inspection completeness of the year and its open and overdue 督办 orders (counts only).</summary>
public sealed record TownWork(CountyTown Town, IReadOnlyList<MonthInspections> Months, int Submitted, int Expected, int OpenOrders, int OverdueOrders)
{
    /// <summary>The year so far: submitted ÷ expected over the months whose due date has passed.</summary>
    public decimal? Rate => Expected == 0 ? null : Math.Min(1m, (decimal)Submitted / Expected);

    public string RateText => VerdictCounts.Percent(Rate);
}

/// <summary>The county dashboard: the county's figures (the sums of its towns' stored runs), each town's, the trend and the work.</summary>
public sealed record CountyDashboard(
    int CountyId,
    string CountyName,
    int Year,
    IReadOnlyList<int> Years,
    IReadOnlyList<int> ProvisionalYears,
    VerdictCounts VillageCommunity,
    VerdictCounts EnterpriseUnit,
    decimal VillageCommunityTarget,
    decimal EnterpriseUnitTarget,
    IReadOnlyList<TownStanding> Towns,
    IReadOnlyList<CountyTrendPoint> Trend,
    IReadOnlyList<TownWork> Work)
{
    /// <summary>Some town of the county has a run for the year shown.</summary>
    public bool HasRun => Towns.Any(t => t.Run is not null);

    /// <summary>A town's run of the year is provisional (预评): the county shows counts, no rates, no target verdict.</summary>
    public bool IsProvisional => Towns.Any(t => t.Run is { IsProvisional: true });

    /// <summary>The earliest cut-off of the towns' provisional runs (the badge's date).</summary>
    public DateOnly? AsOf => Towns.Where(t => t.Run is { IsProvisional: true }).Select(t => (DateOnly?)t.Run!.AsOf).Min();

    public bool VillageCommunityMet => VillageCommunity.Rate is { } r && r >= VillageCommunityTarget;

    public bool EnterpriseUnitMet => EnterpriseUnit.Rate is { } r && r >= EnterpriseUnitTarget;

    /// <summary>The towns whose runs used different targets: each town is measured against its own, the county against the strictest.</summary>
    public bool TargetsDiffer { get; init; }

    /// <summary>The town the county user reads now (its switch button is highlighted).</summary>
    public int? TownRead { get; init; }
}
