using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SanLing.Domain.Evaluation;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Evaluation;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Evaluation;

/// <summary>Counts the SQL commands a context executes (queries separately from writes).</summary>
internal sealed class CommandCounter : DbCommandInterceptor
{
    public int Queries { get; private set; }
    public int Commands { get; private set; }

    public void Reset() => (Queries, Commands) = (0, 0);

    private void Count(DbCommand command)
    {
        Commands++;
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            Queries++;
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>An evaluation runs the same number of SQL queries for 10 and for 1 000 subjects.</summary>
public sealed class EvaluationQueryCountTests
{
    private static async Task<(int Gather, int RunQueries, int Subjects)> MeasureAsync(int subjectCount)
    {
        var counter = new CommandCounter();
        using var baseFactory = new SanLingFactory(demo: false);
        using var factory = baseFactory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.ConfigureDbContext<SqliteSanLingDbContext>(o => o.AddInterceptors(counter))));
        _ = factory.Server;
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        var town = await new TownBuilder(db).CreateAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.SuppressRowAudit = true;
        var village = town.Subject("CUN01", SubjectKind.Village, grids: 2);
        town.InspectAllMonths(village, 2025);
        for (var i = 1; i < subjectCount; i++)
        {
            var subject = town.Subject($"QY{i:0000}", SubjectKind.Enterprise, village, grids: i % 3);
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
        var gather = counter.Commands;
        Assert.Equal(subjectCount, facts.Count);

        counter.Reset();
        var outcome = await new EvaluationRunner(db, TimeProvider.System).RunAsync(2025, null);
        Assert.Equal(subjectCount, outcome.Evaluations.Count);
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
