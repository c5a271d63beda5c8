namespace SanLing.Web.Features.RentalHouses;

/// <summary>What the rental-house form posts; the subject is given by its code and resolved within the user's scope.</summary>
public sealed class RentalHouseForm
{
    public string? Number { get; set; }
    public string? SubjectCode { get; set; }
    public string? Address { get; set; }
    public string? Landlord { get; set; }
    public int? TenantCount { get; set; } = 0;
    public bool IsRegistered { get; set; }
    public DateOnly? RegisteredOn { get; set; }
    public Guid Version { get; set; }
}

public sealed record RentalHouseEditor(RentalHouseForm Form, int? Id);
