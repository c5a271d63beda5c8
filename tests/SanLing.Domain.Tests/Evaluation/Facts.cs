using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Tests.Evaluation;

/// <summary>Test-data builder: a clean subject-year (every item passes) that each test spoils in one way.</summary>
internal static class Facts
{
    public const int Year = 2025;
    public static readonly EvaluationPeriod FullYear = new(Year);
    public static readonly DateOnly Dec31 = new(Year, 12, 31);
    public static readonly DateOnly Jan1 = new(Year, 1, 1);

    public static SubjectFacts Village(int grids = 3) => Clean(SubjectKind.Village, grids);

    public static SubjectFacts Enterprise(int workshops = 0) => Clean(SubjectKind.Enterprise, workshops);

    public static SubjectFacts Clean(SubjectKind kind, int grids)
    {
        var ruleSet = DefaultRuleSet.Create2020();
        var attested = ruleSet.Items
            .Where(i => i.IsAttestedFor(kind))
            .ToDictionary(i => i.Code, _ => AttestationResult.Pass);
        return new SubjectFacts
        {
            SubjectId = 1,
            Code = kind.IsTerritory() ? "CUN01" : "QY0001",
            Name = "测试",
            Kind = kind,
            HasPrincipal = true,
            HasLeaderInCharge = true,
            Grids = Enumerable.Range(1, grids).Select(g => new GridFact(g, $"G{g:00}", true)).ToList(),
            CompleteMonths = AllMonths(Year),
            Attestations = attested,
        };
    }

    public static HashSet<DateOnly> AllMonths(int year) => Enumerable.Range(1, 12).Select(m => MonthPeriod.Of(year, m)).ToHashSet();

    public static SubjectFacts With(this SubjectFacts f, string code, AttestationResult result)
    {
        var attestations = new Dictionary<string, AttestationResult>(f.Attestations) { [code] = result };
        return f with { Attestations = attestations };
    }

    public static SubjectFacts Without(this SubjectFacts f, string code)
    {
        var attestations = new Dictionary<string, AttestationResult>(f.Attestations);
        attestations.Remove(code);
        return f with { Attestations = attestations };
    }

    public static PetitionFact Petition(string number, DateOnly filed, PetitionKind kind = PetitionKind.Individual,
        PetitionStatus status = PetitionStatus.Received, DateOnly? resolved = null) => new(number, kind, filed, status, resolved);

    public static FindingFact Dispute(DateOnly month, FindingStatus status, DateOnly? closed = null) => new(1, month, "G01", status, closed);

    public static FindingFact Hazard(DateOnly month, FindingStatus status, DateOnly? closed = null) => new(2, month, "G01", status, closed);

    public static KeyPersonFact KeyPerson(string number, DateOnly listed, DateOnly? delisted = null, bool plan = true, params DateOnly[] followUps) =>
        new(number, plan, listed, delisted, followUps);

    public static ItemEvaluation Item(this SubjectFacts f, string code, EvaluationPeriod? period = null) =>
        Evaluator.Judge(DefaultRuleSet.Create2020(), f, period ?? FullYear).Items.Single(i => i.Code == code);

    public static SubjectEvaluation Judge(this SubjectFacts f, EvaluationPeriod? period = null) =>
        Evaluator.Judge(DefaultRuleSet.Create2020(), f, period ?? FullYear);
}
