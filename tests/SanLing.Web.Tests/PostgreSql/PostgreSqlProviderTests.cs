using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SanLing.Domain.Auditing;
using SanLing.Domain.Evaluation;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Evaluation;
using SanLing.Infrastructure.Excel;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Imports;
using SanLing.Web.Tests.Support;
using Xunit.Abstractions;

namespace SanLing.Web.Tests.PostgreSql;

/// <summary>
/// One PostgreSQL database for the class: the portal started on it (start-up migration included), a town with an
/// office account, and the town's real 2024 workbooks imported through the import code, as on SQLite.
/// </summary>
public sealed class PostgreSqlTownFixture : IDisposable
{
    /// <summary>Dependency order, as in <see cref="SampleWorkbookTests"/>.</summary>
    public static readonly string[] Order =
        ["subjects", "grids", "key-persons", "petitions", "accidents", "cases", "rental-houses", "inspections", "attestations"];

    private readonly Lazy<SanLingFactory> _factory;

    public PostgreSqlTownFixture()
    {
        _factory = new Lazy<SanLingFactory>(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string DatabaseName { get; } = $"sanling_test_{Guid.NewGuid():N}";

    public string ConnectionString { get; private set; } = "";

    public SanLingFactory Factory => _factory.Value;

    public Dictionary<string, IReadOnlyList<ImportResult>> FirstImports { get; } = [];

    /// <summary>Seconds each step of the start took (reported by the tests, to keep CI time in view).</summary>
    public Dictionary<string, double> Timings { get; } = [];

    private SanLingFactory Start()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ConnectionString = PostgreSqlServer.CreateDatabaseAsync(DatabaseName).GetAwaiter().GetResult();
        Timings["server and database"] = clock.Elapsed.TotalSeconds;
        var factory = new SanLingFactory(demo: false);
        factory.Settings["Database:Provider"] = "PostgreSql";
        factory.Settings["ConnectionStrings:SanLing"] = ConnectionString;
        clock.Restart();
        _ = factory.Server;
        Timings["portal start and migrations"] = clock.Elapsed.TotalSeconds;
        new TownBuilder("TOWN", "本镇").WithRuleSet().User("office", Roles.Office).BuildAsync(factory).GetAwaiter().GetResult();
        clock.Restart();
        var folder = PortalProcess.SamplesFolder();
        foreach (var template in Order)
        {
            using var stream = File.OpenRead(Path.Combine(folder, template + ".xlsx"));
            var result = SmallTownFixture.ImportAsync(factory, template, stream).GetAwaiter().GetResult();
            FirstImports[template] = [result];
        }
        Timings["nine sample imports"] = clock.Elapsed.TotalSeconds;
        return factory;
    }

    public void Dispose()
    {
        if (_factory.IsValueCreated)
        {
            _factory.Value.Dispose();
            PostgreSqlServer.DropDatabaseAsync(DatabaseName).GetAwaiter().GetResult();
        }
    }
}

/// <summary>
/// SanLing on a real PostgreSQL server (issue 15): migrations, the sample imports, an evaluation, the audit chain under
/// concurrency, backup and restore with pg_dump/pg_restore, and the concurrency token. Skipped without PostgreSQL
/// binaries; in CI (.ci/run) a missing server fails.
/// </summary>
public sealed class PostgreSqlProviderTests(PostgreSqlTownFixture town, ITestOutputHelper output) : IClassFixture<PostgreSqlTownFixture>
{
    private SanLingFactory Factory => town.Factory;

    [PostgreSqlFact]
    public async Task Migrations_build_a_fresh_database_with_nothing_pending()
    {
        var (pending, applied, known, modelChanges) = await Factory.WithDbAsync(async db =>
            (await db.Database.GetPendingMigrationsAsync(), await db.Database.GetAppliedMigrationsAsync(), db.Database.GetMigrations(), db.Database.HasPendingModelChanges()));

        Assert.IsType<PostgreSqlSanLingDbContext>(Factory.Services.CreateScope().ServiceProvider.GetRequiredService<SanLingDbContext>());
        Assert.Empty(pending);
        Assert.Equal(known, applied);
        Assert.False(modelChanges);
        foreach (var (step, seconds) in town.Timings)
        {
            output.WriteLine($"{step}: {seconds:0.0} s");
        }
    }

    [PostgreSqlFact]
    public async Task The_sample_workbooks_import_without_a_refused_row_and_again_without_change()
    {
        var folder = PortalProcess.SamplesFolder();
        foreach (var template in PostgreSqlTownFixture.Order)
        {
            var first = town.FirstImports[template].Single();
            ImportAssert.Succeeded(first);
            Assert.Contains(first.Counts, c => c.Inserted > 0);

            await using var stream = File.OpenRead(Path.Combine(folder, template + ".xlsx"));
            var again = await SmallTownFixture.ImportAsync(Factory, template, stream);
            ImportAssert.Succeeded(again);
            // The inspections' findings sheet adds its rows again by design (see SampleWorkbookTests); nothing else does.
            Assert.All(again.Counts, c => Assert.Equal(0, template == "inspections" && c.Sheet == "发现"
                ? c.Inserted - first.Counts.Single(f => f.Sheet == c.Sheet).Inserted
                : c.Inserted));
        }
        Assert.Null(await Factory.WithDbAsync(db => AuditChain.FirstBrokenLineAsync(db)));
    }

    [PostgreSqlFact]
    public async Task An_evaluation_of_2024_writes_a_verdict_for_every_subject_and_item()
    {
        var (subjects, results, items, vetoed, run) = await Factory.WithDbAsync(async db =>
        {
            var outcome = await new EvaluationRunner(db, TimeProvider.System).RunAsync(2024, null);
            var id = outcome.Run.Id;
            // The subjects active at the year's end are judged (SubjectRules.ActiveOn, as on SQLite).
            return (await db.Subjects.CountAsync(Subject.ActiveOn(new EvaluationPeriod(2024).CutOff)),
                await db.EvaluationResults.CountAsync(r => r.RunId == id),
                await db.EvaluationItemResults.CountAsync(i => db.EvaluationResults.Any(r => r.Id == i.ResultId && r.RunId == id)),
                await db.EvaluationResults.CountAsync(r => r.RunId == id && r.IsVetoed),
                outcome);
        });

        Assert.True(subjects > 0);
        Assert.Equal(subjects, run.Counts.Subjects);
        Assert.Equal(subjects, results);
        Assert.Equal(run.Counts.Items, items);
        Assert.Equal(run.Counts.Vetoed, vetoed);
        // The results page reads them back through EF (COPY wrote them).
        var client = await Factory.CreateBrowserlessClient().LoggedInAsync("office", TownBuilder.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Evaluation/Results/{run.Run.Id}")).StatusCode);
    }

    [PostgreSqlFact]
    public async Task Simultaneous_views_and_a_second_process_appending_leave_an_intact_chain()
    {
        var personId = await Factory.WithDbAsync(db => db.KeyPersons.OrderBy(k => k.Id).Select(k => k.Id).FirstAsync());
        var townId = await Factory.WithDbAsync(db => db.Towns.Select(t => t.Id).SingleAsync());
        var client = await Factory.CreateBrowserlessClient().LoggedInAsync("office", TownBuilder.Password);
        var viewsBefore = await ViewCountAsync(personId);
        var linesBefore = await Factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        // Another connection string stands for a command running beside the portal: its own pool and its own in-process
        // gate, so only the database's advisory lock orders the two.
        var command = new NpgsqlConnectionStringBuilder(town.ConnectionString) { ApplicationName = "command", Pooling = false }.ToString();

        var views = Enumerable.Range(0, 30).Select(_ => client.GetAsync($"/KeyPersons/Details/{personId}"));
        var appends = Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            var actor = new CurrentActor();
            actor.ActAsSystem(townId, "command");
            var options = new DbContextOptionsBuilder<PostgreSqlSanLingDbContext>().UseNpgsql(command)
                .AddInterceptors(Factory.Services.GetRequiredService<AuditingInterceptor>()).Options;
            await using var db = new PostgreSqlSanLingDbContext(options, actor);
            await AuditChain.AppendAsync(db, TimeProvider.System, AuditAction.Export, "Test", i.ToString(CultureInfo.InvariantCulture), null);
            return HttpStatusCode.OK;
        }));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var responses = await Task.WhenAll(views.Select(async v => (await v).StatusCode).Concat(appends));
        output.WriteLine($"30 views + 30 appends at once: {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.All(responses, s => Assert.Equal(HttpStatusCode.OK, s));
        var verification = await Factory.WithDbAsync(db => AuditChain.VerifyAndRecordAsync(db, TimeProvider.System));
        Assert.True(verification.Intact, $"审计日志在第 {verification.BrokenAt} 条处断链（{verification.Problem}）");
        Assert.Equal(viewsBefore + 30, await ViewCountAsync(personId));
        Assert.Equal(linesBefore + 30 + 30 + 1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [PostgreSqlFact]
    public async Task A_stale_edit_is_refused_and_a_current_one_saved()
    {
        var petition = await Factory.WithDbAsync(async db =>
        {
            var subject = await db.Subjects.OrderBy(s => s.Id).FirstAsync();
            var added = new Petition { Number = "XF-PG-STALE", Subject = subject, OccurredOn = new DateOnly(2026, 5, 1), Kind = PetitionKind.Individual };
            db.Petitions.Add(added);
            await db.SaveChangesAsync();
            return added;
        });
        var client = await Factory.CreateBrowserlessClient().LoggedInAsync("office", TownBuilder.Password);
        var token = await client.AntiforgeryTokenAsync($"/Petitions/Details/{petition.Id}");

        var stale = await client.PostFormAsync($"/Petitions/Resolve/{petition.Id}", token, [new("Version", Guid.NewGuid().ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.NotEqual(PetitionStatus.Resolved, await StatusAsync(petition.Id));

        var current = await client.PostFormAsync($"/Petitions/Resolve/{petition.Id}", token, [new("Version", petition.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, current.StatusCode);
        Assert.Equal(PetitionStatus.Resolved, await StatusAsync(petition.Id));

        // The version it was loaded at is now stale too.
        var again = await client.PostFormAsync($"/Petitions/Delete/{petition.Id}", token, [new("version", petition.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Petitions.CountAsync(p => p.Id == petition.Id)));
    }

    [PostgreSqlFact]
    public async Task Backup_and_restore_with_pg_dump_bring_back_the_data_and_an_intact_chain()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sanling-tests", $"pg-backup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var backup = Path.Combine(folder, "sanling.dump");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var backedUp = await CommandAsync("backup", backup);
            output.WriteLine($"backup: {clock.Elapsed.TotalSeconds:0.0} s, {new FileInfo(backup).Length / 1024} KB");
            Assert.True(backedUp.ExitCode == 0, backedUp.Error);
            Assert.Contains("pg_dump", backedUp.Output, StringComparison.Ordinal);
            Assert.Contains("不在备份中", backedUp.Output, StringComparison.Ordinal);
            var petitions = await Factory.WithDbAsync(db => db.Petitions.CountAsync());

            // After the backup: a petition added, then the backup restored over it.
            await Factory.WithDbAsync(async db =>
            {
                db.Petitions.Add(new Petition { Number = "XF-AFTER-BACKUP", SubjectId = await db.Subjects.Select(s => s.Id).FirstAsync(), OccurredOn = new DateOnly(2026, 6, 1), Kind = PetitionKind.Individual });
                await db.SaveChangesAsync();
            });
            clock.Restart();
            var restored = await CommandAsync("restore", backup);
            output.WriteLine($"restore: {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(restored.ExitCode == 0, restored.Error + restored.Output);
            Assert.Contains("pg_restore", restored.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(backup + ".before-restore-" + restored.Output.Split(".before-restore-")[1][..14]), "the replaced database is kept");

            NpgsqlConnection.ClearAllPools();
            Assert.Equal(petitions, await Factory.WithDbAsync(db => db.Petitions.CountAsync()));
            Assert.False(await Factory.WithDbAsync(db => db.Petitions.AnyAsync(p => p.Number == "XF-AFTER-BACKUP")));
            // Checked with the audit key and the head checkpoint, which the restore reset to the restored trail.
            var verification = await Factory.WithDbAsync(db => AuditChain.VerifyAndRecordAsync(db, TimeProvider.System));
            Assert.True(verification.Intact, $"{verification.Problem} at {verification.BrokenAt}");

            // Not a SanLing archive, and no pg_dump: refused with a message that says what to do.
            var foreign = Path.Combine(folder, "notes.dump");
            await File.WriteAllTextAsync(foreign, "这不是备份");
            var refused = await CommandAsync("restore", foreign);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("pg_restore", refused.Error, StringComparison.Ordinal);
            var noTools = await CommandAsync("backup", Path.Combine(folder, "b.dump"), ("Database__PostgreSqlBin", Path.Combine(folder, "no-such-folder")));
            Assert.Equal(1, noTools.ExitCode);
            Assert.Contains("找不到 pg_dump", noTools.Error, StringComparison.Ordinal);
            Assert.Contains("postgresql-client", noTools.Error, StringComparison.Ordinal);
        }
        finally
        {
            PortalProcess.DeleteFolder(folder);
        }
    }

    /// <summary>The portal's executable running a command on this class's database, with the in-process portal's key folder.</summary>
    private Task<(int ExitCode, string Output, string Error)> CommandAsync(string command, string file, params (string Name, string Value)[] extra)
    {
        var process = new PortalProcess(Path.Combine(Path.GetTempPath(), "sanling-tests", "unused.db"))
        {
            Environment =
            {
                ["Database__Provider"] = "PostgreSql",
                ["ConnectionStrings__SanLing"] = town.ConnectionString,
                ["DataProtection__KeyDirectory"] = Factory.KeyDirectory,
            },
        };
        foreach (var (name, value) in extra)
        {
            process.Environment[name] = value;
        }
        return process.RunAsync("", command, file);
    }

    private Task<PetitionStatus> StatusAsync(int id) =>
        Factory.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.Status).SingleAsync());

    private Task<int> ViewCountAsync(int personId) => Factory.WithDbAsync(db =>
        db.AuditEntries.CountAsync(a => a.Action == AuditAction.View && a.EntityType == nameof(KeyPerson) && a.EntityId == personId.ToString(CultureInfo.InvariantCulture)));
}
