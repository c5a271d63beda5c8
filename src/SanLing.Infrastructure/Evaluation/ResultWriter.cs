using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage;
using SanLing.Domain.Evaluation;

namespace SanLing.Infrastructure.Evaluation;

/// <summary>
/// Writes a run's results and item verdicts inside the caller's transaction, bypassing EF's one-command-per-row
/// inserts (240 000 commands and ~40 s for 10 000 subjects): on SQLite one prepared statement re-bound per row, on a
/// PostgreSQL one binary COPY per table, on another server multi-row parameterised INSERTs that save round trips.
/// Table and column names (and, for COPY, column types) come from the EF model.
/// </summary>
internal static class ResultWriter
{
    private const int RowsPerCommand = 100;

    public static async Task WriteAsync(SanLingDbContext db, int runId, IReadOnlyList<EvaluationResult> results, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        var resultColumns = Columns<EvaluationResult>(db,
            nameof(EvaluationResult.RunId), nameof(EvaluationResult.SubjectId), nameof(EvaluationResult.Kind), nameof(EvaluationResult.TerritoryId),
            nameof(EvaluationResult.Verdict), nameof(EvaluationResult.ConsecutiveCompliantYears), nameof(EvaluationResult.Honour), nameof(EvaluationResult.IsVetoed));
        await InsertAsync(connection, transaction, resultColumns, results.Select(r => new object?[]
        {
            runId, r.SubjectId, (int)r.Kind, r.TerritoryId, (int)r.Verdict, r.ConsecutiveCompliantYears, (int)r.Honour, r.IsVetoed,
        }), cancellationToken);

        // One query for the generated ids, by subject.
        var ids = await db.EvaluationResults.AsNoTracking().Where(r => r.RunId == runId)
            .Select(r => new { r.Id, r.SubjectId }).ToDictionaryAsync(r => r.SubjectId, r => r.Id, cancellationToken);

        var itemColumns = Columns<EvaluationItemResult>(db,
            nameof(EvaluationItemResult.ResultId), nameof(EvaluationItemResult.ItemCode), nameof(EvaluationItemResult.Verdict), nameof(EvaluationItemResult.Reason),
            nameof(EvaluationItemResult.ReasonData));
        await InsertAsync(connection, transaction, itemColumns,
            results.SelectMany(r => r.Items.Select(i => new object?[] { ids[r.SubjectId], i.ItemCode, (int)i.Verdict, i.Reason, i.ReasonData })), cancellationToken);
    }

    private static Target Columns<T>(SanLingDbContext db, params string[] properties)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = properties.Select(p => entity.FindProperty(p)!).ToArray();
        return new Target(entity.GetTableName()!, columns.Select(c => c.GetColumnName(table)!).ToArray(), columns.Select(c => c.GetColumnType()).ToArray());
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction? transaction, Target target,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        if (connection is Npgsql.NpgsqlConnection npgsql)
        {
            // COPY streams every row in one command (inside the caller's transaction, which is the connection's).
            await CopyAsync(npgsql, target, rows, cancellationToken);
            return;
        }
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            // In-process SQLite has no round trip to save: one prepared single-row statement, re-bound per row, is
            // faster than parsing a fresh 100-row statement each time (10 000 subjects: 240 000 rows).
            await InsertPreparedAsync(connection, transaction, target, rows, cancellationToken);
            return;
        }
        var batch = new List<object?[]>(RowsPerCommand);
        foreach (var row in rows)
        {
            batch.Add(row);
            if (batch.Count == RowsPerCommand)
            {
                await ExecuteAsync(connection, transaction, target, batch, cancellationToken);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await ExecuteAsync(connection, transaction, target, batch, cancellationToken);
        }
    }

    private static async Task CopyAsync(Npgsql.NpgsqlConnection connection, Target target, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY \"{target.Table}\" ({string.Join(", ", target.Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] is { } value)
                {
                    await writer.WriteAsync(value, target.Types[c], cancellationToken);
                }
                else
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
            }
        }
        await writer.CompleteAsync(cancellationToken);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names come from the EF model; values are parameters.")]
    private static async Task InsertPreparedAsync(DbConnection connection, DbTransaction? transaction, Target target,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{target.Table}\" ({string.Join(", ", target.Columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", target.Columns.Select((_, i) => $"@p{i}"))})";
        for (var c = 0; c < target.Columns.Length; c++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{c}";
            command.Parameters.Add(parameter);
        }
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                command.Parameters[c].Value = row[c] ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names come from the EF model; values are parameters.")]
    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, Target target,
        List<object?[]> batch, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO \"{target.Table}\" ({string.Join(", ", target.Columns.Select(c => $"\"{c}\""))}) VALUES ");
        var n = 0;
        for (var r = 0; r < batch.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < target.Columns.Length; c++)
            {
                var name = $"@p{n++}";
                sql.Append(c == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = batch[r][c] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A table, its columns, and their store types (as the EF model names them).</summary>
    private sealed record Target(string Table, string[] Columns, string[] Types);
}
