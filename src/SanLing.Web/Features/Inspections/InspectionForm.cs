using Microsoft.AspNetCore.Mvc.ModelBinding;
using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Web.Features.Photos;

namespace SanLing.Web.Features.Inspections;

/// <summary>What the inspection form posts. Which grid and month it is for is checked against the user's scope on the server.</summary>
public sealed class InspectionForm
{
    public const string SaveDraft = "draft";
    public const string Submit = "submit";
    public const string AddRow = "add-row";

    public int SubjectId { get; set; }
    public int? GridId { get; set; }
    public string? Month { get; set; }
    public DateOnly? InspectedOn { get; set; }
    public string? Inspector { get; set; }

    /// <summary>本月未发现问题: an explicit answer.</summary>
    public bool NothingFound { get; set; }

    /// <summary>记录拍摄位置: keep the photos' GPS position (latitude/longitude only); otherwise it is dropped.</summary>
    public bool RecordLocation { get; set; }

    public Guid Version { get; set; }
    public List<FindingForm> Findings { get; set; } = [];

    /// <summary>
    /// A key the form page generated: a post whose key the town already holds is answered "already received" and
    /// writes nothing (an offline submit sent when the connection returns, a double tap).
    /// </summary>
    public string? SubmissionKey { get; set; }

    /// <summary>Which button was pressed: save a draft, submit, or add an empty finding row.</summary>
    public string? Command { get; set; }

    public IEnumerable<FindingForm> FilledFindings => Findings.Where(f => !f.IsBlank);
}

public sealed class FindingForm
{
    public int? Id { get; set; }
    public Guid Version { get; set; }
    public FindingType? Type { get; set; }
    public DisputeCategory? DisputeCategory { get; set; }
    public HazardCategory? HazardCategory { get; set; }
    public string? Description { get; set; }
    public string? Parties { get; set; }
    public bool RiskOfCriminalEscalation { get; set; }
    public bool RiskOfGroupIncident { get; set; }
    public RiskLevel? RiskLevel { get; set; }
    public DateOnly? RectifyBy { get; set; }
    public FindingStatus? Status { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public ResolutionMethod? ResolutionMethod { get; set; }

    /// <summary>Ticked on an existing finding entered by mistake.</summary>
    public bool Remove { get; set; }

    /// <summary>整改前: photos of the problem as found (camera), sent with this post.</summary>
    public List<IFormFile> Photos { get; set; } = [];

    /// <summary>整改后: photos of a hazard rectified.</summary>
    public List<IFormFile> AfterPhotos { get; set; } = [];

    /// <summary>The photos already saved (shown as thumbnails; not posted).</summary>
    [BindNever]
    public IReadOnlyList<PhotoLink> Saved { get; set; } = [];

    /// <summary>This post's photos, checked and written, for the save to record.</summary>
    [BindNever]
    public List<StagedPhoto> Staged { get; } = [];

    public IEnumerable<(IFormFile File, PhotoStage Stage)> Uploads =>
        Photos.Select(f => (f, PhotoStage.Before)).Concat(AfterPhotos.Select(f => (f, PhotoStage.After)));

    /// <summary>An untouched empty row (the form always offers one): ignored.</summary>
    public bool IsBlank => Id is null && Photos.Count == 0 && AfterPhotos.Count == 0 && Type is null && string.IsNullOrWhiteSpace(Description) && DisputeCategory is null
        && HazardCategory is null && string.IsNullOrWhiteSpace(Parties) && RiskLevel is null && RectifyBy is null && ClosedOn is null;
}
