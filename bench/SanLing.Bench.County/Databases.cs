using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using SanLing.Infrastructure.Data;

namespace SanLing.Bench.County;

/// <summary>The county's one database on one provider, with its key folder (the audit key the portal's commands use too).</summary>
internal abstract class CountyDatabase(string folder) : IDisposable
{
    /// <summary>A folder of its own: the SQLite file, the key folder, the backup.</summary>
    public string Folder { get; } = folder;

    public string KeyDirectory => Path.Combine(Folder, "keys");

    public abstract string Name { get; }

    /// <summary>Database:Provider for the portal's command line.</summary>
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract SanLingDbContext NewContext(CurrentActor actor, params IInterceptor[] interceptors);

    public abstract IRowSink NewSink();

    public abstract DbConnection NewConnection();

    /// <summary>Bytes on disk: the SQLite file after a checkpoint; pg_database_size.</summary>
    public abstract long Size();

    /// <summary>Drops pooled connections (before a restore replaces the database under them).</summary>
    public abstract void ClearPools();

    public abstract void Dispose();

    protected static DbContextOptionsBuilder<T> Common<T>(DbContextOptionsBuilder<T> options, IInterceptor[] interceptors) where T : DbContext => options
        .AddInterceptors(interceptors)
        .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
}

internal sealed class SqliteCountyDatabase : CountyDatabase
{
    private readonly bool _keep;

    /// <param name="keep">Leave the folder (database and keys) in place on dispose (--keep).</param>
    public SqliteCountyDatabase(string folder, bool keep = false) : base(folder)
    {
        Path = System.IO.Path.Combine(folder, "sanling.db");
        _keep = keep;
    }

    public string Path { get; }

    public override string Name => "SQLite";

    public override string Provider => "Sqlite";

    public override string ConnectionString => $"Data Source={Path}";

    public override SanLingDbContext NewContext(CurrentActor actor, params IInterceptor[] interceptors) =>
        new SqliteSanLingDbContext(Common(new DbContextOptionsBuilder<SqliteSanLingDbContext>().UseSqlite(ConnectionString), [.. interceptors, SecureDeleteInterceptor.Instance]).Options, actor);

    public override IRowSink NewSink() => new SqliteSink(ConnectionString);

    public override DbConnection NewConnection() => new SqliteConnection(ConnectionString);

    public override long Size()
    {
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        return new FileInfo(Path).Length + (File.Exists(Path + "-wal") ? new FileInfo(Path + "-wal").Length : 0);
    }

    public override void ClearPools() => SqliteConnection.ClearAllPools();

    public override void Dispose()
    {
        ClearPools();
        if (!_keep)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "A generated database name.")]
internal sealed class PostgreSqlCountyDatabase : CountyDatabase
{
    private readonly string _admin;
    private readonly string _database;

    public PostgreSqlCountyDatabase(string folder, string admin) : base(folder)
    {
        _admin = admin;
        _database = "sanling_county_" + Guid.NewGuid().ToString("N")[..12];
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        create.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ToString();
    }

    public override string Name => "PostgreSQL";

    public override string Provider => "PostgreSql";

    public override string ConnectionString { get; }

    public override SanLingDbContext NewContext(CurrentActor actor, params IInterceptor[] interceptors) =>
        new PostgreSqlSanLingDbContext(Common(new DbContextOptionsBuilder<PostgreSqlSanLingDbContext>().UseNpgsql(ConnectionString), interceptors).Options, actor);

    public override IRowSink NewSink() => new PostgreSqlSink(ConnectionString);

    public override DbConnection NewConnection() => new NpgsqlConnection(ConnectionString);

    public override long Size()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)size.ExecuteScalar()!;
    }

    public override void ClearPools() => NpgsqlConnection.ClearAllPools();

    public override void Dispose()
    {
        ClearPools();
        using (var connection = new NpgsqlConnection(_admin))
        {
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        Directory.Delete(Folder, recursive: true);
    }
}
