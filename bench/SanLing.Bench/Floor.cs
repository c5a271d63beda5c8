using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using SanLing.Domain.Evaluation;

namespace SanLing.Bench;

/// <summary>A SQL command EF sent while gathering, with its parameter values, to be replayed raw.</summary>
internal sealed record CapturedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

/// <summary>
/// The raw-SQL floor of an evaluation, measured on the same file in the same run: the very SELECTs the gatherer sent
/// (captured from EF, replayed with plain <see cref="SqliteCommand"/>s, every value read with its typed getter),
/// then (<see cref="FloorWriter"/>) the same number of result and item rows, with the same reasons, written with one
/// prepared INSERT per row in one transaction (into temporary tables, so the run's own rows stay as they are).
/// </summary>
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Replays EF's own parameterised SQL; fixed DDL.")]
internal static class Floor
{
    /// <summary>Replays the captured SELECTs, every value read with its typed getter.</summary>
    public static (TimeSpan Read, long RowsRead) Read(string path, IReadOnlyList<CapturedCommand> reads)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();

        var read = Stopwatch.StartNew();
        long rows = 0;
        long checksum = 0;
        foreach (var captured in reads)
        {
            using var command = connection.CreateCommand();
            command.CommandText = captured.Sql;
            foreach (var (name, value) in captured.Parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    checksum += ReadValue(reader, i);
                }
            }
        }
        read.Stop();
        GC.KeepAlive(checksum);
        return (read.Elapsed, rows);
    }

    private static long ReadValue(SqliteDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            return 0;
        }
        var type = reader.GetFieldType(i);
        if (type == typeof(long))
        {
            return reader.GetInt64(i);
        }
        if (type == typeof(double))
        {
            return (long)reader.GetDouble(i);
        }
        return reader.GetString(i).Length;
    }

    internal static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var p = 1; p <= parameters; p++)
        {
            command.Parameters.Add(new SqliteParameter("$" + p, null));
        }
        command.Prepare();
        return command;
    }

    internal static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    /// <summary>Records the SQL and parameter values of every reader EF opens.</summary>
    public static CapturedCommand Capture(DbCommand command) =>
        new(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value == DBNull.Value ? null : p.Value)).ToList());
}

/// <summary>
/// The floor's write: the result and item rows of each evaluation, with the same reasons, one prepared INSERT per row,
/// in one transaction on its own connection, into temporary tables (so the run's own rows stay as they are).
/// </summary>
internal sealed class FloorWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _result;
    private readonly SqliteCommand _item;

    public FloorWriter(string path)
    {
        _connection = new SqliteConnection($"Data Source={path}");
        _connection.Open();
        using (var ddl = _connection.CreateCommand())
        {
            ddl.CommandText = """
                CREATE TEMP TABLE floor_results (Id INTEGER PRIMARY KEY, RunId INTEGER, SubjectId INTEGER, Kind INTEGER, TerritoryId INTEGER,
                    Verdict INTEGER, ConsecutiveCompliantYears INTEGER, Honour INTEGER, IsVetoed INTEGER);
                CREATE TEMP TABLE floor_items (Id INTEGER PRIMARY KEY, ResultId INTEGER, ItemCode TEXT, Verdict INTEGER, Reason TEXT);
                """;
            ddl.ExecuteNonQuery();
        }
        // Deferred: only the temporary tables are written, so the gatherer's reads of the main file go on beside it.
        _transaction = _connection.BeginTransaction(deferred: true);
        _result = Floor.Prepared(_connection, _transaction,
            "INSERT INTO floor_results (RunId, SubjectId, Kind, TerritoryId, Verdict, ConsecutiveCompliantYears, Honour, IsVetoed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING Id", 8);
        _item = Floor.Prepared(_connection, _transaction,
            "INSERT INTO floor_items (ResultId, ItemCode, Verdict, Reason) VALUES ($1, $2, $3, $4)", 4);
    }

    public void Write(SubjectEvaluation e)
    {
        Floor.Set(_result, 1, e.Facts.SubjectId, (int)e.Facts.Kind, e.Facts.TerritoryId, (int)e.Verdict, 1, 0, e.IsVetoed);
        var resultId = (long)_result.ExecuteScalar()!;
        foreach (var i in e.Items)
        {
            Floor.Set(_item, resultId, i.Code, (int)i.Verdict, i.Reason);
            _item.ExecuteNonQuery();
        }
    }

    public void Commit() => _transaction.Commit();

    public void Dispose()
    {
        _item.Dispose();
        _result.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }
}
