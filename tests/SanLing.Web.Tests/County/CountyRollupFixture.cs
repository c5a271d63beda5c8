using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Supervision;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Evaluation;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.County;

/// <summary>
/// A county (河口县) of four towns: three with runs stored by <see cref="EvaluationRunner"/> (2025 published; 甲镇 also a
/// 2026 as-of run), one without any; a town of another county with a run of its own; and two more counties of 2 and
/// 5 towns with runs, for the query count. The towns' people (grid workers, contacts, responsible persons) have names
/// and phones that no county page may show. The test clock stands on 2026-11-25.
/// </summary>
public class CountyRollupFixture : IAsyncLifetime, IDisposable
{
    public const string Password = TownBuilder.Password;

    /// <summary>Names and phones of the towns' people: never on a county page or in the leader's export.</summary>
    public static readonly string[] PersonalData = ["赵网格", "13800000001", "钱联络", "13900000002", "孙书记", "周镇长", "吴网格", "13700000003"];

    public SanLingFactory Factory { get; } = new(demo: false);

    public int CountyId { get; private set; }
    public Dictionary<string, int> Towns { get; } = [];

    /// <summary>Each town's 2025 published run.</summary>
    public Dictionary<string, int> Runs2025 { get; } = [];

    /// <summary>Served over real HTTP (for the browser tests).</summary>
    protected virtual bool Kestrel => false;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Kestrel)
        {
            Factory.UseKestrel(0);
            Factory.StartServer();
            BaseUrl = Factory.ClientOptions.BaseAddress.ToString();
        }
        CountyId = await AddCountyAsync("HK", "河口县");
        var other = await AddCountyAsync("LX", "邻县");
        await AddTownAsync("TA", "甲镇", CountyId, compliantEnterprises: 3, failingEnterprises: 0);
        await AddTownAsync("TB", "乙镇", CountyId, compliantEnterprises: 1, failingEnterprises: 2);
        await AddTownAsync("TC", "丙镇", CountyId, compliantEnterprises: 2, failingEnterprises: 1);
        await AddTownAsync("TD", "丁镇", CountyId, compliantEnterprises: 1, failingEnterprises: 0, evaluate: false);
        await AddTownAsync("TX", "邻县红石镇", other, compliantEnterprises: 2, failingEnterprises: 0);
        await RunAsync("TA", 2026, new DateOnly(2026, 11, 24), publish: false);
        await AddOrdersAsync("TB");

        var two = await AddCountyAsync("Q2", "二镇县");
        for (var i = 1; i <= 2; i++)
        {
            await AddTownAsync($"Q2T{i}", $"二县{i}镇", two, compliantEnterprises: 2, failingEnterprises: 1);
        }
        var five = await AddCountyAsync("Q5", "五镇县");
        for (var i = 1; i <= 5; i++)
        {
            await AddTownAsync($"Q5T{i}", $"五县{i}镇", five, compliantEnterprises: 2, failingEnterprises: 1);
        }

        await AddCountyUserAsync("hk-center", Roles.CountyCenter, CountyId);
        await AddCountyUserAsync("hk-leader", Roles.CountyLeader, CountyId);
        await AddCountyUserAsync("q2-leader", Roles.CountyLeader, two);
        await AddCountyUserAsync("q5-leader", Roles.CountyLeader, five);
    }

    private Task<int> AddCountyAsync(string code, string name) => Factory.WithDbAsync(async db =>
    {
        var county = new Domain.Common.County { Code = code, Name = name };
        db.Counties.Add(county);
        await db.SaveChangesAsync();
        return county.Id;
    });

    /// <summary>
    /// A town with one village (two grids, inspected every month of 2025) and enterprises: the compliant ones inspected and
    /// attested, the failing ones never inspected; then its 2025 run, published.
    /// </summary>
    private async Task AddTownAsync(string code, string name, int countyId, int compliantEnterprises, int failingEnterprises, bool evaluate = true)
    {
        var builder = new TownBuilder(code, name).InCounty(countyId).WithRuleSet().WithResponsiblePersons("孙书记", "周镇长")
            .Village($"{code}C1", $"{name}一村")
            .WithGrid($"{code}G1", "一组", "赵网格", "13800000001")
            .WithGrid($"{code}G2", "二组", "吴网格", "13700000003");
        for (var i = 1; i <= compliantEnterprises + failingEnterprises; i++)
        {
            builder.Enterprise($"{code}Q{i}", $"{name}企业{i}", $"{code}C1").With(s => { s.ContactPerson = "钱联络"; s.Phone = "13900000002"; });
        }
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        var town = await builder.BuildAsync(db, scope.ServiceProvider);
        town.InspectAllMonths(town[$"{code}C1"], 2025);
        town.AttestAll(town[$"{code}C1"], 2025);
        for (var i = 1; i <= compliantEnterprises; i++)
        {
            town.InspectAllMonths(town[$"{code}Q{i}"], 2025);
            town.AttestAll(town[$"{code}Q{i}"], 2025);
        }
        // 2026 so far: the village's first grid only, every month.
        foreach (var grid in town[$"{code}C1"].Grids.Take(1))
        {
            for (var m = 1; m <= 10; m++)
            {
                db.Inspections.Add(new Domain.Inspections.Inspection
                {
                    Subject = town[$"{code}C1"], Grid = grid, Month = new DateOnly(2026, m, 1), InspectedOn = new DateOnly(2026, m, 20),
                    Status = Domain.Inspections.InspectionStatus.Submitted, NothingFound = true,
                });
            }
        }
        await town.SaveAsync();
        Towns[code] = town.Town.Id;
        if (evaluate)
        {
            Runs2025[code] = await RunAsync(code, 2025, null, publish: true);
        }
    }

    private async Task<int> RunAsync(string code, int year, DateOnly? asOf, bool publish)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        db.Actor.ActAsSystem(Towns[code], "test");
        var outcome = await new EvaluationRunner(db, Factory.Clock).RunAsync(year, asOf);
        if (publish)
        {
            db.ChangeTracker.Clear();
            var run = await db.EvaluationRuns.SingleAsync(r => r.Id == outcome.Run.Id);
            run.Publish(Factory.Clock.GetUtcNow(), "test");
            await db.SaveChangesAsync();
        }
        return outcome.Run.Id;
    }

    /// <summary>乙镇: three 督办 orders waiting (one overdue, i.e. due before today), one answered.</summary>
    private async Task AddOrdersAsync(string code)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        db.Actor.ActAsSystem(Towns[code], "test");
        var subject = await db.Subjects.FirstAsync(s => s.Code == $"{code}Q2");
        SupervisionOrder Order(DateOnly due, SupervisionStatus status) => new()
        {
            Source = SupervisionSource.MissingInspection, Month = new DateOnly(2026, 10, 1), SubjectId = subject.Id, AssigneeName = "钱联络", Instruction = "整改",
            IssuedOn = new DateOnly(2026, 11, 1), LimitDays = 5, DueOn = due, Status = status,
        };
        db.SupervisionOrders.AddRange(
            Order(new DateOnly(2026, 11, 10), SupervisionStatus.Issued),
            Order(new DateOnly(2026, 11, 30), SupervisionStatus.Issued),
            Order(new DateOnly(2026, 12, 2), SupervisionStatus.Returned),
            Order(new DateOnly(2026, 11, 10), SupervisionStatus.Answered));
        await db.SaveChangesAsync();
    }

    private async Task AddCountyUserAsync(string userName, string role, int countyId)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = userName, CountyId = countyId, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    /// <summary>A town's stored counts of a run by group (达标, 不达标, 待评定), straight from the results.</summary>
    public Task<Dictionary<(Domain.Subjects.SubjectGroup, SubjectVerdict), int>> StoredCountsAsync(int runId) => Factory.WithDbAsync(async db =>
        (await db.EvaluationResults.Where(r => r.RunId == runId).Select(r => new { r.Kind, r.Verdict }).ToListAsync())
            .GroupBy(r => (Domain.Subjects.SubjectKindExtensions.Group(r.Kind), r.Verdict)).ToDictionary(g => g.Key, g => g.Count()));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same county served over real HTTP, for the browser.</summary>
public sealed class KestrelCountyFixture : CountyRollupFixture
{
    protected override bool Kestrel => true;
}
