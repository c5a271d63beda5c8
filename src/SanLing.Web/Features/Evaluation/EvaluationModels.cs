using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Evaluation;

namespace SanLing.Web.Features.Evaluation;

/// <summary>One stored run in the list, with its counts.</summary>
public sealed record RunRow(int Id, int Year, DateOnly AsOf, DateTimeOffset RunAt, string? RunBy, bool IsPublished, DateTimeOffset? PublishedAt,
    int Subjects, int Compliant, int Pending, Guid Version, EvaluationRunKind Kind = EvaluationRunKind.Annual)
{
    public bool IsFullYear => AsOf == new DateOnly(Year, 12, 31);

    /// <summary>A published run's 公示 period and where to appeal (the 公示 notice).</summary>
    public Appeals.AppealNotice? AppealNotice { get; init; }

    /// <summary>The appeal this run answers (a corrected result), if any.</summary>
    public int? AnswersAppealId { get; init; }

    /// <summary>预评: the current year as of a date; never published, no rate against last year.</summary>
    public bool IsProvisional => Kind == EvaluationRunKind.AsOf;
}

public sealed record RunListPage(IReadOnlyList<RunRow> Runs, RunForm Form, bool CanRun);

/// <summary>The office's request to evaluate a year (as of a date for the current year).</summary>
public sealed class RunForm
{
    public int? Year { get; set; }
    public DateOnly? AsOf { get; set; }
}

/// <summary>Filters of the subject list of a run.</summary>
public sealed class ResultFilter
{
    public SubjectVerdict? Verdict { get; set; }
    public SubjectKind? Kind { get; set; }
    public int? TerritoryId { get; set; }
    public int? Page { get; set; }
}

public sealed record SubjectResultRow(int SubjectId, string Code, string Name, SubjectKind Kind, string? TerritoryName,
    SubjectVerdict Verdict, int ConsecutiveCompliantYears, Honour Honour, bool IsVetoed, IReadOnlyList<string> FailedItems, IReadOnlyList<string> PendingItems);

/// <summary>A rate with last year's rate beside it.</summary>
public sealed record RateWithTrend(RateRow Row, decimal? PreviousRate)
{
    public decimal? Change => Row.Rate is { } r && PreviousRate is { } p ? r - p : null;
}

public sealed record ResultsPage(
    RunRow Run,
    string RuleSetName,
    IReadOnlyList<RateWithTrend> Groups,
    IReadOnlyList<RateWithTrend> Kinds,
    IReadOnlyList<RateWithTrend> Territories,
    int? PreviousYearRunId,
    int? PreviousRunSameYearId,
    ResultFilter Filter,
    IReadOnlyList<SubjectResultRow> Subjects,
    PageInfo Paging,
    IReadOnlyList<(int Id, string Name)> TerritoryOptions,
    bool CanPublish)
{
    /// <summary>Results this run carries because appeals were upheld (the final list's "changed on appeal").</summary>
    public IReadOnlyList<AppealLine> ChangedOnAppeal { get; init; } = [];

    /// <summary>The rule set's item titles by code, shown beside the codes.</summary>
    public IReadOnlyDictionary<string, string> ItemTitles { get; init; } = new Dictionary<string, string>();

    /// <summary>The run used the town's copy of a county rule set (else the town's own set or variant).</summary>
    public bool RuleSetFromCounty { get; init; }

    /// <summary>Of a county set's copy: the county's revision of the year's set the run used (0: as first published).</summary>
    public int RuleSetCountyRevision { get; init; }
}

public sealed record ItemCardRow(string Code, string Title, ItemVerdict Verdict, string Reason, string? ReasonData);

public sealed record SubjectCard(RunRow Run, string Code, string Name, SubjectKind Kind, string? TerritoryName, SubjectVerdict Verdict,
    int ConsecutiveCompliantYears, Honour Honour, bool IsVetoed, IReadOnlyList<ItemCardRow> Items)
{
    public int SubjectId { get; init; }
}

public sealed record ListsPage(RunRow Run, IReadOnlyList<ResultLine> Honours, IReadOnlyList<ResultLine> Vetoed, IReadOnlyList<IncidentLine> Incidents)
{
    public IReadOnlyList<AppealLine> ChangedOnAppeal { get; init; } = [];
}

public sealed record VerdictChange(string Code, string Name, SubjectKind Kind, SubjectVerdict? Before, SubjectVerdict? After, IReadOnlyList<(string Code, ItemVerdict? Before, ItemVerdict? After)> Items);

public sealed record ComparePage(RunRow Run, RunRow? Previous, IReadOnlyList<VerdictChange> Changes)
{
    public IReadOnlyDictionary<string, string> ItemTitles { get; init; } = new Dictionary<string, string>();
}

/// <summary>A provisional run shows its counts (pending apart from failing) but no rate: pending is not a fall to 0 %.</summary>
public sealed record RateTableModel(string Id, string Caption, IReadOnlyList<RateWithTrend> Rows, bool ShowTarget, bool Provisional = false);
