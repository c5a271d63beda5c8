using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace SanLing.Bench.County;

/// <summary>SQLite: one prepared INSERT per table, re-bound per row, all towns in one transaction.</summary>
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Fixed SQL built from constant column lists.")]
internal sealed class SqliteSink : IRowSink
{
    private static readonly DateTimeOffsetToBinaryConverter Stamp = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Dictionary<string, SqliteCommand> _inserts = [];

    public SqliteSink(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;";
            pragma.ExecuteNonQuery();
        }
        _transaction = _connection.BeginTransaction();
        foreach (var table in Table.All)
        {
            var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = $"INSERT INTO {table.Name} ({string.Join(",", table.Columns)}) VALUES ({string.Join(",", table.Columns.Select((_, i) => "$" + (i + 1)))})";
            for (var i = 1; i <= table.Columns.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$" + i, null));
            }
            command.Prepare();
            _inserts[table.Name] = command;
        }
    }

    public void Add(Table table, object?[] values)
    {
        var command = _inserts[table.Name];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                bool b => b ? 1 : 0,
                decimal m => m.ToString(CultureInfo.InvariantCulture),
                Guid g => g.ToString().ToUpperInvariant(),
                DateTimeOffset t => Stamp.ConvertToProvider(t),
                var v => v,
            };
        }
        command.ExecuteNonQuery();
    }

    public void Complete(IReadOnlyDictionary<string, int> lastIds) => _transaction.Commit();

    public void Dispose()
    {
        foreach (var command in _inserts.Values)
        {
            command.Dispose();
        }
        _transaction.Dispose();
        _connection.Dispose();
    }
}

/// <summary>
/// PostgreSQL: rows buffered per table and written with binary COPY (parents first) whenever enough are buffered, all
/// in one transaction; at the end each identity sequence is moved past the explicit ids.
/// </summary>
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Fixed SQL built from constant table names.")]
internal sealed class PostgreSqlSink : IRowSink
{
    private const int FlushAt = 200_000;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly Dictionary<string, List<object?[]>> _buffers = Table.All.ToDictionary(t => t.Name, _ => new List<object?[]>());
    private int _buffered;

    public PostgreSqlSink(string connectionString)
    {
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
        _transaction = _connection.BeginTransaction();
    }

    public void Add(Table table, object?[] values)
    {
        _buffers[table.Name].Add(values);
        if (++_buffered >= FlushAt)
        {
            Flush();
        }
    }

    private void Flush()
    {
        foreach (var table in Table.All)
        {
            var rows = _buffers[table.Name];
            if (rows.Count == 0)
            {
                continue;
            }
            using (var writer = _connection.BeginBinaryImport(
                $"COPY \"{table.Name}\" ({string.Join(",", table.Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var row in rows)
                {
                    writer.StartRow();
                    foreach (var value in row)
                    {
                        Write(writer, value);
                    }
                }
                writer.Complete();
            }
            rows.Clear();
        }
        _buffered = 0;
    }

    private static void Write(NpgsqlBinaryImporter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(); break;
            case int i: writer.Write(i, NpgsqlDbType.Integer); break;
            case string s: writer.Write(s, NpgsqlDbType.Text); break;
            case bool b: writer.Write(b, NpgsqlDbType.Boolean); break;
            case DateOnly d: writer.Write(d, NpgsqlDbType.Date); break;
            case decimal m: writer.Write(m, NpgsqlDbType.Numeric); break;
            case Guid g: writer.Write(g, NpgsqlDbType.Uuid); break;
            case DateTimeOffset t: writer.Write(t, NpgsqlDbType.TimestampTz); break;
            default: throw new InvalidOperationException($"No COPY type for {value.GetType()}.");
        }
    }

    public void Complete(IReadOnlyDictionary<string, int> lastIds)
    {
        Flush();
        foreach (var (table, last) in lastIds.Where(l => l.Value > 0))
        {
            using var command = new NpgsqlCommand($"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), {last})", _connection, _transaction);
            command.ExecuteNonQuery();
        }
        _transaction.Commit();
    }

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
    }
}
