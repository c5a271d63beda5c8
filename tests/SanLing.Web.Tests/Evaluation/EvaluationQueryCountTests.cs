using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Evaluation;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Evaluation;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Evaluation;

/// <summary>An evaluation runs the same number of SQL queries for 10 and for 1 000 subjects.</summary>
public sealed class EvaluationQueryCountTests
{
    private static async Task<(int Gather, int RunQueries, int Subjects)> MeasureAsync(int subjectCount)
    {
        using var factory = new SanLingFactory(demo: false);
        using var counter = new QueryCounter(factory.DatabasePath);
        _ = factory.Server;
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.SuppressRowAudit = true;
        var builder = new TownBuilder().WithRuleSet().WithResponsiblePersons().Village("CUN01").WithGrids(2);
        for (var i = 1; i < subjectCount; i++)
        {
            builder.Enterprise($"QY{i:0000}").WithGrids(i % 3);
        }
        var town = await builder.BuildAsync(db);
        town.InspectAllMonths(town["CUN01"], 2025);
        for (var i = 1; i < subjectCount; i++)
        {
            var subject = town[$"QY{i:0000}"];
            town.InspectAllMonths(subject, 2025);
            town.AttestAll(subject, 2025);
            var person = new KeyPerson
            {
                Number = $"ZD-{i:0000}", Name = "某", IdNumberCipher = "x", IdNumberHash = $"h{i}", IdNumberMasked = "1**2",
                Subject = subject, ListedOn = new DateOnly(2024, 1, 1), HasAssistancePlan = true,
            };
            person.FollowUps.Add(new FollowUp { VisitedOn = new DateOnly(2025, 5, 1), VisitedBy = "某" });
            db.KeyPersons.Add(person);
            db.RentalHouses.Add(new RentalHouse { Number = $"CZ-{i}", Subject = subject, Address = "某路", IsRegistered = true, RegisteredOn = new DateOnly(2024, 1, 1) });
            if (i % 10 == 0)
            {
                db.Petitions.Add(new Petition { Number = $"XF-{i}", Subject = subject, OccurredOn = new DateOnly(2025, 3, 1), Kind = PetitionKind.Individual });
                db.Accidents.Add(new Accident { Number = $"SG-{i}", Subject = subject, OccurredOn = new DateOnly(2025, 4, 1), IsImpactful = true });
                db.Cases.Add(new SecurityCase { Number = $"AJ-{i}", Subject = subject, OccurredOn = new DateOnly(2025, 5, 1), OffenderKeyPerson = person });
            }
        }
        await town.SaveAsync();
        db.ChangeTracker.Clear();
        db.SuppressRowAudit = false;
        db.ChangeTracker.AutoDetectChangesEnabled = true;

        counter.Reset();
        var facts = await new FactsGatherer(db).GatherAsync(new EvaluationPeriod(2025));
        var gather = counter.Count;
        Assert.Equal(subjectCount, facts.Count);

        counter.Reset();
        var outcome = await new EvaluationRunner(db, TimeProvider.System).RunAsync(2025, null);
        Assert.Equal(subjectCount, outcome.Counts.Subjects);
        Assert.Equal(subjectCount, await db.EvaluationResults.CountAsync(r => r.RunId == outcome.Run.Id));
        return (gather, counter.Queries, facts.Count);
    }

    [Fact]
    public async Task The_number_of_sql_queries_is_the_same_for_10_and_1000_subjects()
    {
        var small = await MeasureAsync(10);
        var large = await MeasureAsync(1000);

        Assert.Equal(FactsGatherer.QueryCount, small.Gather);
        Assert.Equal(small.Gather, large.Gather);
        Assert.Equal(small.RunQueries, large.RunQueries);
    }
}
