namespace SanLing.Web.Features.Api;

// The API's answers. JSON names are camelCase English and stable (a rename is a v2); a *Label is the Chinese word a
// screen shows. No personal data: subjects (villages, communities, enterprises, units) by code and name, counts.

public sealed record ApiTown(string Code, string Name);

/// <summary>达标/不达标/待评定 counts and the rate (compliant ÷ all, null without subjects).</summary>
public sealed record ApiCounts(int Subjects, int Compliant, int NonCompliant, int Pending, decimal? Rate);

public sealed record ApiGroupRate(string Group, string GroupLabel, decimal Target, bool? TargetMet, ApiCounts Counts);

public sealed record ApiKindRate(string Kind, string KindLabel, ApiCounts Counts);

public sealed record ApiTerritoryRate(string Code, string Name, string KindLabel, string? OwnVerdict, string? OwnVerdictLabel, ApiCounts EnterpriseUnit, ApiCounts All);

/// <summary>Which stored run answered: the year's published annual run, or the current year's as-of run (provisional).</summary>
public sealed record ApiRun(int Year, string Kind, bool Provisional, DateOnly AsOf, DateTimeOffset EvaluatedAt);

public sealed record ApiRates(string Town, ApiRun Run, IReadOnlyList<ApiGroupRate> Groups, IReadOnlyList<ApiKindRate> Kinds, IReadOnlyList<ApiTerritoryRate> Territories);

public sealed record ApiItemVerdict(string Code, string Name, string Verdict, string VerdictLabel, IReadOnlyList<string> ReasonCodes);

public sealed record ApiSubjectVerdict(string Code, string Name, string Kind, string KindLabel, string? TerritoryCode, string Verdict, string VerdictLabel, IReadOnlyList<ApiItemVerdict> Items);

public sealed record ApiVerdicts(string Town, ApiRun Run, int Page, int PageSize, int Total, IReadOnlyList<ApiSubjectVerdict> Subjects);

public sealed record ApiMonthCompleteness(int Month, int Expected, int Submitted, decimal? Rate);

public sealed record ApiCompleteness(string Town, int Year, IReadOnlyList<ApiMonthCompleteness> Months);

public sealed record ApiMonthIncidents(int Month, int Petitions, int Accidents, int Cases);

public sealed record ApiSupervision(int Open, int Escalated);

public sealed record ApiIncidents(string Town, int Year, IReadOnlyList<ApiMonthIncidents> Months, ApiSupervision Supervision);
