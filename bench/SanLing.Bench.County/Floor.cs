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
/// (captured from EF, replayed with plain commands, every value read with its typed getter), then the same result and
/// item rows (reasons and coded reasons as the run stores them) written the cheapest plain way each database has
/// (SQLite: one prepared INSERT per row; PostgreSQL: binary COPY), ids numbered here, in one transaction, twice:
/// <list type="bullet">
/// <item><b>bare</b>: into temporary tables with a primary key only (no other index, no foreign key, and on PostgreSQL
/// no write-ahead log): what writing the bytes costs;</item>
/// <item><b>schema</b>: into the real result tables, with their indexes and foreign keys, under a copy of the run's own
/// row, then rolled back: what any writer of these rows into this schema pays.</item>
/// </list>
/// </summary>
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Replays EF's own parameterised SQL; fixed DDL.")]
internal static class Floor
{
    public static FloorTimes Measure(DbConnection connection, IReadOnlyList<CapturedCommand> reads, IReadOnlyList<SubjectEvaluation> evaluations, int runId)
    {
        connection.Open();
        if (connection is SqliteConnection)
        {
            Execute(connection, null, "PRAGMA foreign_keys = ON;"); // as EF opens it
        }
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

        // The rows as the run stores them; making them is the run's work, not the database's, so it is not timed.
        var results = Rows(evaluations);

        Execute(connection, null, """
            DROP TABLE IF EXISTS floor_results; DROP TABLE IF EXISTS floor_items;
            CREATE TEMP TABLE floor_results ("Id" BIGINT PRIMARY KEY, "RunId" INTEGER, "SubjectId" INTEGER, "Kind" INTEGER, "TerritoryId" INTEGER,
                "Verdict" INTEGER, "ConsecutiveCompliantYears" INTEGER, "Honour" INTEGER, "IsVetoed" BOOLEAN);
            CREATE TEMP TABLE floor_items ("Id" BIGINT PRIMARY KEY, "ResultId" BIGINT, "ItemCode" TEXT, "Verdict" INTEGER, "Reason" TEXT, "ReasonData" TEXT);
            """);
        TimeSpan bare;
        using (var transaction = connection.BeginTransaction())
        {
            bare = Write(connection, transaction, "floor_results", "floor_items", results, runId, 0, 0);
            transaction.Commit();
        }
        Execute(connection, null, "DROP TABLE floor_results; DROP TABLE floor_items;");

        TimeSpan schema;
        using (var transaction = connection.BeginTransaction())
        {
            // Untimed: a copy of the run's row to hang the rows on, and ids above those in use.
            var floorRun = Scalar(connection, transaction, CopyRunSql(connection, runId));
            var resultIds = Scalar(connection, transaction, """SELECT COALESCE(MAX("Id"), 0) FROM "EvaluationResults" """);
            var itemIds = Scalar(connection, transaction, """SELECT COALESCE(MAX("Id"), 0) FROM "EvaluationItemResults" """);
            schema = Write(connection, transaction, "\"EvaluationResults\"", "\"EvaluationItemResults\"", results, (int)floorRun, resultIds, itemIds);
            transaction.Rollback();
        }
        connection.Close();
        return new FloorTimes(read.Elapsed, bare, schema, rows);
    }

    private static TimeSpan Write(DbConnection connection, DbTransaction transaction, string resultTable, string itemTable, IReadOnlyList<ResultRow> results,
        int runId, long resultIds, long itemIds)
    {
        var clock = Stopwatch.StartNew();
        if (connection is NpgsqlConnection npgsql)
        {
            Copy(npgsql, resultTable, itemTable, results, runId, resultIds, itemIds);
        }
        else
        {
            Insert((SqliteConnection)connection, (SqliteTransaction)transaction, resultTable, itemTable, results, runId, resultIds, itemIds);
        }
        return clock.Elapsed;
    }

    private static List<ResultRow> Rows(IReadOnlyList<SubjectEvaluation> evaluations) => evaluations.Select(e => new ResultRow(
        e.Facts.SubjectId, (int)e.Facts.Kind, e.Facts.TerritoryId, (int)e.Verdict, e.IsVetoed,
        e.Items.Select(i =>
        {
            var reason = i.Reason.Length <= EvaluationItemResult.ReasonMaxLength ? i.Reason : i.Reason[..(EvaluationItemResult.ReasonMaxLength - 1)] + "…";
            var data = ReasonJson.Write(i.Parts);
            return new ItemRow(i.Code, (int)i.Verdict, reason, data.Length <= EvaluationItemResult.ReasonDataMaxLength ? data : null);
        }).ToList())).ToList();

    /// <summary>INSERT … SELECT of every column of the run's row but its id, returning the new id.</summary>
    private static string CopyRunSql(DbConnection connection, int runId)
    {
        var columns = connection is NpgsqlConnection
            ? """SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'EvaluationRuns' AND column_name <> 'Id'"""
            : """SELECT group_concat('"' || name || '"', ', ') FROM pragma_table_info('EvaluationRuns') WHERE name <> 'Id'""";
        using var command = connection.CreateCommand();
        command.CommandText = columns;
        var list = (string)command.ExecuteScalar()!;
        return $"""INSERT INTO "EvaluationRuns" ({list}) SELECT {list} FROM "EvaluationRuns" WHERE "Id" = {runId} RETURNING "Id" """;
    }

    private static long Scalar(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, string resultTable, string itemTable, IReadOnlyList<ResultRow> results,
        int runId, long resultId, long itemId)
    {
        using var result = Prepared(connection, transaction,
            $"""INSERT INTO {resultTable} ("Id", "RunId", "SubjectId", "Kind", "TerritoryId", "Verdict", "ConsecutiveCompliantYears", "Honour", "IsVetoed") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""", 9);
        using var item = Prepared(connection, transaction,
            $"""INSERT INTO {itemTable} ("Id", "ResultId", "ItemCode", "Verdict", "Reason", "ReasonData") VALUES ($1, $2, $3, $4, $5, $6)""", 6);
        foreach (var r in results)
        {
            Set(result, ++resultId, runId, r.SubjectId, r.Kind, r.TerritoryId, r.Verdict, 1, 0, r.IsVetoed);
            result.ExecuteNonQuery();
            foreach (var i in r.Items)
            {
                Set(item, ++itemId, resultId, i.Code, i.Verdict, i.Reason, i.ReasonData);
                item.ExecuteNonQuery();
            }
        }
    }

    private static void Copy(NpgsqlConnection connection, string resultTable, string itemTable, IReadOnlyList<ResultRow> results, int runId, long resultIds, long itemIds)
    {
        using (var copy = connection.BeginBinaryImport(
            $"""COPY {resultTable} ("Id", "RunId", "SubjectId", "Kind", "TerritoryId", "Verdict", "ConsecutiveCompliantYears", "Honour", "IsVetoed") FROM STDIN (FORMAT BINARY)"""))
        {
            var id = resultIds;
            foreach (var r in results)
            {
                copy.StartRow();
                copy.Write(++id, NpgsqlDbType.Bigint);
                copy.Write(runId, NpgsqlDbType.Integer);
                copy.Write(r.SubjectId, NpgsqlDbType.Integer);
                copy.Write(r.Kind, NpgsqlDbType.Integer);
                if (r.TerritoryId is { } territory)
                {
                    copy.Write(territory, NpgsqlDbType.Integer);
                }
                else
                {
                    copy.WriteNull();
                }
                copy.Write(r.Verdict, NpgsqlDbType.Integer);
                copy.Write(1, NpgsqlDbType.Integer);
                copy.Write(0, NpgsqlDbType.Integer);
                copy.Write(r.IsVetoed, NpgsqlDbType.Boolean);
            }
            copy.Complete();
        }
        using var items = connection.BeginBinaryImport($"""COPY {itemTable} ("Id", "ResultId", "ItemCode", "Verdict", "Reason", "ReasonData") FROM STDIN (FORMAT BINARY)""");
        var resultId = resultIds;
        var itemId = itemIds;
        foreach (var r in results)
        {
            resultId++;
            foreach (var i in r.Items)
            {
                items.StartRow();
                items.Write(++itemId, NpgsqlDbType.Bigint);
                items.Write(resultId, NpgsqlDbType.Bigint);
                items.Write(i.Code, NpgsqlDbType.Varchar);
                items.Write(i.Verdict, NpgsqlDbType.Integer);
                items.Write(i.Reason, NpgsqlDbType.Varchar);
                if (i.ReasonData is { } data)
                {
                    items.Write(data, NpgsqlDbType.Varchar);
                }
                else
                {
                    items.WriteNull();
                }
            }
        }
        items.Complete();
    }

    private sealed record ResultRow(int SubjectId, int Kind, int? TerritoryId, int Verdict, bool IsVetoed, List<ItemRow> Items);

    private sealed record ItemRow(string Code, int Verdict, string Reason, string? ReasonData);

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

/// <summary>The floor's read, and its write into bare temporary tables and into the real tables.</summary>
internal sealed record FloorTimes(TimeSpan Read, TimeSpan BareWrite, TimeSpan SchemaWrite, long RowsRead);

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
