using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Subjects;

/// <summary>What the create/edit form posts. Town and id are never bound from it.</summary>
public sealed class SubjectForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public SubjectKind? Kind { get; set; }
    public int? TerritoryId { get; set; }
    public string? PrincipalName { get; set; }
    public string? LeaderInChargeName { get; set; }
    public string? ContactPerson { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    public DateOnly? DissolvedOn { get; set; }

    /// <summary>The concurrency token the form was loaded with; a stale one is refused on save.</summary>
    public Guid Version { get; set; }
}

/// <summary>The form, the record it edits (null when creating) and the territory choices.</summary>
public sealed record SubjectEditor(SubjectForm Form, int? Id, IReadOnlyList<Option> Territories);
