namespace SanLing.Bench.County;

/// <summary>A table the generator fills, with its columns in the order the values are given (Id first; TownId, Version, CreatedAt last).</summary>
internal sealed record Table(string Name, string[] Columns)
{
    private static Table Of(string name, params string[] columns) => new(name, ["Id", .. columns, "TownId", "Version", "CreatedAt"]);

    // Parents before children: the order PostgreSQL's COPY flushes them in.
    public static readonly Table Subjects = Of("Subjects", "Code", "Name", "Kind", "TerritoryId", "PrincipalName", "LeaderInChargeName");
    public static readonly Table Grids = Of("Grids", "Code", "Name", "SubjectId", "WorkerName");
    public static readonly Table Inspections = Of("Inspections", "SubjectId", "GridId", "Month", "InspectedOn", "Status", "IsLate", "NothingFound", "ReviewState");
    public static readonly Table Findings = Of("Findings", "InspectionId", "Type", "DisputeCategory", "HazardCategory", "Description", "RiskOfCriminalEscalation", "RiskOfGroupIncident", "RectifyBy", "Status", "ClosedOn");
    public static readonly Table Petitions = Of("Petitions", "Number", "SubjectId", "OccurredOn", "Kind", "PetitionerCount", "Status", "ResolvedOn", "IsImpactful", "IsMajor");
    public static readonly Table Accidents = Of("Accidents", "Number", "SubjectId", "OccurredOn", "Category", "Deaths", "Injuries", "LossTenThousandYuan", "IsImpactful", "IsMajor");
    public static readonly Table Cases = Of("Cases", "Number", "SubjectId", "OccurredOn", "Kind", "IsImpactful", "IsMajor");
    public static readonly Table KeyPersons = Of("KeyPersons", "Number", "Name", "IdNumberCipher", "IdNumberHash", "IdNumberMasked", "Category", "SubjectId", "ListedOn", "HasAssistancePlan");
    public static readonly Table FollowUps = Of("FollowUps", "KeyPersonId", "VisitedOn", "VisitedBy");
    public static readonly Table RentalHouses = Of("RentalHouses", "Number", "SubjectId", "Address", "TenantCount", "IsRegistered", "RegisteredOn");
    public static readonly Table Attestations = Of("Attestations", "SubjectId", "Year", "ItemCode", "Result");

    public static readonly IReadOnlyList<Table> All = [Subjects, Grids, Inspections, Findings, Petitions, Accidents, Cases, KeyPersons, FollowUps, RentalHouses, Attestations];
}
