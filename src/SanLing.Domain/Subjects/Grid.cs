using SanLing.Domain.Common;

namespace SanLing.Domain.Subjects;

/// <summary>
/// A grid (网格) of a village/community, or a workshop/team (车间、班组、站所、科队) of an
/// enterprise/unit: the unit of the monthly inspection.
/// </summary>
public class Grid : Entity
{
    public required string Code { get; set; }
    public required string Name { get; set; }

    public int SubjectId { get; set; }
    public Subject? Subject { get; set; }

    /// <summary>The grid worker's name (网格员) as the office records it; empty means no worker (7.1 fails).</summary>
    [Personal]
    public string? WorkerName { get; set; }

    [Personal]
    public string? WorkerPhone { get; set; }

    /// <summary>The worker's portal account, when they have one: it may submit this grid's inspection.</summary>
    public string? WorkerUserId { get; set; }

    public bool HasWorker => !string.IsNullOrWhiteSpace(WorkerName) || WorkerUserId is not null;
}
