using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.Attestations;

/// <summary>The attestation overview's filters, bound from the query string.</summary>
public sealed class AttestationFilter
{
    public int? Year { get; set; }

    /// <summary>A subject's code or name (part of it).</summary>
    public string? Q { get; set; }
    public SubjectKind? Kind { get; set; }
    public int? TerritoryId { get; set; }

    /// <summary>Only subjects with attested (A) items still pending.</summary>
    public bool Pending { get; set; }
    public int? Page { get; set; }
}

/// <summary>One subject of a year: how many of its A items are attested.</summary>
public sealed record AttestationProgressRow(int SubjectId, string Code, string Name, SubjectKind Kind, string? TerritoryName, int ItemCount, int AttestedCount)
{
    public bool IsComplete => AttestedCount >= ItemCount;
}

public sealed record AttestationListPage(
    AttestationFilter Filter, int Year, string? RuleSetName, IReadOnlyList<AttestationProgressRow> Rows, PageInfo Paging, IReadOnlyList<Option> Territories);

/// <summary>An attested item of the rule set, as it applies to one kind of subject.</summary>
public sealed record AttestedItem(string Code, int Standard, string Title, bool AllowsNotApplicable, int SortOrder);

/// <summary>One line of the grid: the item and what is on file for it.</summary>
public sealed record AttestationGridLine(
    AttestedItem Item, int? AttestationId, AttestationResult? Result, string? Note, string? EvidenceFileName, Guid? Version);

public sealed record AttestationGridPage(
    int SubjectId, string SubjectCode, string SubjectName, SubjectKind Kind, int Year, string RuleSetName, IReadOnlyList<AttestationGridLine> Lines);

/// <summary>An evidence file on file: its generated stored name, content type and the user's original name.</summary>
public sealed record StoredEvidence(string StoredName, string ContentType, string FileName);

/// <summary>
/// 批量评定: the subjects ticked on the overview (<see cref="SubjectIds"/>), or with <see cref="All"/> every subject the
/// overview's filter finds (a whole village, a whole kind), whose A items without a judgement become 达标 for the year.
/// </summary>
public sealed class BulkAttestationForm
{
    public int Year { get; set; }
    public List<int> SubjectIds { get; set; } = [];
    public bool All { get; set; }

    // The overview's filter, for All (and to come back to the same list).
    public string? Q { get; set; }
    public SubjectKind? Kind { get; set; }
    public int? TerritoryId { get; set; }
}

/// <summary>What a bulk attestation did: the subjects it looked at, the items it set to 达标 and those already judged (left alone).</summary>
public sealed record BulkAttestationOutcome(int Subjects, int Set, int LeftAlone);
