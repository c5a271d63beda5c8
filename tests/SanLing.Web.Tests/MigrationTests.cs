using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SanLing.Infrastructure.Data;

namespace SanLing.Web.Tests;

/// <summary>Each provider has its own migrations; neither may lag behind the model.</summary>
public sealed class MigrationTests
{
    private static SqlServerSanLingDbContext SqlServer() => new SqlServerDesignTimeFactory().CreateDbContext([]);

    private static SqliteSanLingDbContext Sqlite() => new SqliteDesignTimeFactory().CreateDbContext([]);

    [Fact]
    public void Sql_server_migrations_have_no_pending_model_changes()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context SqlServerSanLingDbContext --output-dir Migrations/SqlServer");
    }

    [Fact]
    public void Sqlite_migrations_have_no_pending_model_changes()
    {
        using var db = Sqlite();
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context SqliteSanLingDbContext --output-dir Migrations/Sqlite");
    }

    [Fact]
    public void Sql_server_script_generates_with_sql_server_types()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE TABLE [Subjects]", script, StringComparison.Ordinal);
        Assert.Contains("nvarchar", script, StringComparison.Ordinal);
        Assert.Contains("datetimeoffset", script, StringComparison.Ordinal);
        Assert.DoesNotContain("AUTOINCREMENT", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_two_providers_keep_separate_migration_sets()
    {
        using var sqlServer = SqlServer();
        using var sqlite = Sqlite();
        var sqlServerIds = sqlServer.Database.GetMigrations().ToList();
        var sqliteIds = sqlite.Database.GetMigrations().ToList();

        Assert.NotEmpty(sqlServerIds);
        Assert.NotEmpty(sqliteIds);
        Assert.Contains("AUTOINCREMENT", sqlite.GetService<IMigrator>().GenerateScript(), StringComparison.Ordinal);
    }
}
