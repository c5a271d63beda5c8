using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SanLing.Infrastructure.Data;

namespace SanLing.Web.Tests.Support;

/// <summary>
/// The real portal (Program.cs, start-up migration and seeding included) on its own SQLite file.
/// The clock is a <see cref="TestClock"/> that tests can move. <c>demo: null</c> leaves Demo:Enabled to the shipped
/// configuration of <paramref name="environment"/>. The second factor is not required unless a test asks for it
/// (<paramref name="requireTwoFactor"/>: true, or null for the shipped default, which requires it in Production), so
/// tests that sign in as admin or office on a Production portal need no authenticator.
/// </summary>
public class SanLingFactory : WebApplicationFactory<Program>
{
    private readonly bool? _demo;
    private readonly string _environment;
    private readonly bool? _requireTwoFactor;

    public SanLingFactory(bool? demo = true, string environment = "Testing", string? databasePath = null, bool? requireTwoFactor = false)
    {
        _demo = demo;
        _environment = environment;
        _requireTwoFactor = requireTwoFactor;
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), "sanling-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
    }

    public string DatabasePath { get; }

    /// <summary>This portal's key folder (key file, audit key, head checkpoint): one per database, never shared between tests.</summary>
    public string KeyDirectory => KeyDirectoryFor(DatabasePath);

    /// <summary>The key folder that goes with a database file: <c>x.db</c> → <c>x-keys</c> beside it (also for <see cref="PortalProcess"/>).</summary>
    public static string KeyDirectoryFor(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(databasePath)!, Path.GetFileNameWithoutExtension(databasePath) + "-keys");

    /// <summary>This portal's photo folder (<c>x.db</c> → <c>x-photos</c>): one per database, never shared between tests.</summary>
    public string PhotoDirectory => Path.Combine(Path.GetDirectoryName(DatabasePath)!, Path.GetFileNameWithoutExtension(DatabasePath) + "-photos");

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8)));

    /// <summary>Settings of this portal on top of the tests' defaults (set them before the first request).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Services of this portal on top of the app's (set before the first request), e.g. a log sink.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("ConnectionStrings:SanLing", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("DataProtection:KeyDirectory", KeyDirectory);
        builder.UseSetting("Photos:Directory", PhotoDirectory);
        if (_demo is { } demo)
        {
            builder.UseSetting("Demo:Enabled", demo ? "true" : "false");
        }
        if (_requireTwoFactor is { } requireTwoFactor)
        {
            builder.UseSetting("Security:RequireTwoFactor", requireTwoFactor ? "true" : "false");
        }
        builder.UseSetting("Security:LoginAttemptsPerMinute", "1000");
        builder.UseSetting("Security:LoginAttemptsPerAccountPerMinute", "1000");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // The notification job would query on its own schedule (and upset query counts); tests run it by hand.
        builder.UseSetting("Notifications:Pump", "false");
        // No as-of refresh racing a test's own town building; tests refresh explicitly (or drive the job).
        builder.UseSetting("Evaluation:RefreshAsOfOnStart", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            TestServices?.Invoke(services);
        });
    }

    /// <summary>Runs <paramref name="work"/> against the app's database as the system actor of the (only) town.</summary>
    public async Task<T> WithDbAsync<T>(Func<SanLingDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        // The first town created: without an order SQLite may answer from the CountyId index, where a town without a county comes first.
        var town = db.Towns.OrderBy(t => t.Id).Select(t => (int?)t.Id).FirstOrDefault();
        if (town is { } id)
        {
            db.Actor.ActAsSystem(id, "test");
        }
        return await work(db);
    }

    public Task WithDbAsync(Func<SanLingDbContext, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return true;
    });

    public HttpClient CreateBrowserlessClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>Leaves the database and key files behind on dispose (a test that starts several portals on one folder cleans up itself).</summary>
    public bool KeepFiles { get; init; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (KeepFiles)
        {
            return;
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(DatabasePath + suffix);
            }
            catch (IOException)
            {
                // best effort: a temp file left behind is harmless
            }
        }
        try
        {
            if (Directory.Exists(KeyDirectory))
            {
                Directory.Delete(KeyDirectory, recursive: true);
            }
            if (Directory.Exists(PhotoDirectory))
            {
                Directory.Delete(PhotoDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // best effort, as above
        }
    }
}

/// <summary>A clock the tests set; the app reads the time only through <see cref="TimeProvider"/>.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
}

/// <summary>One demo-town portal shared by the tests of a collection.</summary>
public sealed class DemoTownFixture : IDisposable
{
    public SanLingFactory Factory { get; } = DemoTown.Start(kestrel: false);

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// Demo-town portals for the tests. The first one seeds for real (start-up migration and seeding are tested that way);
/// a <c>VACUUM INTO</c> snapshot of it then starts every later one in a fraction of a second.
/// </summary>
public static class DemoTown
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _snapshot;

    /// <summary>A demo-town portal; <paramref name="configure"/> may set its <see cref="SanLingFactory.Settings"/> and services first.</summary>
    public static SanLingFactory Start(bool kestrel, Action<SanLingFactory>? configure = null, string environment = "Testing", bool? requireTwoFactor = false)
    {
        Gate.Wait();
        try
        {
            var factory = new SanLingFactory(demo: true, environment: environment, requireTwoFactor: requireTwoFactor);
            configure?.Invoke(factory);
            if (_snapshot is not null)
            {
                File.Copy(_snapshot, factory.DatabasePath);
                // The snapshot's key ring is encrypted with its own key file, and its trail sealed with its audit key.
                CopyFolder(SanLingFactory.KeyDirectoryFor(_snapshot), factory.KeyDirectory);
            }
            if (kestrel)
            {
                factory.UseKestrel(0);
                factory.StartServer();
            }
            else
            {
                _ = factory.Server;
            }
            if (_snapshot is null)
            {
                var snapshot = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, $"demo-snapshot-{Guid.NewGuid():N}.db");
                factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"VACUUM INTO {snapshot}")).GetAwaiter().GetResult();
                CopyFolder(factory.KeyDirectory, SanLingFactory.KeyDirectoryFor(snapshot));
                _snapshot = snapshot;
            }
            return factory;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoTownCollection : ICollectionFixture<DemoTownFixture>
{
    public const string Name = "demo town";
}
