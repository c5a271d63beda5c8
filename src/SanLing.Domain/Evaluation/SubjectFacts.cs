using SanLing.Domain.Inspections;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Evaluation;

/// <summary>A grid (or workshop) and whether it has a grid worker.</summary>
public sealed record GridFact(int Id, string Code, bool HasWorker);

/// <summary>A petition: number, kind, filing date, status and resolved date.</summary>
public sealed record PetitionFact(string Number, PetitionKind Kind, DateOnly FiledOn, PetitionStatus Status, DateOnly? ResolvedOn)
{
    /// <summary>已化解 with a date on or before <paramref name="day"/>; 上报 is not resolved at this level.</summary>
    public bool IsResolvedBy(DateOnly day) => PetitionRules.IsResolvedBy(Status, ResolvedOn, day);

    /// <summary>积案 on <paramref name="day"/> (<see cref="PetitionRules.BacklogRule"/>).</summary>
    public bool IsBacklogOn(DateOnly day) => PetitionRules.IsBacklogOn(FiledOn, Status, ResolvedOn, day);
}

/// <summary>A dispute or hazard found by the inspection of <see cref="Month"/> (of grid <see cref="GridCode"/>).</summary>
public sealed record FindingFact(int Id, DateOnly Month, string? GridCode, FindingStatus Status, DateOnly? ClosedOn, DateOnly? RectifyBy = null)
{
    /// <summary>已化解/已整改 with a date on or before <paramref name="day"/>.</summary>
    public bool IsClosedBy(DateOnly day) => FindingRules.IsClosedBy(Status, ClosedOn, day);

    public bool IsEscalated => Status == FindingStatus.Escalated;
}

/// <summary>An incident (accident or case) by its number and date.</summary>
public sealed record IncidentFact(string Number, DateOnly OccurredOn);

/// <summary>A case whose offender is a registered key person (counted against that person's subject's 4.2).</summary>
public sealed record OffenderCaseFact(string CaseNumber, string KeyPersonNumber, DateOnly OccurredOn);

/// <summary>A key person by number only (no names: leadership reads the reasons), with the follow-up dates of the year.</summary>
public sealed record KeyPersonFact(string Number, bool HasPlan, DateOnly ListedOn, DateOnly? DelistedOn, IReadOnlyList<DateOnly> FollowUps)
{
    /// <summary>Active in the period: listed on or before the cut-off and not delisted before 1 Jan.</summary>
    public bool IsActiveIn(EvaluationPeriod period) => KeyPopulations.KeyPersonRules.IsActive(ListedOn, DelistedOn, period.YearStart, period.CutOff);

    public int FollowUpsIn(EvaluationPeriod period) => FollowUps.Count(period.Contains);
}

/// <summary>A rental house: 登记备案 yes/no and its date.</summary>
public sealed record RentalHouseFact(string Number, bool IsRegistered, DateOnly? RegisteredOn)
{
    public bool IsRegisteredBy(DateOnly day) => IsRegistered && RegisteredOn is { } d && d <= day;
}

public enum IncidentType
{
    Petition = 1,  // 信访
    Accident = 2,  // 事故
    Case = 3,      // 案件
}

/// <summary>An impactful (有影响) or major (重大) incident, for the veto and accountability lists.</summary>
public sealed record FlaggedIncident(IncidentType Type, string Number, DateOnly OccurredOn, bool IsImpactful, bool IsMajor)
{
    public string TypeWord => Type switch { IncidentType.Petition => "信访", IncidentType.Accident => "事故", _ => "案件" };
}

/// <summary>
/// Everything the data-judged (D) items need about one subject and one year (up to the cut-off), gathered by the data
/// layer with set-based queries. Lists hold only what matters for the year.
/// </summary>
public sealed record SubjectFacts
{
    public required int SubjectId { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required SubjectKind Kind { get; init; }
    public int? TerritoryId { get; init; }
    public DateOnly? EstablishedOn { get; init; }
    public DateOnly? DissolvedOn { get; init; }
    public bool HasPrincipal { get; init; }
    public bool HasLeaderInCharge { get; init; }

    public IReadOnlyList<GridFact> Grids { get; init; } = [];

    /// <summary>Months (first day) in which every grid — or the subject itself when it has none — has a submitted inspection (late ones count).</summary>
    public IReadOnlySet<DateOnly> CompleteMonths { get; init; } = new HashSet<DateOnly>();

    /// <summary>Petitions filed in the year, and petitions of earlier years not resolved by the cut-off (more is harmless: rules filter by date).</summary>
    public IReadOnlyList<PetitionFact> Petitions { get; init; } = [];

    /// <summary>Disputes found by inspections of months of the year.</summary>
    public IReadOnlyList<FindingFact> Disputes { get; init; } = [];

    /// <summary>Hazards found by inspections of months of the year.</summary>
    public IReadOnlyList<FindingFact> Hazards { get; init; } = [];

    /// <summary>Accidents recorded on this subject.</summary>
    public IReadOnlyList<IncidentFact> Accidents { get; init; } = [];

    /// <summary>Cases recorded on this subject.</summary>
    public IReadOnlyList<IncidentFact> Cases { get; init; } = [];

    /// <summary>Cases whose offender is one of this subject's key persons (wherever the case is recorded).</summary>
    public IReadOnlyList<OffenderCaseFact> CasesByOwnKeyPersons { get; init; } = [];

    /// <summary>This subject's key persons that may be active in the year.</summary>
    public IReadOnlyList<KeyPersonFact> KeyPersons { get; init; } = [];

    /// <summary>Rental houses of the subject.</summary>
    public IReadOnlyList<RentalHouseFact> RentalHouses { get; init; } = [];

    /// <summary>The office's attestations of the year, by item code.</summary>
    public IReadOnlyDictionary<string, AttestationResult> Attestations { get; init; } = new Dictionary<string, AttestationResult>();

    /// <summary>Incidents flagged 有影响 or 重大.</summary>
    public IReadOnlyList<FlaggedIncident> FlaggedIncidents { get; init; } = [];
}
