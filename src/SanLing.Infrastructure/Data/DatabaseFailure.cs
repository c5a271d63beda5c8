using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace SanLing.Infrastructure.Data;

/// <summary>
/// Tells "the database cannot be reached" (answer 503, try again later) from a fault of the portal (500), and a
/// unique index refusing a row (another user saved the same key first: the user is told, nothing is written).
/// </summary>
public static class DatabaseFailure
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_NOTADB (primary result codes).
    private static readonly HashSet<int> SqliteUnreachable = [5, 6, 10, 14, 26];

    // Network, timeout, server-not-found, database-unavailable and login errors of SQL Server / Azure SQL.
    private static readonly HashSet<int> SqlServerUnreachable =
        [-2, -1, 2, 53, 64, 121, 233, 4060, 18456, 10053, 10054, 10060, 10061, 11001, 40197, 40501, 40613, 49918, 49919, 49920];

    // PostgreSQL: wrong password or role, no such database (the server answered, but not for SanLing).
    private static readonly HashSet<string> PostgreSqlUnreachable = ["28P01", "28000", "3D000"];

    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when SqliteUnreachable.Contains(sqlite.SqliteErrorCode):
                    return true;
                case SqlException sql when sql.Errors.Cast<SqlError>().Any(x => SqlServerUnreachable.Contains(x.Number)):
                    return true;
                // Connection failures, timeouts, a server shutting down or out of connections (Npgsql's own judgement).
                case Npgsql.NpgsqlException npgsql when npgsql.IsTransient || (npgsql is Npgsql.PostgresException pg && PostgreSqlUnreachable.Contains(pg.SqlState)):
                    return true;
            }
        }
        return false;
    }

    // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY (extended result codes).
    private static readonly HashSet<int> SqliteUnique = [2067, 1555];

    // Cannot insert duplicate key row in a unique index (2601) / violation of a UNIQUE or PRIMARY KEY constraint (2627).
    private static readonly HashSet<int> SqlServerUnique = [2601, 2627];

    /// <summary>A save refused by a unique index or key, on SQLite, SQL Server or PostgreSQL.</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when SqliteUnique.Contains(sqlite.SqliteExtendedErrorCode):
                    return true;
                case SqlException sql when sql.Errors.Cast<SqlError>().Any(x => SqlServerUnique.Contains(x.Number)):
                    return true;
                case Npgsql.PostgresException pg when pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation:
                    return true;
            }
        }
        return false;
    }
}
