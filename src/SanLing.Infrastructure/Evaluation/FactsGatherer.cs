using System.Runtime.CompilerServices;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Subjects;

namespace SanLing.Infrastructure.Evaluation;

/// <summary>
/// Gathers the facts of the subjects of the current town for a period with a fixed number of set-based queries (one
/// per ledger, each ordered by subject id) — never a query per subject — and hands them out one subject at a time, so
/// neither the town's rows nor its facts are held at once.
/// <para>
/// On SQLite the <see cref="QueryCount"/> readers stay open side by side on the one connection and are merged by
/// subject id while the caller judges and writes on the same connection. PostgreSQL (no second open reader on a
/// connection) and SQL Server (no MARS) read the same queries per batch of <see cref="BatchSize"/> subjects, each
/// limited to the batch's subject-id range: <see cref="QueryCount"/> queries per batch.
/// </para>
/// </summary>
public sealed class FactsGatherer(SanLingDbContext db)
{
    /// <summary>The number of SQL queries of a gathering (on SQLite whatever the number of subjects; elsewhere per batch).</summary>
    public const int QueryCount = 12;

    /// <summary>Subjects per batch where readers cannot stay open side by side.</summary>
    public const int BatchSize = 5000;

    /// <summary>Reads in batches of this many subjects even on SQLite (tests of the other providers' path).</summary>
    internal int? ForcedBatchSize { get; init; }

    /// <summary>Facts of every subject evaluated in the period (active on the cut-off), ordered by subject id.</summary>
    public async Task<IReadOnlyList<SubjectFacts>> GatherAsync(EvaluationPeriod period, CancellationToken cancellationToken = default)
    {
        var all = new List<SubjectFacts>();
        await foreach (var facts in StreamAsync(period, cancellationToken))
        {
            all.Add(facts);
        }
        return all;
    }

    /// <summary>
    /// The facts of one subject (none when it is not evaluated in the period): the same queries, each filtered to it
    /// (the what-if of a subject card, an appeal's re-evaluation).
    /// </summary>
    public async Task<SubjectFacts?> GatherOneAsync(EvaluationPeriod period, int subjectId, CancellationToken cancellationToken = default)
    {
        var subjects = await Subjects(period, subjectId - 1, subjectId).ToListAsync(cancellationToken);
        await foreach (var facts in AssembleAsync(period, subjects, (subjectId, subjectId), cancellationToken))
        {
            return facts;
        }
        return null;
    }

    /// <summary>
    /// Facts of every subject evaluated in the period, ordered by subject id, one at a time. The caller may write on
    /// the context's connection (inside its transaction) between two subjects.
    /// </summary>
    public async IAsyncEnumerable<SubjectFacts> StreamAsync(EvaluationPeriod period, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (ForcedBatchSize is null && db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection)
        {
            await foreach (var facts in AssembleAsync(period, Subjects(period, int.MinValue, null).AsAsyncEnumerable(), null, cancellationToken))
            {
                yield return facts;
            }
            yield break;
        }
        var after = int.MinValue;
        var size = ForcedBatchSize ?? BatchSize;
        while (true)
        {
            var batch = await Subjects(period, after, null).Take(size).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }
            await foreach (var facts in AssembleAsync(period, batch, (batch[0].Id, batch[^1].Id), cancellationToken))
            {
                yield return facts;
            }
            if (batch.Count < size)
            {
                yield break;
            }
            after = batch[^1].Id;
        }
    }

    private IQueryable<SubjectRow> Subjects(EvaluationPeriod period, int after, int? upTo) =>
        db.Subjects.AsNoTracking()
            .Where(SubjectRules.ActiveOn(period.CutOff))
            .Where(s => s.Id > after)
            .OnlyIf(upTo, s => s.Id <= upTo)
            .OrderBy(s => s.Id)
            .Select(s => new SubjectRow
            {
                Id = s.Id, Code = s.Code, Name = s.Name, Kind = s.Kind, TerritoryId = s.TerritoryId, EstablishedOn = s.EstablishedOn,
                DissolvedOn = s.DissolvedOn, PrincipalName = s.PrincipalName, LeaderInChargeName = s.LeaderInChargeName,
            });

    private async IAsyncEnumerable<SubjectFacts> AssembleAsync(EvaluationPeriod period, IEnumerable<SubjectRow> subjects, (int Lo, int Hi) range,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var facts in AssembleAsync(period, new ListEnumerator<SubjectRow>(subjects.ToList()), range, cancellationToken))
        {
            yield return facts;
        }
    }

    private IAsyncEnumerable<SubjectFacts> AssembleAsync(EvaluationPeriod period, IAsyncEnumerable<SubjectRow> subjects, (int Lo, int Hi)? range,
        CancellationToken cancellationToken) =>
        AssembleAsync(period, subjects.GetAsyncEnumerator(cancellationToken), range, cancellationToken);

    /// <summary>
    /// Merges the ledgers (each ordered by subject id) into the subjects' facts. With a range every ledger is read
    /// whole first (a batch); without, the readers stay open and advance with the subjects.
    /// </summary>
    private async IAsyncEnumerable<SubjectFacts> AssembleAsync(EvaluationPeriod period, IAsyncEnumerator<SubjectRow> subjects, (int Lo, int Hi)? range,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = period.YearStart;
        var cutOff = period.CutOff;
        var firstMonth = period.YearStart;
        var lastMonth = new DateOnly(period.Year, 12, 1);
        var year = period.Year;
        var lo = range?.Lo;
        var hi = range?.Hi;
        var buffered = range is not null;

        await using var subjectReader = subjects;
        await using var grids = await Cursor.OpenAsync(buffered, db.Grids.AsNoTracking()
            .InRange(lo, hi, g => g.SubjectId >= lo && g.SubjectId <= hi)
            .OrderBy(g => g.SubjectId)
            .Select(g => new { g.SubjectId, g.Id, g.Code, g.WorkerName, g.WorkerUserId }), g => g.SubjectId, cancellationToken);

        await using var inspections = await Cursor.OpenAsync(buffered, db.Inspections.AsNoTracking()
            .Where(SignOffRules.CountsAsSubmitted).Where(i => i.Month >= firstMonth && i.Month <= lastMonth)
            .InRange(lo, hi, i => i.SubjectId >= lo && i.SubjectId <= hi)
            .OrderBy(i => i.SubjectId)
            .Select(i => new { i.SubjectId, i.GridId, i.Month }), i => i.SubjectId, cancellationToken);

        await using var petitions = await Cursor.OpenAsync(buffered, db.Petitions.AsNoTracking()
            // Filed in the year, or filed earlier and still open when the year began (积案).
            .Where(p => p.OccurredOn <= cutOff
                && (p.OccurredOn >= start || p.Status != PetitionStatus.Resolved || p.ResolvedOn == null || p.ResolvedOn >= start))
            .InRange(lo, hi, p => p.SubjectId >= lo && p.SubjectId <= hi)
            .OrderBy(p => p.SubjectId).ThenBy(p => p.Id)
            .Select(p => new { p.SubjectId, p.Number, p.Kind, p.OccurredOn, p.Status, p.ResolvedOn, p.IsImpactful, p.IsMajor }), p => p.SubjectId, cancellationToken);

        await using var findings = await Cursor.OpenAsync(buffered, db.Findings.AsNoTracking()
            .Where(f => f.Inspection!.Month >= firstMonth && f.Inspection.Month <= lastMonth && f.Inspection.Month <= cutOff)
            .InRange(lo, hi, f => f.Inspection!.SubjectId >= lo && f.Inspection.SubjectId <= hi)
            .OrderBy(f => f.Inspection!.SubjectId).ThenBy(f => f.Id)
            .Select(f => new { f.Inspection!.SubjectId, f.Id, f.Inspection.Month, GridCode = f.Inspection.Grid == null ? null : f.Inspection.Grid.Code, f.Type, f.Status, f.ClosedOn, f.RectifyBy }),
            f => f.SubjectId, cancellationToken);

        await using var accidents = await Cursor.OpenAsync(buffered, db.Accidents.AsNoTracking()
            .Where(a => a.OccurredOn >= start && a.OccurredOn <= cutOff)
            .InRange(lo, hi, a => a.SubjectId >= lo && a.SubjectId <= hi)
            .OrderBy(a => a.SubjectId).ThenBy(a => a.Id)
            .Select(a => new { a.SubjectId, a.Number, a.OccurredOn, a.IsImpactful, a.IsMajor }), a => a.SubjectId, cancellationToken);

        await using var cases = await Cursor.OpenAsync(buffered, db.Cases.AsNoTracking()
            .Where(c => c.OccurredOn >= start && c.OccurredOn <= cutOff)
            .InRange(lo, hi, c => c.SubjectId >= lo && c.SubjectId <= hi)
            .OrderBy(c => c.SubjectId).ThenBy(c => c.Id)
            .Select(c => new { c.SubjectId, c.Number, c.OccurredOn, c.IsImpactful, c.IsMajor }), c => c.SubjectId, cancellationToken);

        // The cases of the subject's key persons, wherever they are recorded (4.2).
        await using var offenderCases = await Cursor.OpenAsync(buffered, db.Cases.AsNoTracking()
            .Where(c => c.OccurredOn >= start && c.OccurredOn <= cutOff && c.OffenderKeyPerson != null)
            .InRange(lo, hi, c => c.OffenderKeyPerson!.SubjectId >= lo && c.OffenderKeyPerson.SubjectId <= hi)
            .OrderBy(c => c.OffenderKeyPerson!.SubjectId).ThenBy(c => c.Id)
            .Select(c => new { c.OffenderKeyPerson!.SubjectId, c.Number, c.OccurredOn, OffenderNumber = c.OffenderKeyPerson.Number }), c => c.SubjectId, cancellationToken);

        await using var keyPersons = await Cursor.OpenAsync(buffered, db.KeyPersons.AsNoTracking()
            .Where(KeyPersonRules.Active(start, cutOff))
            .InRange(lo, hi, k => k.SubjectId >= lo && k.SubjectId <= hi)
            .OrderBy(k => k.SubjectId).ThenBy(k => k.Id)
            .Select(k => new { k.Id, k.SubjectId, k.Number, k.HasAssistancePlan, k.ListedOn, k.DelistedOn }), k => k.SubjectId, cancellationToken);

        await using var followUps = await Cursor.OpenAsync(buffered, db.FollowUps.AsNoTracking()
            .Where(f => f.VisitedOn >= start && f.VisitedOn <= cutOff)
            .InRange(lo, hi, f => f.KeyPerson!.SubjectId >= lo && f.KeyPerson.SubjectId <= hi)
            .OrderBy(f => f.KeyPerson!.SubjectId).ThenBy(f => f.Id)
            .Select(f => new { f.KeyPerson!.SubjectId, f.KeyPersonId, f.VisitedOn }), f => f.SubjectId, cancellationToken);

        await using var rentals = await Cursor.OpenAsync(buffered, db.RentalHouses.AsNoTracking()
            .InRange(lo, hi, r => r.SubjectId >= lo && r.SubjectId <= hi)
            .OrderBy(r => r.SubjectId).ThenBy(r => r.Id)
            .Select(r => new { r.SubjectId, r.Number, r.IsRegistered, r.RegisteredOn }), r => r.SubjectId, cancellationToken);

        await using var attestations = await Cursor.OpenAsync(buffered, db.Attestations.AsNoTracking()
            .Where(a => a.Year == year)
            .InRange(lo, hi, a => a.SubjectId >= lo && a.SubjectId <= hi)
            .OrderBy(a => a.SubjectId).ThenBy(a => a.Id)
            .Select(a => new { a.SubjectId, a.ItemCode, a.Result }), a => a.SubjectId, cancellationToken);

        while (await subjects.MoveNextAsync())
        {
            var s = subjects.Current;
            var subjectGrids = (await grids.TakeAsync(s.Id)).OrderBy(x => x.Code, StringComparer.Ordinal)
                .Select(x => new GridFact(x.Id, x.Code, !string.IsNullOrWhiteSpace(x.WorkerName) || x.WorkerUserId != null)).ToList();
            var own = await inspections.TakeAsync(s.Id);
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
            var subjectPetitions = await petitions.TakeAsync(s.Id);
            var subjectFindings = await findings.TakeAsync(s.Id);
            var subjectAccidents = await accidents.TakeAsync(s.Id);
            var subjectCases = await cases.TakeAsync(s.Id);
            var ownOffenderCases = await offenderCases.TakeAsync(s.Id);
            var subjectKeyPersons = await keyPersons.TakeAsync(s.Id);
            var visits = (await followUps.TakeAsync(s.Id)).ToLookup(f => f.KeyPersonId, f => f.VisitedOn);
            var subjectRentals = await rentals.TakeAsync(s.Id);
            var subjectAttestations = await attestations.TakeAsync(s.Id);

            var flagged = subjectPetitions.Where(p => p.OccurredOn >= start && (p.IsImpactful || p.IsMajor))
                .Select(p => new FlaggedIncident(IncidentType.Petition, p.Number, p.OccurredOn, p.IsImpactful, p.IsMajor))
                .Concat(subjectAccidents.Where(a => a.IsImpactful || a.IsMajor)
                    .Select(a => new FlaggedIncident(IncidentType.Accident, a.Number, a.OccurredOn, a.IsImpactful, a.IsMajor)))
                .Concat(subjectCases.Where(c => c.IsImpactful || c.IsMajor)
                    .Select(c => new FlaggedIncident(IncidentType.Case, c.Number, c.OccurredOn, c.IsImpactful, c.IsMajor)))
                .ToList();

            yield return new SubjectFacts
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
                CasesByOwnKeyPersons = ownOffenderCases.Select(c => new OffenderCaseFact(c.Number, c.OffenderNumber, c.OccurredOn)).ToList(),
                KeyPersons = subjectKeyPersons
                    .Select(k => new KeyPersonFact(k.Number, k.HasAssistancePlan, k.ListedOn, k.DelistedOn, visits[k.Id].ToList())).ToList(),
                RentalHouses = subjectRentals.Select(r => new RentalHouseFact(r.Number, r.IsRegistered, r.RegisteredOn)).ToList(),
                Attestations = subjectAttestations.GroupBy(a => a.ItemCode, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First().Result, StringComparer.Ordinal),
                FlaggedIncidents = flagged,
            };
        }
    }

    private sealed class SubjectRow
    {
        public int Id { get; init; }
        public required string Code { get; init; }
        public required string Name { get; init; }
        public SubjectKind Kind { get; init; }
        public int? TerritoryId { get; init; }
        public DateOnly? EstablishedOn { get; init; }
        public DateOnly? DissolvedOn { get; init; }
        public string? PrincipalName { get; init; }
        public string? LeaderInChargeName { get; init; }
    }

    /// <summary>A ledger's rows ordered by subject id, taken subject by subject.</summary>
    private static class Cursor
    {
        /// <summary>Runs the query: read whole when <paramref name="buffered"/>, else left open as a reader.</summary>
        public static async Task<Cursor<T>> OpenAsync<T>(bool buffered, IQueryable<T> query, Func<T, int> subjectOf, CancellationToken cancellationToken)
        {
            IAsyncEnumerator<T> rows = buffered
                ? new ListEnumerator<T>(await query.ToListAsync(cancellationToken))
                : query.AsAsyncEnumerable().GetAsyncEnumerator(cancellationToken);
            var cursor = new Cursor<T>(rows, subjectOf);
            await cursor.StartAsync();
            return cursor;
        }
    }

    private sealed class Cursor<T>(IAsyncEnumerator<T> rows, Func<T, int> subjectOf) : IAsyncDisposable
    {
        private bool _hasRow;

        public async Task StartAsync() => _hasRow = await rows.MoveNextAsync();

        /// <summary>The rows of <paramref name="subjectId"/>; rows of lower ids (subjects not evaluated) are skipped.</summary>
        public async ValueTask<IReadOnlyList<T>> TakeAsync(int subjectId)
        {
            // Most subjects have no row in most ledgers: no list is allocated for them.
            List<T>? taken = null;
            while (_hasRow && subjectOf(rows.Current) <= subjectId)
            {
                if (subjectOf(rows.Current) == subjectId)
                {
                    (taken ??= []).Add(rows.Current);
                }
                _hasRow = await rows.MoveNextAsync();
            }
            return taken ?? (IReadOnlyList<T>)[];
        }

        public ValueTask DisposeAsync() => rows.DisposeAsync();
    }

    private sealed class ListEnumerator<T>(List<T> list) : IAsyncEnumerator<T>
    {
        private int _index = -1;

        public T Current => list[_index];

        public ValueTask<bool> MoveNextAsync() => ValueTask.FromResult(++_index < list.Count);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

internal static class SubjectFilter
{
    /// <summary>The filter when gathering one subject; the whole-town queries stay as they were.</summary>
    public static IQueryable<T> OnlyIf<T>(this IQueryable<T> query, int? subjectId, System.Linq.Expressions.Expression<Func<T, bool>> predicate) =>
        subjectId is null ? query : query.Where(predicate);

    /// <summary>The filter of a batch's subject-id range; none when the whole town is read at once.</summary>
    public static IQueryable<T> InRange<T>(this IQueryable<T> query, int? lo, int? hi, System.Linq.Expressions.Expression<Func<T, bool>> predicate) =>
        lo is null || hi is null ? query : query.Where(predicate);
}
