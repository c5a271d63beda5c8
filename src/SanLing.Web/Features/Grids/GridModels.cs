using Microsoft.AspNetCore.Identity;

namespace SanLing.Web.Features.Grids;

public sealed class GridFilter : IPagedFilter
{
    public string? Q { get; set; }
    public string? Subject { get; set; }
    public int? TerritoryId { get; set; }

    /// <summary>Only grids without a grid worker (item 7.1 fails for their village/community).</summary>
    public bool NoWorker { get; set; }
    public int? Page { get; set; }
}

public sealed record GridRow(
    int Id, string Code, string Name, int SubjectId, string SubjectCode, string SubjectName, string? WorkerName, string? WorkerPhone,
    string? WorkerUserName, Guid Version);

public sealed class GridForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? SubjectCode { get; set; }
    public string? WorkerName { get; set; }
    public string? WorkerPhone { get; set; }

    /// <summary>The grid worker's portal account (user name), so that they can submit this grid's inspections.</summary>
    public string? WorkerUserName { get; set; }
    public Guid Version { get; set; }
}

