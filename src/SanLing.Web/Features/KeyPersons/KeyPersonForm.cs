using SanLing.Domain.KeyPopulations;

namespace SanLing.Web.Features.KeyPersons;

/// <summary>
/// What the key-person form posts. The ID number is write-only: the form never shows it, and when editing an
/// empty field means "unchanged".
/// </summary>
public sealed class KeyPersonForm
{
    public string? Number { get; set; }
    public string? Name { get; set; }
    public string? IdNumber { get; set; }
    public string? SubjectCode { get; set; }
    public KeyPersonCategory? Category { get; set; }
    public DateOnly? ListedOn { get; set; }
    public DateOnly? DelistedOn { get; set; }
    public bool HasAssistancePlan { get; set; }
    public string? AssistancePlan { get; set; }
    public string? HelperName { get; set; }
    public Guid Version { get; set; }
}

/// <summary>The form with the record's id (null when creating) and the masked number on file.</summary>
public sealed record KeyPersonEditor(KeyPersonForm Form, int? Id, string? IdNumberMasked);
/// <summary>帮教记录: date, by whom, what was done.</summary>
public sealed class FollowUpForm
{
    public DateOnly? VisitedOn { get; set; }
    public string? VisitedBy { get; set; }
    public string? Note { get; set; }
}
