using SanLing.Domain.Ledgers;

namespace SanLing.Web.Features.Petitions;

/// <summary>What the petition form posts; the subject is given by its code and resolved within the user's scope.</summary>
public sealed class PetitionForm
{
    public string? Number { get; set; }
    public string? SubjectCode { get; set; }
    public DateOnly? FiledOn { get; set; }
    public PetitionKind? Kind { get; set; }
    public int? PetitionerCount { get; set; } = 1;
    public string? Matter { get; set; }
    public string? LeaderInCharge { get; set; }
    public PetitionStatus? Status { get; set; } = PetitionStatus.Received;
    public DateOnly? ResolvedOn { get; set; }
    public bool IsImpactful { get; set; }
    public bool IsMajor { get; set; }
    public Guid Version { get; set; }
}

public sealed record PetitionEditor(PetitionForm Form, int? Id);
/// <summary>One-tap "已化解" with its date.</summary>
public sealed class ResolveForm
{
    public DateOnly? ResolvedOn { get; set; }
    public Guid Version { get; set; }
}
