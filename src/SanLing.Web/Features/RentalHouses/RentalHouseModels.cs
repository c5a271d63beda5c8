using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.RentalHouses;

/// <summary>The rental-house list's filters, bound from the query string.</summary>
public sealed class RentalHouseFilter
{
    /// <summary>Number, address or landlord (part of it).</summary>
    public string? Q { get; set; }

    /// <summary>A subject's code or name (part of it).</summary>
    public string? Subject { get; set; }
    public int? TerritoryId { get; set; }
    public bool? Registered { get; set; }
    public string? Sort { get; set; }
    public int? Page { get; set; }
}

public sealed record RentalHouseRow(
    int Id, string Number, string Address, string? Landlord, int TenantCount, string SubjectCode, string SubjectName, bool IsRegistered, DateOnly? RegisteredOn);

/// <param name="Unregistered">Houses of the user's scope not registered, whatever the filter (each fails its village's 4.3).</param>
public sealed record RentalHouseListPage(RentalHouseFilter Filter, IReadOnlyList<RentalHouseRow> Rows, PageInfo Paging, IReadOnlyList<Option> Territories, bool CanEdit, int Unregistered);

public sealed record RentalHouseDetails(RentalHouseRow Row, int SubjectId, Guid Version, bool CanEdit, bool CanDelete, IReadOnlyList<AuditLine> History);
