using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Inspections;

/// <summary>
/// A small hand-built town (no demo seed) for the inspection tests:
/// 东村 (V1) with grids G1 (worker w1) and G2 (worker w2), 西村 (V2) with grid G3 (worker w3);
/// in 东村 the enterprise E1 without workshops (liaison l1) and E2 with workshops C1, C2 (liaison l2);
/// E3 established in June 2026; office o1, leader ld1. Today is 2026-11-25, due day the 5th.
/// </summary>
public sealed class InspectionTownFixture : IAsyncLifetime
{
    public const string Password = TownBuilder.Password;

    public SanLingFactory Factory { get; } = new(demo: false);

    public int TownId { get; private set; }
    public Dictionary<string, int> Subjects { get; } = [];
    public Dictionary<string, int> Grids { get; } = [];

    public async Task InitializeAsync()
    {
        var town = await new TownBuilder().DueDay(5)
            .Village("V1", "东村")
                .WithGrid("V1-G1", "第一网格", "钱一", "13800000001", account: "w1")
                .WithGrid("V1-G2", "第二网格", "孙二", "13800000002", account: "w2")
            .Village("V2", "西村")
                .WithGrid("V2-G1", "西一网格", "李三", "13800000003", account: "w3")
            .Enterprise("E1", "东村农机厂", territory: "V1").With(s => s.ContactPerson = "赵六")
            .Enterprise("E2", "东村纺织厂", territory: "V1")
                .WithGrid("E2-C1", "织布车间", "周四", "13800000004")
                .WithGrid("E2-C2", "后勤班组", "吴五", "13800000005")
            .Enterprise("E3", "东村新超市", territory: "V1").With(s => s.EstablishedOn = new DateOnly(2026, 6, 15))
            .User("w1", Roles.GridWorker, "V1")
            .User("w2", Roles.GridWorker, "V1")
            .User("w3", Roles.GridWorker, "V2")
            .User("l1", Roles.Liaison, "E1")
            .User("l2", Roles.Liaison, "E2")
            .User("o1", Roles.Office)
            .User("ld1", Roles.Leadership)
            .BuildAsync(Factory);
        TownId = town.Town.Id;
        foreach (var s in town.Subjects)
        {
            Subjects[s.Code] = s.Id;
        }
        foreach (var g in town.Grids)
        {
            Grids[g.Code] = g.Id;
        }
    }

    public async Task<HttpClient> ClientAsync(string user) =>
        await Factory.CreateBrowserlessClient().LoggedInAsync(user, Password);

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
