using Microsoft.EntityFrameworkCore.Design;

namespace SanLing.Infrastructure.Data;

/// <summary>Used only by <c>dotnet ef</c> to create each provider's migrations.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSanLingDbContext>
{
    public SqliteSanLingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSanLingDbContext>().UseSqlite("Data Source=design.db").Options, new CurrentActor());
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerSanLingDbContext>
{
    public SqlServerSanLingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerSanLingDbContext>().UseSqlServer("Server=.;Database=SanLing;Trusted_Connection=True;TrustServerCertificate=True").Options, new CurrentActor());
}

public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlSanLingDbContext>
{
    public PostgreSqlSanLingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlSanLingDbContext>().UseNpgsql("Host=localhost;Database=sanling;Username=sanling").Options, new CurrentActor());
}
