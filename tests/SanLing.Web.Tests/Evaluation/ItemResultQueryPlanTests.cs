using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SanLing.Infrastructure.Evaluation;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Evaluation;

/// <summary>
/// What reads or deletes a run's item verdicts finds them through the run's results (an index), never by scanning the
/// item table: it holds every item of every run ever stored (12.7 million in a county of 30 towns after five years),
/// so a scan grows with the years and the towns, not with what is shown — the town's annual report took 4.4 s of
/// its 6 s there, every county workbook 30 times that. Checked with SQLite's own EXPLAIN QUERY PLAN of each command
/// the annual report, the subject card, the 预警 page, an appeal and the as-of refresh send.
/// </summary>
public sealed partial class ItemResultQueryPlanTests : IAsyncLifetime, IDisposable
{
    private readonly SanLingFactory _factory = new(demo: false);
    private BuiltTown _town = null!;
    private string _item = "";
    private int _runId;

    public async Task InitializeAsync() => (_town, _item, _runId) = await Appeals.AppealTown.BuildAsync(_factory);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Item_verdicts_are_found_through_the_runs_results_never_by_scanning_every_stored_item()
    {
        var office = await _factory.CreateBrowserlessClient().LoggedInAsync("office", TownBuilder.Password);
        var liaison = await _factory.CreateBrowserlessClient().LoggedInAsync("liaison", TownBuilder.Password);
        using var recorder = new QueryCounter(_factory.DatabasePath, recordCommands: true);

        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync($"/Evaluation/Report/{_runId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync($"/Dashboard/Subject/{_runId}/{_town.Id("QY01")}")).StatusCode);
        // Two as-of runs of the current year: the second removes the first (items first), as the nightly refresh does.
        await _factory.WithDbAsync(db => new EvaluationRunner(db, _factory.Clock).RunAsync(2026, new DateOnly(2026, 11, 23)));
        await _factory.WithDbAsync(db => new EvaluationRunner(db, _factory.Clock).RunAsync(2026, new DateOnly(2026, 11, 24)));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.EvaluationRuns.CountAsync(r => r.Year == 2026)));
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/Evaluation/Warning")).StatusCode);
        var mine = await liaison.GetPageAsync("/Appeals/Mine");
        var filed = await liaison.PostFormAsync("/Appeals/Submit", PortalClient.TokenOf(mine),
            [new("RunId", _runId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("SubjectId", _town.Id("QY01").ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new("Items", _item), new("Reason", "管理制度已于年内建立")]);
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Appeals.CountAsync()));

        var itemCommands = recorder.Commands.Where(c => c.Text.Contains("\"EvaluationItemResults\"", StringComparison.Ordinal)).ToList();
        Assert.Contains(itemCommands, c => c.Text.TrimStart().StartsWith("DELETE", StringComparison.OrdinalIgnoreCase));
        Assert.True(itemCommands.Count >= 6, $"{itemCommands.Count} commands read the items");
        await using var connection = new SqliteConnection($"Data Source={_factory.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        foreach (var command in itemCommands)
        {
            var aliases = ItemTableAlias().Matches(command.Text).Select(m => m.Groups["alias"].Value).Append("EvaluationItemResults").ToHashSet();
            var plan = await PlanAsync(connection, command);
            var scans = plan.Where(line => aliases.Any(a => line == $"SCAN {a}" || line.StartsWith($"SCAN {a} ", StringComparison.Ordinal))).ToList();
            Assert.True(scans.Count == 0, $"scans the item table:\n{command.Text}\n--\n{string.Join("\n", plan)}");
        }
    }

    private static async Task<List<string>> PlanAsync(SqliteConnection connection, RecordedCommand recorded)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + recorded.Text;
        foreach (var (name, value) in recorded.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }
        return lines;
    }

    [GeneratedRegex("\"EvaluationItemResults\" AS \"(?<alias>[^\"]+)\"")]
    private static partial Regex ItemTableAlias();
}
