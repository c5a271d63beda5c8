using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Evaluation;

namespace SanLing.Bench;

/// <summary>
/// Evaluation benchmark: builds a town of N subjects with one year (2025) of ledgers and monthly inspections in a
/// SQLite file (raw prepared commands in one transaction), then times facts gathering, judging and storing the run.
/// Usage: dotnet run -c Release --project bench/SanLing.Bench -- [N ...]   (default: 1000 10000)
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000];
        Console.WriteLine("| subjects | rows loaded | load s | gather s | judge s | store s | SQL queries (gather) | EF commands (run) | rows written (run) | subjects/s (gather+judge+store) | floor rows read | floor read s | floor write s | evaluation ÷ floor | peak working set MB | allocated MB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in sizes)
        {
            await RunAsync(n);
        }
        return 0;
    }

    /// <summary>The audit interceptor with throw-away keys beside the bench database.</summary>
    private static AuditingInterceptor BenchInterceptor(string databasePath)
    {
        var keys = SanLing.Infrastructure.Security.KeyMaterial.Load(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), Path.GetTempPath(), databasePath + "-keys");
        return new AuditingInterceptor(TimeProvider.System, new SanLing.Infrastructure.Security.AuditAnchor(keys),
            new SanLing.Infrastructure.Security.AuditFieldProtector(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()));
    }

    private static async Task RunAsync(int subjects)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sanling-bench-{subjects}-{Guid.NewGuid():N}.db");
        var counter = new CommandCounter();
        var actor = new CurrentActor();
        var options = new DbContextOptionsBuilder<SqliteSanLingDbContext>()
            .UseSqlite($"Data Source={path}")
            .AddInterceptors(BenchInterceptor(path), counter)
            .Options;
        try
        {
            await using (var db = new SqliteSanLingDbContext(options, actor))
            {
                await db.Database.MigrateAsync();
                var town = new Town { Code = "BENCH", Name = "基准镇" };
                db.Towns.Add(town);
                await db.SaveChangesAsync();
                actor.ActAsSystem(town.Id, "bench");
                db.RuleSets.Add(DefaultRuleSet.Create2020());
                await db.SaveChangesAsync();
            }

            var load = Stopwatch.StartNew();
            var rows = Generator.Load(path, actor.TownId!.Value, subjects);
            load.Stop();

            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(true);
            await using var context = new SqliteSanLingDbContext(options, actor);
            var runner = new EvaluationRunner(context, TimeProvider.System);

            // Gathering alone: the facts streamed subject by subject and dropped.
            counter.Reset();
            var gather = Stopwatch.StartNew();
            var period = await runner.PeriodAsync(2025, null);
            var gathered = 0;
            await foreach (var _ in new FactsGatherer(context).StreamAsync(period))
            {
                gathered++;
            }
            gather.Stop();
            var gatherQueries = counter.Commands;
            var gatherReads = counter.Readers.ToList();

            // The raw-SQL floor's read: the very SELECTs the gatherer sent, replayed on a plain connection.
            var (floorRead, floorRows) = Floor.Read(path, gatherReads);

            // Judging alone (the gathering again, not timed), each verdict handed to the floor's raw writer (timed apart).
            var ruleSet = await runner.RuleSetForAsync(2025);
            var judge = new Stopwatch();
            var floorWrite = new Stopwatch();
            var judged = 0;
            using (var floorWriter = new FloorWriter(path))
            {
                await foreach (var facts in new FactsGatherer(context).StreamAsync(period))
                {
                    judge.Start();
                    var evaluation = Evaluator.Judge(ruleSet!, facts, period);
                    judge.Stop();
                    judged++;
                    floorWrite.Start();
                    floorWriter.Write(evaluation);
                    floorWrite.Stop();
                }
                floorWrite.Start();
                floorWriter.Commit();
                floorWrite.Stop();
            }

            // The stored run, end to end (gathers and judges again, writing each result as it is judged).
            counter.Reset();
            var store = Stopwatch.StartNew();
            var outcome = await runner.RunAsync(2025, null);
            store.Stop();
            var runCommands = counter.Commands;
            var storeOnly = store.Elapsed - gather.Elapsed - judge.Elapsed;

            var total = gather.Elapsed + judge.Elapsed + (storeOnly > TimeSpan.Zero ? storeOnly : TimeSpan.Zero);
            var allocated = (GC.GetTotalAllocatedBytes(true) - allocatedBefore) / 1024.0 / 1024.0;
            var rowsWritten = outcome.Counts.Subjects + outcome.Counts.Items;
            var floor = floorRead + floorWrite.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {subjects:N0} | {rows:N0} | {load.Elapsed.TotalSeconds:0.0} | {gather.Elapsed.TotalSeconds:0.00} | {judge.Elapsed.TotalSeconds:0.00} | {Math.Max(0, storeOnly.TotalSeconds):0.00} | {gatherQueries} | {runCommands} | {rowsWritten:N0} | {subjects / total.TotalSeconds:N0} | {floorRows:N0} | {floorRead.TotalSeconds:0.00} | {floorWrite.Elapsed.TotalSeconds:0.00} | {total / floor:0.0}× | {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:N0} | {allocated:N0} |"));
            Console.Error.WriteLine($"  ({subjects}: {gathered} gathered, {judged} judged, {outcome.Counts.Compliant} 达标, run #{outcome.Run.Id} stored in {store.Elapsed.TotalSeconds:0.00} s end to end)");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }
}

/// <summary>Counts executed SQL commands.</summary>
internal sealed class CommandCounter : DbCommandInterceptor
{
    public int Commands { get; private set; }

    /// <summary>The readers opened since the last reset, for the raw-SQL floor.</summary>
    public List<CapturedCommand> Readers { get; } = [];

    public void Reset()
    {
        Commands = 0;
        Readers.Clear();
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Commands++;
        Readers.Add(Floor.Capture(command));
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Commands++;
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Commands++;
        return ValueTask.FromResult(result);
    }
}
