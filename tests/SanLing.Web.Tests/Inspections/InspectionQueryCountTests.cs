using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Inspections;

/// <summary>The office pages run a fixed number of SQL commands, however many subjects the town has.</summary>
public sealed class InspectionQueryCountTests(InspectionTownFixture town) : IClassFixture<InspectionTownFixture>
{
    /// <summary>Counts the SQL commands sent to this fixture's database file while <paramref name="work"/> runs.</summary>
    private async Task<int> CommandsAsync(Func<Task> work)
    {
        var count = 0;
        var file = Path.GetFileName(town.Factory.DatabasePath);
        using var observer = new Observer(command =>
        {
            if (command.Connection?.DataSource?.Contains(file, StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref count);
            }
        });
        using var subscription = DiagnosticListener.AllListeners.Subscribe(observer);
        await work();
        return count;
    }

    private async Task AddEnterprisesAsync(int count, string prefix) => await town.Factory.WithDbAsync(async db =>
    {
        for (var i = 0; i < count; i++)
        {
            var subject = new Subject { Code = $"{prefix}{i:000}", Name = $"新企业{prefix}{i}", Kind = SubjectKind.Enterprise, TerritoryId = town.Subjects["V2"] };
            if (i % 2 == 0)
            {
                subject.Grids.Add(new Grid { Code = $"{prefix}{i:000}-C1", Name = "车间", WorkerName = "某人", WorkerPhone = "13900000000" });
            }
            db.Subjects.Add(subject);
        }
        await db.SaveChangesAsync();
        var ids = db.Subjects.Where(s => s.Code.StartsWith(prefix)).Select(s => new { s.Id, Grid = s.Grids.Select(g => (int?)g.Id).FirstOrDefault() }).ToList();
        foreach (var s in ids)
        {
            db.Inspections.Add(new Inspection { SubjectId = s.Id, GridId = s.Grid, Month = new DateOnly(2026, 3, 1), InspectedOn = new DateOnly(2026, 3, 20), Status = InspectionStatus.Submitted, NothingFound = true });
        }
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_matrix_and_the_missing_list_do_not_query_per_subject()
    {
        var client = await town.ClientAsync("o1");
        string[] urls = ["/InspectionReview?year=2026", "/InspectionReview/Missing?month=2026-10", "/InspectionReview/WorkList", "/InspectionReview/MissingExport?month=2026-10"];
        foreach (var url in urls)
        {
            await client.GetAsync(url); // warm up (first-request work, security stamp check)
        }
        var before = new List<int>();
        foreach (var url in urls)
        {
            before.Add(await CommandsAsync(() => client.GetAsync(url)));
        }

        await AddEnterprisesAsync(40, "QC");

        var after = new List<int>();
        foreach (var url in urls)
        {
            after.Add(await CommandsAsync(() => client.GetAsync(url)));
        }
        Assert.Equal(before, after);
        Assert.All(after, n => Assert.InRange(n, 1, 12));
    }

    private sealed class Observer(Action<System.Data.Common.DbCommand> onCommand) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data)
            {
                onCommand(data.Command);
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
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
