using SanLing.Domain.Evaluation;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Evaluation;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Evaluation;

/// <summary>
/// The facts read per batch of subjects (the PostgreSQL and SQL Server path) judge exactly as the facts streamed by
/// SQLite's side-by-side readers, with a fixed number of queries per batch.
/// </summary>
public sealed class FactsStreamingTests
{
    private const int Subjects = 23;

    [Fact]
    public async Task Facts_read_in_batches_give_the_same_verdicts_and_reasons_as_facts_streamed_at_once()
    {
        using var factory = new SanLingFactory(demo: false);
        // Listening from the start: EF checks for diagnostic listeners only now and then, not before every command.
        using var counter = new QueryCounter(factory.DatabasePath);
        _ = factory.Server;
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        var builder = new TownBuilder().WithRuleSet().WithResponsiblePersons().Village("CUN01").WithGrids(2);
        for (var i = 1; i < Subjects; i++)
        {
            builder.Enterprise($"QY{i:00}").WithGrids(i % 3);
        }
        var town = await builder.BuildAsync(db);
        town.InspectAllMonths(town["CUN01"], 2025);
        KeyPerson? previousPerson = null;
        for (var i = 1; i < Subjects; i++)
        {
            var subject = town[$"QY{i:00}"];
            if (i % 4 != 0)
            {
                town.InspectAllMonths(subject, 2025);
            }
            if (i % 2 == 0)
            {
                town.AttestAll(subject, 2025);
            }
            var person = new KeyPerson
            {
                Number = $"ZD-{i:00}", Name = "某", IdNumberCipher = "x", IdNumberHash = $"h{i}", IdNumberMasked = "1**2",
                Subject = subject, ListedOn = new DateOnly(2024, 1, 1), HasAssistancePlan = i % 5 != 0,
            };
            person.FollowUps.Add(new FollowUp { VisitedOn = new DateOnly(2025, 5, i), VisitedBy = "某" });
            db.KeyPersons.Add(person);
            db.RentalHouses.Add(new RentalHouse { Number = $"CZ-{i}", Subject = subject, Address = "某路", IsRegistered = i % 3 != 0, RegisteredOn = new DateOnly(2024, 1, 1) });
            if (i % 3 == 0)
            {
                db.Petitions.Add(new Petition { Number = $"XF-{i}", Subject = subject, OccurredOn = new DateOnly(2025, 3, 1), Kind = PetitionKind.Individual });
                db.Petitions.Add(new Petition { Number = $"XF-{i}b", Subject = subject, OccurredOn = new DateOnly(2025, 2, 1), Kind = PetitionKind.Individual, IsImpactful = true });
                db.Accidents.Add(new Accident { Number = $"SG-{i}", Subject = subject, OccurredOn = new DateOnly(2025, 4, 1), IsImpactful = true });
                // A case recorded here whose offender is the previous subject's key person (4.2 there, 2.4 here).
                db.Cases.Add(new SecurityCase { Number = $"AJ-{i}", Subject = subject, OccurredOn = new DateOnly(2025, 5, 1), OffenderKeyPerson = previousPerson });
            }
            previousPerson = person;
        }
        await town.SaveAsync();
        db.ChangeTracker.Clear();

        var runner = new EvaluationRunner(db, TimeProvider.System);
        var period = await runner.PeriodAsync(2025, null);
        var ruleSet = (await runner.RuleSetForAsync(2025))!;

        var streamed = await new FactsGatherer(db).GatherAsync(period);
        counter.Reset();
        var batched = await new FactsGatherer(db) { ForcedBatchSize = 5 }.GatherAsync(period);
        var batchQueries = counter.Count;

        Assert.Equal(Subjects, streamed.Count);
        Assert.Equal(streamed.Select(f => f.SubjectId), batched.Select(f => f.SubjectId));
        Assert.Contains(streamed, f => f.CasesByOwnKeyPersons.Count > 0);
        Assert.Contains(streamed, f => f.Petitions.Count == 2);
        foreach (var (s, b) in streamed.Zip(batched))
        {
            var one = Evaluator.Judge(ruleSet, s, period);
            var other = Evaluator.Judge(ruleSet, b, period);
            Assert.Equal(one.Verdict, other.Verdict);
            Assert.Equal(one.IsVetoed, other.IsVetoed);
            Assert.Equal(one.Items.Select(i => (i.Code, i.Verdict, i.Reason)), other.Items.Select(i => (i.Code, i.Verdict, i.Reason)));
        }
        Assert.Contains(streamed.Select(f => Evaluator.Judge(ruleSet, f, period)), e => e.Verdict == SubjectVerdict.NonCompliant);
        // 23 subjects in batches of 5: five batches of the fixed queries.
        Assert.Equal(5 * FactsGatherer.QueryCount, batchQueries);
    }
}
