using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SanLing.Domain.Common;
using SanLing.Infrastructure.Security;

namespace SanLing.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The one place the database provider is chosen (<c>Database:Provider</c>, default Sqlite).</summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "SanLing";
    public const string DefaultSqliteConnection = "Data Source=App_Data/sanling.db";

    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value) || value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Sqlite;
        }
        if (value.Equals("SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.SqlServer;
        }
        throw new InvalidOperationException($"不支持的数据库类型 Database:Provider = \"{value}\"（可选 Sqlite、SqlServer）。");
    }

    public static IServiceCollection AddSanLingData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.TryAddSingleton<TimeProvider>(new TownTimeProvider(LocalClock.ResolveZone(configuration["TimeZone"])));
        services.AddSingleton<AuditingInterceptor>();
        services.AddScoped<CurrentActor>();

        var provider = ProviderFrom(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqlitePath(connectionString ?? DefaultSqliteConnection, contentRoot);
                services.AddDbContext<SanLingDbContext, SqliteSanLingDbContext>((sp, options) => Common(options.UseSqlite(sqlite), sp));
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("使用 SQL Server 时必须配置连接字符串 ConnectionStrings:SanLing。");
                }
                services.AddDbContext<SanLingDbContext, SqlServerSanLingDbContext>((sp, options) => Common(options.UseSqlServer(connectionString), sp));
                break;
        }

        // Keys in the database under one application name: instances share cookies and antiforgery tokens.
        services.AddDataProtection()
            .SetApplicationName("SanLing")
            .PersistKeysToDbContext<SanLingDbContext>();
        services.AddSingleton<DatabaseSecretStore>();
        services.AddSingleton<IdNumberProtector>();
        services.AddScoped<Seed.DemoTownSeeder>();
        return services;
    }

    private static void Common(DbContextOptionsBuilder options, IServiceProvider services) => options
        .AddInterceptors(services.GetRequiredService<AuditingInterceptor>())
        // Evaluation results reach subjects only through their run, which is itself filtered by town.
        .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    /// <summary>A relative SQLite file is placed under the content root, and its folder is created.</summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        builder.Pooling = true;
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }
        return builder.ToString();
    }
}
