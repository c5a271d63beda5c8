using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SanLing.Web.Tests.Support;

/// <summary>
/// Counts the SQL commands EF runs against one database file while it is alive (other tests' databases are ignored),
/// through EF's diagnostic events, so no interceptor has to be added to the app under test.
/// </summary>
public sealed class QueryCounter : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly string _databaseFile;
    private readonly IDisposable _subscription;
    private readonly ConcurrentBag<IDisposable> _listeners = [];
    private readonly ConcurrentQueue<RecordedCommand>? _commands;
    private int _count;
    private int _queries;

    /// <param name="recordCommands">Keeps every command's text and parameter values too (<see cref="Commands"/>).</param>
    public QueryCounter(string databasePath, bool recordCommands = false)
    {
        _databaseFile = Path.GetFileName(databasePath);
        _commands = recordCommands ? new() : null;
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Every command: queries and writes.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The commands that read (SELECT).</summary>
    public int Queries => Volatile.Read(ref _queries);

    /// <summary>The commands sent, in order, when recording was asked for.</summary>
    public IReadOnlyList<RecordedCommand> Commands => _commands?.ToList() ?? throw new InvalidOperationException("Commands are recorded only when asked for.");

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _queries, 0);
    }

    /// <summary>The commands sent while <paramref name="work"/> runs.</summary>
    public async Task<int> CountAsync(Func<Task> work)
    {
        Reset();
        await work();
        return Count;
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            _listeners.Add(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data
            && data.Command.Connection?.DataSource is { } source && source.EndsWith(_databaseFile, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
            _commands?.Enqueue(new RecordedCommand(data.Command.CommandText,
                data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
            if (data.Command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _queries);
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }
    }
}

/// <summary>One SQL command as sent, with its parameters' names and values.</summary>
public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);
