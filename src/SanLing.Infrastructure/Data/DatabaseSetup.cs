using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
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
    PostgreSql,
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
        if (value.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.PostgreSql;
        }
        throw new InvalidOperationException($"不支持的数据库类型 Database:Provider = \"{value}\"（可选 Sqlite、SqlServer、PostgreSql）。");
    }

    public static IServiceCollection AddSanLingData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.TryAddSingleton<TimeProvider>(new TownTimeProvider(LocalClock.ResolveZone(configuration["TimeZone"])));
        services.AddSingleton<AuditingInterceptor>();
        services.AddSingleton<AuditAnchor>();
        services.AddSingleton<AuditFieldProtector>();
        services.AddScoped<CurrentActor>();

        var provider = ProviderFrom(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        // The key folder sits beside the database's folder by default (App_Data/keys next to App_Data/sanling.db).
        var keyDirectory = Path.Combine(contentRoot, "App_Data", "keys");
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqlitePath(connectionString ?? DefaultSqliteConnection, contentRoot);
                if (SqliteFileOf(sqlite) is { } file)
                {
                    keyDirectory = Path.Combine(Path.GetDirectoryName(file)!, "keys");
                }
                services.AddDbContext<SanLingDbContext, SqliteSanLingDbContext>((sp, options) => Common(options.UseSqlite(sqlite), sp)
                    .AddInterceptors(SecureDeleteInterceptor.Instance));
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("使用 SQL Server 时必须配置连接字符串 ConnectionStrings:SanLing。");
                }
                services.AddDbContext<SanLingDbContext, SqlServerSanLingDbContext>((sp, options) => Common(options.UseSqlServer(connectionString), sp));
                break;
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("使用 PostgreSQL 时必须配置连接字符串 ConnectionStrings:SanLing。");
                }
                services.AddDbContext<SanLingDbContext, PostgreSqlSanLingDbContext>((sp, options) => Common(options.UseNpgsql(connectionString), sp));
                break;
        }

        // Keys in the database under one application name (instances share cookies and antiforgery tokens), each
        // encrypted with key material that is not in the database: a certificate, or else the key file.
        var keys = KeyMaterial.Load(configuration, contentRoot, keyDirectory);
        // Finding photos: Photos:Directory, by default photos/ beside the keys (both beside the database).
        var photoDirectory = configuration[$"{Photos.PhotoStore.Section}:Directory"] is { Length: > 0 } configuredPhotos
            ? (Path.IsPathRooted(configuredPhotos) ? configuredPhotos : Path.Combine(contentRoot, configuredPhotos))
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(keyDirectory))!, "photos");
        services.AddSingleton(new Photos.PhotoStore(photoDirectory));
        services.AddSingleton(keys);
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("SanLing")
            .PersistKeysToDbContext<SanLingDbContext>();
        if (keys.Certificate is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
            if (keys.PreviousCertificates.Count > 0)
            {
                dataProtection.UnprotectKeysWithAnyCertificate([.. keys.PreviousCertificates]);
            }
        }
        else
        {
            services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new KeyFileXmlEncryptor(keys));
        }
        services.AddSingleton<DatabaseSecretStore>();
        services.AddSingleton<IdNumberProtector>();
        services.AddScoped<Seed.DemoTownSeeder>();
        return services;
    }

    private static DbContextOptionsBuilder Common(DbContextOptionsBuilder options, IServiceProvider services) => options
        .AddInterceptors(services.GetRequiredService<AuditingInterceptor>())
        // Evaluation results reach subjects only through their run, which is itself filtered by town.
        .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    /// <summary>The database file of a SQLite connection string, or null for an in-memory database.</summary>
    public static string? SqliteFileOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            ? null
            : Path.GetFullPath(builder.DataSource);
    }

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

/// <summary>
/// SQLite's <c>secure_delete</c> on every connection: deleted rows (personal data) are overwritten with zeros instead of
/// lingering in free pages of the file. Sent on the connection itself, not as an EF command.
/// </summary>
public sealed class SecureDeleteInterceptor : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SecureDeleteInterceptor Instance = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
