using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.County;

/// <summary>
/// A county set up as a real one is, from an empty database, with the portal's own commands only: two towns with
/// <c>setup … --county</c>, each loaded with the town's nine 2024 workbooks (shared/samples/town-2024), each evaluated
/// with <c>evaluate 2024 --town</c>, its office and a county leader from <c>create-user</c>; then the portal in
/// Production, where each office publishes its run and the county leader reads both towns' figures, equal to their
/// stored runs, and no personal data.
/// </summary>
public sealed partial class CountyFromEmptyDatabaseTests : IDisposable
{
    private const string Password = "River-bend-2026x";
    private static readonly string[] Workbooks =
        ["subjects", "grids", "key-persons", "petitions", "accidents", "cases", "rental-houses", "inspections", "attestations"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sanling-tests", $"county-empty-{Guid.NewGuid():N}");
    private readonly PortalProcess _portal;

    public CountyFromEmptyDatabaseTests()
    {
        Directory.CreateDirectory(_folder);
        _portal = new PortalProcess(Path.Combine(_folder, "sanling.db"));
    }

    private async Task RunAsync(params string[] args)
    {
        var (exit, output, error) = await _portal.RunAsync(Password, args);
        Assert.True(exit == 0, $"{string.Join(' ', args)}: exit {exit}\n{output}\n{error}");
    }

    [Fact]
    public async Task Two_towns_set_up_and_loaded_with_the_commands_are_read_side_by_side_by_the_county_leader()
    {
        var samples = PortalProcess.SamplesFolder();
        await RunAsync("setup", "QS", "青山镇", "--admin", "qsadmin", "--county", "LJ", "--county-name", "临江县");
        await RunAsync("setup", "BS", "白水镇", "--admin", "bsadmin", "--county", "LJ");
        foreach (var town in new[] { "QS", "BS" })
        {
            foreach (var workbook in Workbooks)
            {
                await RunAsync("import", workbook, Path.Combine(samples, workbook + ".xlsx"), "--town", town);
            }
            await RunAsync("evaluate", "2024", "--town", town);
            await RunAsync("create-user", town.ToLowerInvariant() + "office", "office", "--town", town);
        }
        // A county account needs no town (the deployment has one county); the wrong pairings are refused, writing nothing.
        await RunAsync("create-user", "ljleader", "county-leader", "--name", "县领导");
        var users = PortalProcess.Scalar(_portal.DatabasePath, "SELECT COUNT(*) FROM AspNetUsers");
        (string[] Args, string Message)[] refusals =
        [
            (["create-user", "ljoffice", "office"], "请用 --town 指定乡镇编码"),
            (["create-user", "ljoffice", "office", "--county", "LJ"], "--county 只用于县级角色"),
            (["create-user", "ljcenter", "county-center", "--county", "NOPE"], "县编码“NOPE”不存在"),
            (["create-user", "ljcenter", "county-center", "--county", "LJ", "--town", "QS"], "不与 --town 同用"),
        ];
        foreach (var (args, message) in refusals)
        {
            var (exit, _, error) = await _portal.RunAsync(Password, args);
            Assert.True(exit != 0 && error.Contains(message, StringComparison.Ordinal), $"{string.Join(' ', args)}: exit {exit}, {error}");
        }
        Assert.Equal(users, PortalProcess.Scalar(_portal.DatabasePath, "SELECT COUNT(*) FROM AspNetUsers"));
        Assert.Equal("LJ", PortalProcess.Scalar(_portal.DatabasePath,
            "SELECT c.Code FROM AspNetUsers u JOIN Counties c ON c.Id = u.CountyId WHERE u.UserName = 'ljleader' AND u.TownId IS NULL"));

        using var factory = new SanLingFactory(demo: false, environment: "Production", databasePath: _portal.DatabasePath);
        // Each town's office publishes its 2024 run (公示): leadership, the county's included, reads published runs.
        foreach (var town in new[] { "QS", "BS" })
        {
            var office = await factory.CreateBrowserlessClient().LoggedInAsync(town.ToLowerInvariant() + "office", Password);
            var run = await factory.WithDbAsync(db => db.EvaluationRuns.IgnoreQueryFilters()
                .Where(r => r.Year == 2024 && db.Towns.Any(t => t.Id == r.TownId && t.Code == town)).Select(r => new { r.Id, r.Version }).SingleAsync());
            var results = await office.GetPageAsync($"/Evaluation/Results/{run.Id}");
            var published = await office.PostFormAsync($"/Evaluation/Publish/{run.Id}", PortalClient.TokenOf(results), [new("version", run.Version.ToString())]);
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }
        var client = await factory.CreateBrowserlessClient().LoggedInAsync("ljleader", Password);
        var page = await client.GetPageAsync("/Counties/Index?year=2024");

        // Each town's row is its stored run; the two towns hold the same workbooks, so the county's rate is theirs too.
        var counts = await factory.WithDbAsync(async db =>
        {
            var runs = await db.EvaluationRuns.IgnoreQueryFilters().Where(r => r.Year == 2024)
                .Join(db.Towns.IgnoreQueryFilters(), r => r.TownId, t => t.Id, (r, t) => new { r.Id, t.Code }).ToDictionaryAsync(r => r.Id, r => r.Code);
            var results = await db.EvaluationResults.IgnoreQueryFilters().Where(r => runs.Keys.Contains(r.RunId))
                .Select(r => new { r.RunId, r.Kind, r.Verdict }).ToListAsync();
            return results.GroupBy(r => (Town: runs[r.RunId], r.Kind.Group()))
                .ToDictionary(g => g.Key, g => (Compliant: g.Count(r => r.Verdict == SubjectVerdict.Compliant), Subjects: g.Count()));
        });
        Assert.Equal(4, counts.Count);
        foreach (var town in new[] { "QS", "BS" })
        {
            foreach (var (group, css) in new[] { (SubjectGroup.VillageCommunity, "vc"), (SubjectGroup.EnterpriseUnit, "eu") })
            {
                var (compliant, subjects) = counts[(town, group)];
                Assert.True(subjects > 0, $"{town} {group}: no results stored");
                Assert.Equal($"{compliant}/{subjects}", Cell(page, $"#county-towns tr[data-town={town}] td.{css}-counts"));
                Assert.Equal(Percent(compliant, subjects), Cell(page, $"#county-towns tr[data-town={town}] td.{css}-rate"));
                Assert.Equal(Percent(compliant, subjects), Cell(page, $"#county-rates [data-group={group}] td.rate"));
            }
        }

        // Into 白水镇 as its leadership: its dashboard answers; its ledgers of people do not; nothing personal shows.
        var token = await client.AntiforgeryTokenAsync("/Counties/Index");
        var town2 = await factory.WithDbAsync(db => db.Towns.IgnoreQueryFilters().Where(t => t.Code == "BS").Select(t => t.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Counties/Switch/{town2}", token, [new("returnUrl", "/Dashboard")])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/KeyPersons/Index")).StatusCode);
        foreach (var url in new[] { "/Counties/Index?year=2024", "/Dashboard/Index" })
        {
            var html = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotMatch(IdNumber(), html);
            Assert.DoesNotMatch(MobilePhone(), html);
        }
    }

    private static string Cell(IHtmlDocument page, string selector) =>
        (page.QuerySelector(selector) ?? throw new InvalidOperationException($"no {selector}")).TextContent.Trim();

    private static string Percent(int compliant, int subjects) =>
        ((decimal)compliant / subjects * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    [GeneratedRegex(@"(?<!\d)\d{17}[\dXx](?!\d)")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex MobilePhone();

    public void Dispose() => PortalProcess.DeleteFolder(_folder);
}
