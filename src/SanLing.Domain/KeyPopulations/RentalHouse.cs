using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.KeyPopulations;

/// <summary>出租屋: a rental house and its floating population.</summary>
public class RentalHouse : Entity
{
    public required string Number { get; set; }
    public int SubjectId { get; set; }
    public Subject? Subject { get; set; }
    [Personal]
    public required string Address { get; set; }

    [Personal]
    public string? Landlord { get; set; }
    public int TenantCount { get; set; }

    /// <summary>是否登记备案.</summary>
    public bool IsRegistered { get; set; }
    public DateOnly? RegisteredOn { get; set; }

    public bool IsRegisteredBy(DateOnly day) => IsRegistered && RegisteredOn is { } d && d <= day;
}
