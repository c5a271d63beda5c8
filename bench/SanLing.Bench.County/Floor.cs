using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using SanLing.Domain.Evaluation;

namespace SanLing.Bench.County;

/// <summary>A SELECT EF sent during a run, with its parameters (PostgreSQL's cloned with their types), to be replayed raw.</summary>
internal sealed record CapturedCommand(string Sql, IReadOnlyList<DbParameter> Parameters);

/// <summary>
/// The raw-SQL floor of one town's run, on the same database in the same process: the very SELECTs the run sent
/// (captured from EF, replayed with plain commands, every value read with its typed getter), then the same number of
/// result and item rows, with the same reasons, written the cheapest plain way each database has (SQLite: one prepared
/// INSERT per row; PostgreSQL: binary COPY) in one transaction, into temporary tables.
/// </summary>
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Replays EF's own parameterised SQL; fixed DDL.")]
internal static class Floor
{
    public static (TimeSpan Read, TimeSpan Write, long RowsRead) Measure(DbConnection connection, IReadOnlyList<CapturedCommand> reads, IReadOnlyList<SubjectEvaluation> evaluations)
    {
        connection.Open();
        var read = Stopwatch.StartNew();
        long rows = 0;
        long checksum = 0;
        foreach (var captured in reads)
        {
            using var command = connection.CreateCommand();
            command.CommandText = captured.Sql;
            foreach (var parameter in captured.Parameters)
            {
                command.Parameters.Add(parameter is NpgsqlParameter n ? n.Clone() : new SqliteParameter(parameter.ParameterName, parameter.Value));
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

        Execute(connection, null, """
            DROP TABLE IF EXISTS floor_results; DROP TABLE IF EXISTS floor_items;
            CREATE TEMP TABLE floor_results (Id INTEGER PRIMARY KEY, RunId INTEGER, SubjectId INTEGER, Kind INTEGER, TerritoryId INTEGER,
                Verdict INTEGER, ConsecutiveCompliantYears INTEGER, Honour INTEGER, IsVetoed BOOLEAN);
            CREATE TEMP TABLE floor_items (Id INTEGER PRIMARY KEY, ResultId INTEGER, ItemCode TEXT, Verdict INTEGER, Reason TEXT);
            """);
        var write = Stopwatch.StartNew();
        using (var transaction = connection.BeginTransaction())
        {
            if (connection is NpgsqlConnection npgsql)
            {
                Copy(npgsql, evaluations);
            }
            else
            {
                Insert((SqliteConnection)connection, (SqliteTransaction)transaction, evaluations);
            }
            transaction.Commit();
        }
        write.Stop();
        Execute(connection, null, "DROP TABLE floor_results; DROP TABLE floor_items;");
        connection.Close();
        return (read.Elapsed, write.Elapsed, rows);
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<SubjectEvaluation> evaluations)
    {
        using var result = Prepared(connection, transaction,
            "INSERT INTO floor_results (RunId, SubjectId, Kind, TerritoryId, Verdict, ConsecutiveCompliantYears, Honour, IsVetoed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING Id", 8);
        using var item = Prepared(connection, transaction,
            "INSERT INTO floor_items (ResultId, ItemCode, Verdict, Reason) VALUES ($1, $2, $3, $4)", 4);
        foreach (var e in evaluations)
        {
            Set(result, 1, e.Facts.SubjectId, (int)e.Facts.Kind, e.Facts.TerritoryId, (int)e.Verdict, 1, 0, e.IsVetoed);
            var resultId = (long)result.ExecuteScalar()!;
            foreach (var i in e.Items)
            {
                Set(item, resultId, i.Code, (int)i.Verdict, i.Reason);
                item.ExecuteNonQuery();
            }
        }
    }

    /// <summary>PostgreSQL's cheapest plain write: ids numbered here, two binary COPYs.</summary>
    private static void Copy(NpgsqlConnection connection, IReadOnlyList<SubjectEvaluation> evaluations)
    {
        using (var results = connection.BeginBinaryImport("COPY floor_results (Id, RunId, SubjectId, Kind, TerritoryId, Verdict, ConsecutiveCompliantYears, Honour, IsVetoed) FROM STDIN (FORMAT BINARY)"))
        {
            var id = 0;
            foreach (var e in evaluations)
            {
                results.StartRow();
                results.Write(++id, NpgsqlDbType.Integer);
                results.Write(1, NpgsqlDbType.Integer);
                results.Write(e.Facts.SubjectId, NpgsqlDbType.Integer);
                results.Write((int)e.Facts.Kind, NpgsqlDbType.Integer);
                if (e.Facts.TerritoryId is { } territory)
                {
                    results.Write(territory, NpgsqlDbType.Integer);
                }
                else
                {
                    results.WriteNull();
                }
                results.Write((int)e.Verdict, NpgsqlDbType.Integer);
                results.Write(1, NpgsqlDbType.Integer);
                results.Write(0, NpgsqlDbType.Integer);
                results.Write(e.IsVetoed, NpgsqlDbType.Boolean);
            }
            results.Complete();
        }
        using var items = connection.BeginBinaryImport("COPY floor_items (Id, ResultId, ItemCode, Verdict, Reason) FROM STDIN (FORMAT BINARY)");
        var resultId = 0;
        var itemId = 0;
        foreach (var e in evaluations)
        {
            resultId++;
            foreach (var i in e.Items)
            {
                items.StartRow();
                items.Write(++itemId, NpgsqlDbType.Integer);
                items.Write(resultId, NpgsqlDbType.Integer);
                items.Write(i.Code, NpgsqlDbType.Text);
                items.Write((int)i.Verdict, NpgsqlDbType.Integer);
                items.Write(i.Reason, NpgsqlDbType.Text);
            }
        }
        items.Complete();
    }

    private static long ReadValue(DbDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            return 0;
        }
        var type = reader.GetFieldType(i);
        return type == typeof(long) ? reader.GetInt64(i)
            : type == typeof(int) ? reader.GetInt32(i)
            : type == typeof(short) ? reader.GetInt16(i)
            : type == typeof(bool) ? (reader.GetBoolean(i) ? 1 : 0)
            : type == typeof(double) ? (long)reader.GetDouble(i)
            : type == typeof(decimal) ? (long)reader.GetDecimal(i)
            : type == typeof(DateTime) ? reader.GetDateTime(i).Ticks
            : type == typeof(Guid) ? reader.GetGuid(i).GetHashCode()
            : type == typeof(string) ? reader.GetString(i).Length
            : reader.GetValue(i).GetHashCode();
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
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

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}

/// <summary>Records every SELECT a run sends, for the floor.</summary>
internal sealed class ReadCapture : DbCommandInterceptor
{
    public List<CapturedCommand> Reads { get; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            Reads.Add(new CapturedCommand(command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => p is NpgsqlParameter n ? n.Clone() : (DbParameter)new SqliteParameter(p.ParameterName, p.Value)).ToList()));
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }
}
