using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Appeals;

/// <summary>An appeal as filed (multipart: reason, disputed items, evidence files).</summary>
public sealed class AppealForm
{
    public int RunId { get; set; }
    public int SubjectId { get; set; }
    public List<string> Items { get; set; } = [];
    public bool AgainstVeto { get; set; }
    public string? Reason { get; set; }
    public List<IFormFile> Files { get; set; } = [];
}

/// <summary>The office's decision: a reason to reject (required), a note when upheld (optional).</summary>
public sealed class DecisionForm
{
    public string? Decision { get; set; }
    public Guid Version { get; set; }
}

/// <summary>The 公示 period of a published run and where to appeal (kept in the model for the printed notice).</summary>
public sealed record AppealNotice(DateOnly FirstDay, DateOnly LastDay, int Days, bool IsOpen);

public sealed record AppealableItem(string Code, string Title, ItemVerdict Verdict, string Reason, string? ReasonData);

/// <summary>The appellant's page: the published result open to appeal (if any) and the subject's appeals with their decisions.</summary>
public sealed record MyAppealsPage(
    int SubjectId,
    string SubjectCode,
    string SubjectName,
    SubjectKind Kind,
    int? RunId,
    int? Year,
    AppealNotice? Notice,
    SubjectVerdict? Verdict,
    bool IsVetoed,
    IReadOnlyList<AppealableItem> Items,
    bool MayFile,
    string? WhyNot,
    AppealForm Form,
    IReadOnlyList<AppealRow> Appeals);

public sealed record AppealRow(
    int Id,
    int SubjectId,
    string SubjectCode,
    string SubjectName,
    int Year,
    int RunId,
    DateOnly FiledOn,
    AppellantRole FiledAs,
    IReadOnlyList<string> ItemCodes,
    bool AgainstVeto,
    AppealStatus Status,
    string? Decision,
    DateOnly? DecidedOn,
    int? CorrectionRunId);

public sealed record AppealItemView(string Code, string Title, ItemVerdict Before, ItemVerdict? After);

public sealed record EvidenceLine(int Id, string FileName, string ContentType, long Length);

public sealed record AppealDetails(
    AppealRow Appeal,
    string Reason,
    string FiledBy,
    SubjectKind Kind,
    SubjectVerdict VerdictBefore,
    SubjectVerdict? VerdictAfter,
    bool VetoBefore,
    bool? VetoAfter,
    IReadOnlyList<AppealItemView> Items,
    IReadOnlyList<EvidenceLine> Evidence,
    string? DecidedBy,
    Guid Version,
    bool IsOffice,
    IReadOnlyList<string> AttestedItemCodes);

public sealed record AppealQueuePage(IReadOnlyList<AppealRow> Rows, AppealStatus? Status, int Waiting);
