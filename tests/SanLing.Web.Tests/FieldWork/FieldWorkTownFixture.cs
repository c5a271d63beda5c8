using SanLing.Domain.KeyPopulations;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.FieldWork;

/// <summary>
/// A hand-built town for field work, due day the 5th: 东村 (V1) with grids V1-G1 and V1-G2, both of grid worker w1
/// (V1-G2 is kept for the worklist tests: nothing is ever submitted for it), and an unregistered rental house;
/// 西村 (V2) with grid V2-G1 of w2; the enterprise E1 in 东村 without workshops (liaison l1); office o1.
/// Each test sets the clock it needs.
/// </summary>
public sealed class FieldWorkTownFixture : IAsyncLifetime
{
    public SanLingFactory Factory { get; } = new(demo: false);

    public Dictionary<string, int> Subjects { get; } = [];
    public Dictionary<string, int> Grids { get; } = [];

    public async Task InitializeAsync()
    {
        var town = await new TownBuilder().DueDay(5)
            .Village("V1", "东村")
                .WithGrid("V1-G1", "第一网格", "钱一", "13800000001", account: "w1")
                .WithGrid("V1-G2", "第二网格", "钱一", "13800000001", account: "w1")
            .Village("V2", "西村")
                .WithGrid("V2-G1", "西一网格", "李三", "13800000003", account: "w2")
            .Enterprise("E1", "东村农机厂", territory: "V1").With(s => s.ContactPerson = "赵六")
            .User("w1", Roles.GridWorker, "V1")
            .User("w2", Roles.GridWorker, "V2")
            .User("l1", Roles.Liaison, "E1")
            .User("o1", Roles.Office)
            .BuildAsync(Factory);
        foreach (var s in town.Subjects)
        {
            Subjects[s.Code] = s.Id;
        }
        foreach (var g in town.Grids)
        {
            Grids[g.Code] = g.Id;
        }
        await Factory.WithDbAsync(async db =>
        {
            db.RentalHouses.Add(new RentalHouse { Number = "CZ-0007", SubjectId = Subjects["V1"], Address = "东村路 7 号", TenantCount = 3 });
            await db.SaveChangesAsync();
        });
    }

    public void SetToday(int year, int month, int day) =>
        Factory.Clock.Now = new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.FromHours(8));

    public async Task<HttpClient> ClientAsync(string user) =>
        await Factory.CreateBrowserlessClient().LoggedInAsync(user, TownBuilder.Password);

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
