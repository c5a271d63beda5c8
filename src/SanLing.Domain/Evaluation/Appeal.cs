using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Evaluation;

public enum AppealStatus
{
    Filed = 1,     // 待复核
    Upheld = 2,    // 申诉成立
    Rejected = 3,  // 申诉不成立
}

/// <summary>Who filed: the subject's own liaison, or the grid worker of a village/community for it.</summary>
public enum AppellantRole
{
    Liaison = 1,     // 单位联络员
    GridWorker = 2,  // 村（社区）网格员
}

/// <summary>
/// 申诉复核: during the 公示 period of a published run the subject's side disputes item verdicts or the 一票否优, with a
/// reason and evidence; the office upholds it (corrects the data, re-evaluates the subject into a new run that records
/// this appeal in <see cref="EvaluationRun.AnswersAppealId"/>) or rejects it with a reason. Rules in <see cref="AppealRules"/>.
/// </summary>
public class Appeal : Entity
{
    /// <summary>The published run appealed against (kept unchanged whatever the decision).</summary>
    public int RunId { get; set; }
    public EvaluationRun? Run { get; set; }

    public int SubjectId { get; set; }
    public Subject? Subject { get; set; }

    public AppellantRole FiledAs { get; set; }
    public required string FiledByUserId { get; set; }
    public required string FiledBy { get; set; }
    public DateOnly FiledOn { get; set; }

    /// <summary>申诉理由.</summary>
    public required string Reason { get; set; }

    /// <summary>The 一票否优 is disputed.</summary>
    public bool AgainstVeto { get; set; }

    /// <summary>The subject's verdict in the appealed run, and in the corrected run once upheld.</summary>
    public SubjectVerdict VerdictBefore { get; set; }
    public SubjectVerdict? VerdictAfter { get; set; }
    public bool VetoBefore { get; set; }
    public bool? VetoAfter { get; set; }

    public AppealStatus Status { get; set; } = AppealStatus.Filed;

    /// <summary>复核意见: why rejected (required), or what was corrected (optional).</summary>
    public string? Decision { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecidedBy { get; set; }

    /// <summary>The new run that answers this appeal (upheld only).</summary>
    public int? CorrectionRunId { get; set; }

    public List<AppealItem> Items { get; set; } = [];
    public List<AppealEvidence> Evidence { get; set; } = [];
}

/// <summary>One disputed item verdict: as the appealed run had it, and as the corrected run has it.</summary>
public class AppealItem : Entity
{
    public int AppealId { get; set; }
    public required string ItemCode { get; set; }
    public ItemVerdict Before { get; set; }
    public ItemVerdict? After { get; set; }
}

/// <summary>An evidence file, stored outside the web root under <see cref="StoredName"/> (generated, never from a request).</summary>
public class AppealEvidence : Entity
{
    public int AppealId { get; set; }
    public required string FileName { get; set; }
    public required string StoredName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
}
