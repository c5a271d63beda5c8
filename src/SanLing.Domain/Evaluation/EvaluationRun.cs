using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Evaluation;

public enum SubjectVerdict
{
    Compliant = 1,     // 达标
    NonCompliant = 2,  // 不达标
    Pending = 3,       // 待评定
}

public enum ItemVerdict
{
    Pass = 1,           // 达标
    Fail = 2,           // 不达标
    Pending = 3,        // 待评定
    NotApplicable = 4,  // 不适用
}

/// <summary>A whole year (publishable), or the current year as of a date (预评: provisional, never published).</summary>
public enum EvaluationRunKind
{
    Annual = 1,  // 全年评定
    AsOf = 2,    // 预评（截至某日）
}

public enum Honour
{
    None = 0,
    Named = 1,               // 命名表彰
    TownCommendation = 2,    // 通报表扬
    RecommendedToCity = 3,   // 推荐市级以上表彰
}

/// <summary>
/// A stored evaluation of one year (or of the current year as of a date): who ran it, with which rule set,
/// and every subject's verdict with its reasons, so results stay stable when data changes later.
/// </summary>
public class EvaluationRun : Entity
{
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }

    /// <summary>Annual, or a provisional as-of run of the current year (kept only as the latest per year, never published).</summary>
    public EvaluationRunKind Kind { get; set; } = EvaluationRunKind.Annual;
    public int RuleSetId { get; set; }
    public DateTimeOffset RunAt { get; set; }
    public string? RunBy { get; set; }

    /// <summary>公示: leadership sees published runs only.</summary>
    public bool IsPublished { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>
    /// A run made to answer an upheld appeal: the appealed run's results with the appellant's subject re-evaluated; it
    /// keeps that run's 公示 (published flag and date), while the appealed run stays as it was.
    /// </summary>
    public int? AnswersAppealId { get; set; }

    public List<EvaluationResult> Results { get; set; } = [];

    /// <summary>The kind a run of this cut-off is: 31 Dec makes it annual, any earlier day provisional.</summary>
    public static EvaluationRunKind KindFor(int year, DateOnly asOf) =>
        asOf >= new DateOnly(year, 12, 31) ? EvaluationRunKind.Annual : EvaluationRunKind.AsOf;

    /// <summary>Only a whole year's run may be published: a provisional one would show pending subjects as failing.</summary>
    public bool CanBePublished => Kind == EvaluationRunKind.Annual;

    /// <summary>公示. Refused for a provisional (as-of) run; false when it was published already.</summary>
    public bool Publish(DateTimeOffset at, string? by)
    {
        if (!CanBePublished)
        {
            throw new InvalidOperationException(NotPublishable);
        }
        if (IsPublished)
        {
            return false;
        }
        IsPublished = true;
        PublishedAt = at;
        PublishedBy = by;
        return true;
    }

    /// <summary>Why a provisional run is not published (also the key of the web's resource file).</summary>
    public const string NotPublishable = "预评结果（截至某日的评定）不能公示，只有全年评定可以公示。";

    /// <summary>How many as-of runs of a year are kept: the latest only, so nightly refreshes do not grow the database.</summary>
    public const int AsOfRunsKept = 1;
}

/// <summary>One subject's result in a run.</summary>
public class EvaluationResult
{
    public long Id { get; set; }
    public int RunId { get; set; }
    public int SubjectId { get; set; }
    public Subject? Subject { get; set; }
    public SubjectKind Kind { get; set; }
    public int? TerritoryId { get; set; }
    public SubjectVerdict Verdict { get; set; }
    public int ConsecutiveCompliantYears { get; set; }
    public Honour Honour { get; set; }

    /// <summary>一票否优: an impactful incident in the year.</summary>
    public bool IsVetoed { get; set; }

    public List<EvaluationItemResult> Items { get; set; } = [];
}

/// <summary>One item's verdict for one subject, with its reason and the facts behind it.</summary>
public class EvaluationItemResult
{
    /// <summary>The stored Chinese reason's limit; a longer one is cut with "…".</summary>
    public const int ReasonMaxLength = 2000;

    /// <summary>The stored coded reason's limit; a longer one is not stored (readers fall back to the Chinese text).</summary>
    public const int ReasonDataMaxLength = 4000;

    public long Id { get; set; }
    public long ResultId { get; set; }
    public required string ItemCode { get; set; }
    public ItemVerdict Verdict { get; set; }
    /// <summary>The reason in Chinese, as the office reads and exports it (and as runs before <see cref="ReasonData"/> stored it).</summary>
    public required string Reason { get; set; }

    /// <summary>The same reason as codes with parameters (JSON), rendered in the reader's language; null on older runs.</summary>
    public string? ReasonData { get; set; }
}
