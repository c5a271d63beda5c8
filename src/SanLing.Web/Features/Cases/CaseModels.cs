using SanLing.Domain.Ledgers;

namespace SanLing.Web.Features.Cases;

public sealed class CaseFilter : LedgerFilter
{
    public CaseKind? Kind { get; set; }

    /// <summary>Only cases whose offender is a registered key person (item 4.2).</summary>
    public bool KeyPersonOffender { get; set; }
}

public sealed record CaseRow(
    int Id, string Number, DateOnly OccurredOn, int SubjectId, string SubjectCode, string SubjectName, CaseKind Kind,
    string? Facts, int? OffenderId, string? OffenderNumber, bool IsImpactful, bool IsMajor, Guid Version);

public sealed class CaseForm
{
    public string? Number { get; set; }
    public string? SubjectCode { get; set; }
    public DateOnly? OccurredOn { get; set; }
    public CaseKind? Kind { get; set; }
    public string? Facts { get; set; }

    /// <summary>涉事重点人员编号: empty, or a registered key person's number.</summary>
    public string? OffenderNumber { get; set; }
    public bool IsImpactful { get; set; }
    public bool IsMajor { get; set; }
    public Guid Version { get; set; }
}

