using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Subjects;

namespace SanLing.Infrastructure.Evaluation;

/// <summary>
/// Gathers the facts of every subject of the current town for a period with a fixed number of set-based queries
/// (one per ledger, projected and grouped into dictionaries by subject id) — never a query per subject.
/// </summary>
public sealed class FactsGatherer(SanLingDbContext db)
{
    /// <summary>The number of SQL queries <see cref="GatherAsync"/> runs, whatever the number of subjects.</summary>
    public const int QueryCount = 11;

    /// <summary>Facts of every subject evaluated in the period (active on the cut-off), ordered by code.</summary>
    public Task<IReadOnlyList<SubjectFacts>> GatherAsync(EvaluationPeriod period, CancellationToken cancellationToken = default) =>
        GatherAsync(period, null, cancellationToken);

    /// <summary>
    /// The facts of one subject (none when it is not evaluated in the period): the same queries, each filtered to it
    /// (the what-if of a subject card).
    /// </summary>
    public async Task<SubjectFacts?> GatherOneAsync(EvaluationPeriod period, int subjectId, CancellationToken cancellationToken = default) =>
        (await GatherAsync(period, subjectId, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<SubjectFacts>> GatherAsync(EvaluationPeriod period, int? only, CancellationToken cancellationToken)
    {
        var start = period.YearStart;
        var cutOff = period.CutOff;
        var firstMonth = period.YearStart;
        var lastMonth = new DateOnly(period.Year, 12, 1);

        var subjects = await db.Subjects.AsNoTracking()
            .Where(SubjectRules.ActiveOn(cutOff))
            .OnlyIf(only, s => s.Id == only)
            .OrderBy(s => s.Code)
            .Select(s => new { s.Id, s.Code, s.Name, s.Kind, s.TerritoryId, s.EstablishedOn, s.DissolvedOn, s.PrincipalName, s.LeaderInChargeName })
            .ToListAsync(cancellationToken);

        var grids = (await db.Grids.AsNoTracking()
                .OnlyIf(only, g => g.SubjectId == only)
                .Select(g => new { g.SubjectId, g.Id, g.Code, g.WorkerName, g.WorkerUserId })
                .ToListAsync(cancellationToken))
            .GroupBy(g => g.SubjectId)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.Code, StringComparer.Ordinal)
                .Select(x => new GridFact(x.Id, x.Code, !string.IsNullOrWhiteSpace(x.WorkerName) || x.WorkerUserId != null)).ToList());

        var inspections = (await db.Inspections.AsNoTracking()
                .Where(SignOffRules.CountsAsSubmitted).Where(i => i.Month >= firstMonth && i.Month <= lastMonth)
                .OnlyIf(only, i => i.SubjectId == only)
                .Select(i => new { i.SubjectId, i.GridId, i.Month })
                .ToListAsync(cancellationToken))
            .ToLookup(i => i.SubjectId);

        var petitions = (await db.Petitions.AsNoTracking()
                // Filed in the year, or filed earlier and still open when the year began (积案).
                .Where(p => p.OccurredOn <= cutOff
                    && (p.OccurredOn >= start || p.Status != PetitionStatus.Resolved || p.ResolvedOn == null || p.ResolvedOn >= start))
                .OnlyIf(only, p => p.SubjectId == only)
                .Select(p => new { p.SubjectId, p.Number, p.Kind, p.OccurredOn, p.Status, p.ResolvedOn, p.IsImpactful, p.IsMajor })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.SubjectId);

        var findings = (await db.Findings.AsNoTracking()
                .Where(f => f.Inspection!.Month >= firstMonth && f.Inspection.Month <= lastMonth && f.Inspection.Month <= cutOff)
                .OnlyIf(only, f => f.Inspection!.SubjectId == only)
                .Select(f => new { f.Inspection!.SubjectId, f.Id, f.Inspection.Month, GridCode = f.Inspection.Grid == null ? null : f.Inspection.Grid.Code, f.Type, f.Status, f.ClosedOn, f.RectifyBy })
                .ToListAsync(cancellationToken))
            .ToLookup(f => f.SubjectId);

        var accidents = (await db.Accidents.AsNoTracking()
                .Where(a => a.OccurredOn >= start && a.OccurredOn <= cutOff)
                .OnlyIf(only, a => a.SubjectId == only)
                .Select(a => new { a.SubjectId, a.Number, a.OccurredOn, a.IsImpactful, a.IsMajor })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.SubjectId);

        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.OccurredOn >= start && c.OccurredOn <= cutOff)
            // The subject's own cases and the cases of its key persons recorded elsewhere (4.2).
            .OnlyIf(only, c => c.SubjectId == only || (c.OffenderKeyPerson != null && c.OffenderKeyPerson.SubjectId == only))
            .Select(c => new
            {
                c.SubjectId,
                c.Number,
                c.OccurredOn,
                c.IsImpactful,
                c.IsMajor,
                OffenderSubjectId = c.OffenderKeyPerson == null ? (int?)null : c.OffenderKeyPerson.SubjectId,
                OffenderNumber = c.OffenderKeyPerson == null ? null : c.OffenderKeyPerson.Number,
            })
            .ToListAsync(cancellationToken);
        var casesBySubject = cases.ToLookup(c => c.SubjectId);
        var casesByOffenderSubject = cases.Where(c => c.OffenderSubjectId != null).ToLookup(c => c.OffenderSubjectId!.Value);

        var keyPersons = (await db.KeyPersons.AsNoTracking()
                .Where(KeyPersonRules.Active(start, cutOff))
                .OnlyIf(only, k => k.SubjectId == only)
                .Select(k => new { k.Id, k.SubjectId, k.Number, k.HasAssistancePlan, k.ListedOn, k.DelistedOn })
                .ToListAsync(cancellationToken))
            .ToLookup(k => k.SubjectId);

        var followUps = (await db.FollowUps.AsNoTracking()
                .Where(f => f.VisitedOn >= start && f.VisitedOn <= cutOff)
                .OnlyIf(only, f => f.KeyPerson!.SubjectId == only)
                .Select(f => new { f.KeyPersonId, f.VisitedOn })
                .ToListAsync(cancellationToken))
            .ToLookup(f => f.KeyPersonId, f => f.VisitedOn);

        var rentals = (await db.RentalHouses.AsNoTracking()
                .OnlyIf(only, r => r.SubjectId == only)
                .Select(r => new { r.SubjectId, r.Number, r.IsRegistered, r.RegisteredOn })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.SubjectId);

        var year = period.Year;
        var attestations = (await db.Attestations.AsNoTracking()
                .Where(a => a.Year == year)
                .OnlyIf(only, a => a.SubjectId == only)
                .Select(a => new { a.SubjectId, a.ItemCode, a.Result })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.SubjectId);

        var result = new List<SubjectFacts>(subjects.Count);
        foreach (var s in subjects)
        {
            var subjectGrids = grids.GetValueOrDefault(s.Id) ?? [];
            var own = inspections[s.Id].ToList();
            var complete = new HashSet<DateOnly>();
            foreach (var month in own.Select(i => i.Month).Distinct())
            {
                var done = own.Where(i => i.Month == month).Select(i => i.GridId).ToHashSet();
                var isComplete = subjectGrids.Count == 0 ? done.Contains(null) : subjectGrids.All(g => done.Contains(g.Id));
                if (isComplete)
                {
                    complete.Add(month);
                }
            }
            var subjectPetitions = petitions[s.Id].ToList();
            var subjectFindings = findings[s.Id].ToList();
            var subjectAccidents = accidents[s.Id].ToList();
            var subjectCases = casesBySubject[s.Id].ToList();

            var flagged = subjectPetitions.Where(p => p.OccurredOn >= start && (p.IsImpactful || p.IsMajor))
                .Select(p => new FlaggedIncident(IncidentType.Petition, p.Number, p.OccurredOn, p.IsImpactful, p.IsMajor))
                .Concat(subjectAccidents.Where(a => a.IsImpactful || a.IsMajor)
                    .Select(a => new FlaggedIncident(IncidentType.Accident, a.Number, a.OccurredOn, a.IsImpactful, a.IsMajor)))
                .Concat(subjectCases.Where(c => c.IsImpactful || c.IsMajor)
                    .Select(c => new FlaggedIncident(IncidentType.Case, c.Number, c.OccurredOn, c.IsImpactful, c.IsMajor)))
                .ToList();

            result.Add(new SubjectFacts
            {
                SubjectId = s.Id,
                Code = s.Code,
                Name = s.Name,
                Kind = s.Kind,
                TerritoryId = s.TerritoryId,
                EstablishedOn = s.EstablishedOn,
                DissolvedOn = s.DissolvedOn,
                HasPrincipal = !string.IsNullOrWhiteSpace(s.PrincipalName),
                HasLeaderInCharge = !string.IsNullOrWhiteSpace(s.LeaderInChargeName),
                Grids = subjectGrids,
                CompleteMonths = complete,
                Petitions = subjectPetitions.Select(p => new PetitionFact(p.Number, p.Kind, p.OccurredOn, p.Status, p.ResolvedOn)).ToList(),
                Disputes = subjectFindings.Where(f => f.Type == FindingType.Dispute)
                    .Select(f => new FindingFact(f.Id, f.Month, f.GridCode, f.Status, f.ClosedOn)).ToList(),
                Hazards = subjectFindings.Where(f => f.Type == FindingType.Hazard)
                    .Select(f => new FindingFact(f.Id, f.Month, f.GridCode, f.Status, f.ClosedOn, f.RectifyBy)).ToList(),
                Accidents = subjectAccidents.Select(a => new IncidentFact(a.Number, a.OccurredOn)).ToList(),
                Cases = subjectCases.Select(c => new IncidentFact(c.Number, c.OccurredOn)).ToList(),
                CasesByOwnKeyPersons = casesByOffenderSubject[s.Id]
                    .Select(c => new OffenderCaseFact(c.Number, c.OffenderNumber!, c.OccurredOn)).ToList(),
                KeyPersons = keyPersons[s.Id]
                    .Select(k => new KeyPersonFact(k.Number, k.HasAssistancePlan, k.ListedOn, k.DelistedOn, followUps[k.Id].ToList())).ToList(),
                RentalHouses = rentals[s.Id].Select(r => new RentalHouseFact(r.Number, r.IsRegistered, r.RegisteredOn)).ToList(),
                Attestations = attestations[s.Id].GroupBy(a => a.ItemCode, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First().Result, StringComparer.Ordinal),
                FlaggedIncidents = flagged,
            });
        }
        return result;
    }
}

internal static class SubjectFilter
{
    /// <summary>The filter when gathering one subject; the whole-town queries stay as they were.</summary>
    public static IQueryable<T> OnlyIf<T>(this IQueryable<T> query, int? subjectId, System.Linq.Expressions.Expression<Func<T, bool>> predicate) =>
        subjectId is null ? query : query.Where(predicate);
}
