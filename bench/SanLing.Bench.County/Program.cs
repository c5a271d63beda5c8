using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Evaluation;
using SanLing.Infrastructure.Security;

namespace SanLing.Bench.County;

/// <summary>
/// County-scale benchmark (issue 15, item 5): T towns × S subjects with five years of records in ONE database, then
/// one town's annual 2025 evaluation and all T towns one after another, each town against its raw-SQL floor, peak
/// working set after one town and after all, database size, and the portal's own backup and restore.
/// Usage: dotnet run -c Release --project bench/SanLing.Bench.County -- [--towns 30] [--subjects 3000]
///        [--db sqlite|postgresql|both] [--pg "Host=…;Username=…"] [--web path/SanLing.Web.dll] [--no-recovery] [--keep DIR]
/// --no-recovery: backup and restore are skipped. --keep DIR (SQLite only): the towns belong to one county (B01), the
/// database and its keys stay in DIR (for bench/county-pages.sh); backup/restore and the lone-town database are skipped.
/// </summary>
public static class Program
{
    private const int Year = 2025;

    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        var dll = PortalCommand.Locate(options.Web);
        var results = new List<string>();
        if (options.Keep is not null && (options.Databases.Length != 1 || options.Databases[0] != "sqlite"))
        {
            Console.Error.WriteLine("--keep needs --db sqlite.");
            return 2;
        }
        if (options.Keep is { } keep)
        {
            if (Directory.Exists(keep) && Directory.EnumerateFileSystemEntries(keep).Any())
            {
                Console.Error.WriteLine($"--keep {keep}: the folder exists and is not empty.");
                return 2;
            }
            Directory.CreateDirectory(keep);
            results.Add(await MeasureAsync(() => new SqliteCountyDatabase(Path.GetFullPath(keep), keep: true), options, dll));
            Console.WriteLine(results[^1]);
        }
        else if (options.Databases.Contains("sqlite"))
        {
            results.Add(await MeasureAsync(() => new SqliteCountyDatabase(NewFolder()), options, dll));
            Console.WriteLine(results[^1]);
        }
        if (options.Databases.Contains("postgresql"))
        {
            using var cluster = options.PostgreSql is null ? PostgreSqlCluster.Start() : null;
            results.Add(await MeasureAsync(() => new PostgreSqlCountyDatabase(NewFolder(), options.PostgreSql ?? cluster!.Admin), options, dll));
            Console.WriteLine(results[^1]);
        }
        Console.WriteLine();
        Console.WriteLine("| database | towns × subjects | rows generated | generation s | size after load MB | size after runs MB | first run (cold) s | one town s | town 1 alone in its own database s (gather+judge + store) | all towns s | all ÷ (T × one) | town run s min / median / max | town floor s median, bare / real tables | run ÷ floor median (min–max), bare | run ÷ floor median (min–max), real tables | peak working set, one town MB | peak working set, all towns MB | backup s | backup MB | restore s |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var line in results)
        {
            Console.WriteLine(line);
        }
        return 0;
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sanling-county-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static async Task<string> MeasureAsync(Func<CountyDatabase> create, Options options, string dll)
    {
        using var database = create();
        Console.Error.WriteLine($"{database.Name}: {options.Towns} towns × {options.Subjects} subjects in {database.Folder}");
        var keep = options.Keep is not null;
        var (auditing, towns, rows, load) = await LoadAsync(database, options.Towns, options.Subjects, inCounty: keep);
        var sizeLoaded = database.Size();

        var cold = await EvaluateTownAsync(database, auditing, towns[0]);
        Console.Error.WriteLine($"  first run (cold): {cold}");
        var baseline = Memory.ResetPeak();
        // One town: the median of three runs of town 1 (the machine is shared; one run alone is noisy).
        var ones = new List<TownRun>();
        for (var i = 0; i < 3; i++)
        {
            ones.Add(await EvaluateTownAsync(database, auditing, towns[0]));
        }
        var one = ones.OrderBy(r => r.Run).ElementAt(1);
        var peakOne = Memory.PeakMegabytes();
        Console.Error.WriteLine($"  one town (median of {string.Join(", ", ones.Select(r => r.Run.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))} s): {one}; working set at reset {baseline:N0} MB, peak {peakOne:N0} MB");
        var all = new List<TownRun>();
        foreach (var town in towns)
        {
            var run = await EvaluateTownAsync(database, auditing, town);
            all.Add(run);
            Console.Error.WriteLine($"  town {town}: {run}; peak working set so far {Memory.PeakMegabytes():N0} MB");
        }
        var peakAll = Memory.PeakMegabytes();
        var allSeconds = all.Sum(r => r.Run.TotalSeconds);
        var sizeRuns = database.Size();

        if (keep)
        {
            await PublishHistoryAsync(database, auditing, towns);
            sizeRuns = database.Size();
            database.ClearPools();
            Console.Error.WriteLine($"  kept: {database.ConnectionString} with its keys in {database.KeyDirectory}; {Counts(database)}");
            const double MiB = 1024.0 * 1024.0;
            return string.Create(CultureInfo.InvariantCulture,
                $"| {database.Name} | {options.Towns} × {options.Subjects:N0} | {rows:N0} | {load.TotalSeconds:0} | {sizeLoaded / MiB:N0} | {sizeRuns / MiB:N0} | {cold.Run.TotalSeconds:0.00} | {one.Run.TotalSeconds:0.00} | — (--keep) | {allSeconds:0.0} | {allSeconds / (options.Towns * one.Run.TotalSeconds):0.00} | | | | | {peakOne:N0} | {peakAll:N0} | — | — | — |");
        }

        // Backup and restore through the portal's commands (skipped with --no-recovery: they take minutes at 30 towns).
        TimeSpan? backup = null;
        long backupSize = 0;
        TimeSpan? restore = null;
        if (options.Recovery)
        {
            var counts = Counts(database);
            database.ClearPools();
            var backupFile = Path.Combine(database.Folder, "county.backup");
            backup = PortalCommand.Run(dll, database, "backup", backupFile);
            backupSize = new FileInfo(backupFile).Length;
            restore = PortalCommand.Run(dll, database, "restore", backupFile);
            var restored = Counts(database);
            if (restored != counts)
            {
                throw new InvalidOperationException($"After restore: {restored}, before: {counts}.");
            }
            Console.Error.WriteLine($"  restored: {restored} as before");
        }

        // The same town 1 alone in a database of its own: what sharing the database with the other towns costs it.
        TownRun alone;
        TimeSpan judged;
        using (var single = create())
        {
            var (singleAuditing, singleTowns, _, _) = await LoadAsync(single, 1, options.Subjects);
            await EvaluateTownAsync(single, singleAuditing, singleTowns[0]);
            var runs = new List<TownRun>();
            for (var i = 0; i < 3; i++)
            {
                runs.Add(await EvaluateTownAsync(single, singleAuditing, singleTowns[0]));
            }
            alone = runs.OrderBy(r => r.Run).ElementAt(1);
            judged = await JudgeOnlyAsync(single, singleAuditing, singleTowns[0]);
            Console.Error.WriteLine($"  town 1 alone (median of {string.Join(", ", runs.Select(r => r.Run.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))} s): {alone}; gathering and judging alone (EvaluationRunner.JudgeAsync) {judged.TotalSeconds:0.00} s");
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
        static string Seconds(TimeSpan? time) => time is { } t ? t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "—";
        var runSeconds = all.Select(r => r.Run.TotalSeconds).ToList();
        var ratios = all.Select(r => r.RunOverFloor).ToList();
        var schemaRatios = all.Select(r => r.RunOverSchemaFloor).ToList();
        const double MB = 1024.0 * 1024.0;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {database.Name} | {options.Towns} × {options.Subjects:N0} | {rows:N0} | {load.TotalSeconds:0} | {sizeLoaded / MB:N0} | {sizeRuns / MB:N0} | {cold.Run.TotalSeconds:0.00} | {one.Run.TotalSeconds:0.00} | {alone.Run.TotalSeconds:0.00} ({judged.TotalSeconds:0.00} + {(alone.Run - judged).TotalSeconds:0.00}) | {allSeconds:0.0} | {allSeconds / (options.Towns * one.Run.TotalSeconds):0.00} | {runSeconds.Min():0.00} / {Median(runSeconds):0.00} / {runSeconds.Max():0.00} | {Median(all.Select(r => r.Floor.TotalSeconds)):0.00} / {Median(all.Select(r => r.SchemaFloor.TotalSeconds)):0.00} | {Median(ratios):0.0}× ({ratios.Min():0.0}–{ratios.Max():0.0}×) | {Median(schemaRatios):0.0}× ({schemaRatios.Min():0.0}–{schemaRatios.Max():0.0}×) | {peakOne:N0} | {peakAll:N0} | {Seconds(backup)} | {(backup is null ? "—" : (backupSize / MB).ToString("N0", CultureInfo.InvariantCulture))} | {Seconds(restore)} |");
    }

    /// <summary>
    /// The schema, the towns (through EF, each with its own 2020 rule set, as setup makes a town; with
    /// <paramref name="inCounty"/> all in one county, as <c>setup … --county</c> places them), then the generated records.
    /// </summary>
    private static async Task<(AuditingInterceptor Auditing, List<int> Towns, long Rows, TimeSpan Load)> LoadAsync(CountyDatabase database, int townCount, int subjects, bool inCounty = false)
    {
        var keys = KeyMaterial.Load(new ConfigurationBuilder().Build(), database.Folder, database.KeyDirectory);
        var auditing = new AuditingInterceptor(TimeProvider.System, new AuditAnchor(keys), new AuditFieldProtector(new EphemeralDataProtectionProvider()));
        var towns = new List<int>();
        var actor = new CurrentActor();
        await using (var db = database.NewContext(actor, auditing))
        {
            await db.Database.MigrateAsync();
            SanLing.Domain.Common.County? county = null;
            if (inCounty)
            {
                county = new SanLing.Domain.Common.County { Code = "B01", Name = "基准县" };
                db.Counties.Add(county);
                await db.SaveChangesAsync();
            }
            for (var t = 1; t <= townCount; t++)
            {
                var town = new Town { Code = $"T{t:00}", Name = $"基准{t}镇", CountyId = county?.Id };
                db.Towns.Add(town);
                await db.SaveChangesAsync();
                actor.ActAsSystem(town.Id, "bench");
                db.RuleSets.Add(DefaultRuleSet.Create2020());
                await db.SaveChangesAsync();
                towns.Add(town.Id);
            }
        }

        var load = Stopwatch.StartNew();
        long rows;
        using (var sink = database.NewSink())
        {
            var generator = new Generator(sink);
            foreach (var town in towns)
            {
                generator.Town(town, subjects);
                Console.Error.Write($"\r  generated town {town}/{towns.Count}: {generator.Rows:N0} rows, {load.Elapsed.TotalSeconds:0} s");
            }
            generator.Complete();
            rows = generator.Rows;
        }
        load.Stop();
        Console.Error.WriteLine();
        if (database is PostgreSqlCountyDatabase)
        {
            // What autovacuum does soon after a bulk load: the planner's statistics.
            await using var db = database.NewContext(new CurrentActor());
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        return (auditing, towns, rows, load.Elapsed);
    }

    /// <summary>One town's annual run through <see cref="EvaluationRunner"/>, then its floor on the SELECTs the run sent.</summary>
    private static async Task<TownRun> EvaluateTownAsync(CountyDatabase database, AuditingInterceptor auditing, int townId)
    {
        var actor = new CurrentActor();
        actor.ActAsSystem(townId, "bench");
        var capture = new ReadCapture();
        int subjects;
        int items;
        TimeSpan elapsed;
        FloorTimes floor;
        await using (var db = database.NewContext(actor, auditing, capture))
        {
            var runner = new EvaluationRunner(db, TimeProvider.System);
            var clock = Stopwatch.StartNew();
            var outcome = await runner.RunAsync(Year, null);
            clock.Stop();
            elapsed = clock.Elapsed;
            subjects = outcome.Counts.Subjects;
            items = outcome.Counts.Items;
            var reads = capture.Reads.ToList();
            // The run streams its verdicts into the database and hands none back: judge again, untimed, so the floor
            // writes the very same rows.
            var (_, evaluations) = await runner.JudgeAsync(await runner.PeriodAsync(Year, null));
            using var connection = database.NewConnection();
            floor = Floor.Measure(connection, reads, evaluations, outcome.Run.Id);
        }
        return new TownRun(elapsed, floor, subjects, items);
    }

    /// <summary>
    /// For a kept database (--keep), untimed: what a county has after five years, each town's published annual runs of
    /// 2021–2025 (the county dashboard shows published runs, with a trend by year). 2021–2024 are run in order, then 2025
    /// once more (the timed runs above had no 2024 run before them); each run is published as an office publishes it.
    /// </summary>
    private static async Task PublishHistoryAsync(CountyDatabase database, AuditingInterceptor auditing, List<int> towns)
    {
        var clock = Stopwatch.StartNew();
        foreach (var town in towns)
        {
            for (var year = Year - 4; year <= Year; year++)
            {
                var actor = new CurrentActor();
                actor.ActAsSystem(town, "bench");
                await using var db = database.NewContext(actor, auditing);
                var outcome = await new EvaluationRunner(db, TimeProvider.System).RunAsync(year, null);
                var run = await db.EvaluationRuns.SingleAsync(r => r.Id == outcome.Run.Id);
                run.Publish(DateTimeOffset.UtcNow, "bench");
                await db.SaveChangesAsync();
            }
            Console.Error.Write($"\r  published {Year - 4}–{Year} of town {town}/{towns.Count}, {clock.Elapsed.TotalSeconds:0} s");
        }
        Console.Error.WriteLine();
    }

    /// <summary>Gathering and judging without storing (the early-warning path): the run's time minus this is the store.</summary>
    private static async Task<TimeSpan> JudgeOnlyAsync(CountyDatabase database, AuditingInterceptor auditing, int townId)
    {
        var actor = new CurrentActor();
        actor.ActAsSystem(townId, "bench");
        await using var db = database.NewContext(actor, auditing);
        var runner = new EvaluationRunner(db, TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var (_, evaluations) = await runner.JudgeAsync(await runner.PeriodAsync(Year, null));
        clock.Stop();
        GC.KeepAlive(evaluations);
        return clock.Elapsed;
    }

    /// <summary>Row counts across all towns (no filter), to check the restore brought everything back.</summary>
    private static string Counts(CountyDatabase database)
    {
        using var connection = database.NewConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT (SELECT COUNT(*) FROM "Inspections"), (SELECT COUNT(*) FROM "EvaluationResults"), (SELECT COUNT(*) FROM "AuditEntries")""";
        using var reader = command.ExecuteReader();
        reader.Read();
        return string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt64(0):N0} inspections, {reader.GetInt64(1):N0} results, {reader.GetInt64(2):N0} audit lines");
    }
}

internal sealed record TownRun(TimeSpan Run, FloorTimes Floors, int Subjects, int Items)
{
    /// <summary>The floor writing into bare temporary tables.</summary>
    public TimeSpan Floor => Floors.Read + Floors.BareWrite;

    /// <summary>The floor writing into the real tables (their indexes and foreign keys).</summary>
    public TimeSpan SchemaFloor => Floors.Read + Floors.SchemaWrite;

    public double RunOverFloor => Run / Floor;

    public double RunOverSchemaFloor => Run / SchemaFloor;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"run {Run.TotalSeconds:0.00} s ({Subjects:N0} results, {Items:N0} items); floor {Floors.Read.TotalSeconds:0.00} s read ({Floors.RowsRead:N0} rows) + write {Floors.BareWrite.TotalSeconds:0.00} s bare / {Floors.SchemaWrite.TotalSeconds:0.00} s real tables = {RunOverFloor:0.0}× / {RunOverSchemaFloor:0.0}×");
}

/// <summary>Peak working set (VmHWM), reset on Linux through /proc/self/clear_refs so generation does not count.</summary>
internal static class Memory
{
    public static double ResetPeak()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("  (peak working set cannot be reset here: it includes generation)");
        }
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }

    public static double PeakMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1024.0 / 1024.0;
    }
}

internal sealed record Options(int Towns, int Subjects, string[] Databases, string? PostgreSql, string? Web, bool Recovery, string? Keep)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var db = Value("--db") ?? "both";
        return new Options(
            int.Parse(Value("--towns") ?? "30", CultureInfo.InvariantCulture),
            int.Parse(Value("--subjects") ?? "3000", CultureInfo.InvariantCulture),
            db == "both" ? ["sqlite", "postgresql"] : [db.ToLowerInvariant()],
            Value("--pg"),
            Value("--web"),
            !args.Contains("--no-recovery"),
            Value("--keep"));
    }
}
