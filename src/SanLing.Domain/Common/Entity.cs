namespace SanLing.Domain.Common;

/// <summary>Base of every record: an id, the town it belongs to, audit fields and a concurrency token.</summary>
public abstract class Entity
{
    public int Id { get; set; }

    /// <summary>Every record belongs to exactly one town; queries never mix towns.</summary>
    public int TownId { get; set; }

    /// <summary>Renewed by the data layer on every save; a stale edit is refused (SQLite has no rowversion).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
