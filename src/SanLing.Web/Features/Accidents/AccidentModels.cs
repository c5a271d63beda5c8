using SanLing.Domain.Ledgers;

namespace SanLing.Web.Features.Accidents;

public sealed class AccidentFilter : LedgerFilter
{
    public AccidentCategory? Category { get; set; }

    /// <summary>Only accidents with deaths or injuries.</summary>
    public bool Casualties { get; set; }
}

public sealed record AccidentRow(
    int Id, string Number, DateOnly OccurredOn, int SubjectId, string SubjectCode, string SubjectName, AccidentCategory Category,
    int Deaths, int Injuries, decimal Loss, string? Summary, bool IsImpactful, bool IsMajor, Guid Version);

public sealed class AccidentForm
{
    public string? Number { get; set; }
    public string? SubjectCode { get; set; }
    public DateOnly? OccurredOn { get; set; }
    public AccidentCategory? Category { get; set; }
    public int? Deaths { get; set; } = 0;
    public int? Injuries { get; set; } = 0;
    public decimal? Loss { get; set; } = 0;
    public string? Summary { get; set; }
    public bool IsImpactful { get; set; }
    public bool IsMajor { get; set; }
    public Guid Version { get; set; }
}

