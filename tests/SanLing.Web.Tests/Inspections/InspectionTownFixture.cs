using Microsoft.AspNetCore.Identity;
using SanLing.Domain.Common;
using SanLing.Domain.Subjects;
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
    public const string Password = "Town-tests-2026";

    public SanLingFactory Factory { get; } = new(demo: false);

    public int TownId { get; private set; }
    public Dictionary<string, int> Subjects { get; } = [];
    public Dictionary<string, int> Grids { get; } = [];

    public async Task InitializeAsync()
    {
        _ = Factory.Server;
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Data.SanLingDbContext>();
        var town = new Town { Code = "T1", Name = "测试镇", InspectionDueDay = 5 };
        db.Towns.Add(town);
        await db.SaveChangesAsync();
        TownId = town.Id;
        db.Actor.ActAsSystem(town.Id, "test");

        var v1 = new Subject { Code = "V1", Name = "东村", Kind = SubjectKind.Village };
        var v2 = new Subject { Code = "V2", Name = "西村", Kind = SubjectKind.Village };
        db.Subjects.AddRange(v1, v2);
        await db.SaveChangesAsync();
        var e1 = new Subject { Code = "E1", Name = "东村农机厂", Kind = SubjectKind.Enterprise, TerritoryId = v1.Id, ContactPerson = "赵六" };
        var e2 = new Subject { Code = "E2", Name = "东村纺织厂", Kind = SubjectKind.Enterprise, TerritoryId = v1.Id };
        var e3 = new Subject { Code = "E3", Name = "东村新超市", Kind = SubjectKind.Enterprise, TerritoryId = v1.Id, EstablishedOn = new DateOnly(2026, 6, 15) };
        db.Subjects.AddRange(e1, e2, e3);
        await db.SaveChangesAsync();
        foreach (var s in new[] { v1, v2, e1, e2, e3 })
        {
            Subjects[s.Code] = s.Id;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        async Task<string> User(string name, string role, int? scopeId)
        {
            var user = new AppUser { UserName = name, DisplayName = name, TownId = town.Id, ScopeSubjectId = scopeId, CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return user.Id;
        }
        var w1 = await User("w1", Roles.GridWorker, v1.Id);
        var w2 = await User("w2", Roles.GridWorker, v1.Id);
        var w3 = await User("w3", Roles.GridWorker, v2.Id);
        await User("l1", Roles.Liaison, e1.Id);
        await User("l2", Roles.Liaison, e2.Id);
        await User("o1", Roles.Office, null);
        await User("ld1", Roles.Leadership, null);

        var grids = new[]
        {
            new Grid { Code = "V1-G1", Name = "第一网格", SubjectId = v1.Id, WorkerName = "钱一", WorkerPhone = "13800000001", WorkerUserId = w1 },
            new Grid { Code = "V1-G2", Name = "第二网格", SubjectId = v1.Id, WorkerName = "孙二", WorkerPhone = "13800000002", WorkerUserId = w2 },
            new Grid { Code = "V2-G1", Name = "西一网格", SubjectId = v2.Id, WorkerName = "李三", WorkerPhone = "13800000003", WorkerUserId = w3 },
            new Grid { Code = "E2-C1", Name = "织布车间", SubjectId = e2.Id, WorkerName = "周四", WorkerPhone = "13800000004" },
            new Grid { Code = "E2-C2", Name = "后勤班组", SubjectId = e2.Id, WorkerName = "吴五", WorkerPhone = "13800000005" },
        };
        db.Grids.AddRange(grids);
        await db.SaveChangesAsync();
        foreach (var g in grids)
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
