using Microsoft.AspNetCore.Identity;

namespace SanLing.Web.Setup;

/// <summary>One account per role for the demo town (demo mode only; never in production).</summary>
public sealed class DemoAccounts
{
    /// <summary>Shared by the demo accounts and printed in README; meets the password policy.</summary>
    public const string Password = "Zero3-demo-2026";

    public sealed record Account(string UserName, string DisplayName, string Role, string? ScopeCode);

    public static readonly IReadOnlyList<Account> Accounts =
    [
        new("admin", "系统管理员", Roles.Admin, null),
        new("office", "综治办 王主任", Roles.Office, null),
        new("grid", "网格员 李娜", Roles.GridWorker, "CUN01"),
        new("liaison", "联络员 张伟", Roles.Liaison, "QY0001"),
        new("leader", "镇领导 陈书记", Roles.Leadership, null),
        new("county", "县综治中心 周科长", Roles.CountyCenter, null),
        new("countyleader", "县领导 吴副县长", Roles.CountyLeader, null),
    ];

    public async Task CreateAsync(IServiceProvider services, int townId)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var db = services.GetRequiredService<SanLingDbContext>();
        db.Actor.ActAsSystem(townId, "seed-demo");
        foreach (var account in Accounts)
        {
            if (await users.FindByNameAsync(account.UserName) is not null)
            {
                continue;
            }
            var scope = account.ScopeCode is null ? null : await db.Subjects.SingleAsync(s => s.Code == account.ScopeCode);
            var countyId = Roles.IsCounty(account.Role)
                ? await db.Towns.Where(t => t.Id == townId).Select(t => t.CountyId).SingleAsync()
                : null;
            var user = new AppUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                TownId = countyId is null ? townId : null,
                CountyId = countyId,
                ScopeSubjectId = scope?.Id,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, account.Role));
            if (account.Role == Roles.GridWorker && scope is not null)
            {
                // The demo grid worker answers for the first two grids of the village.
                var grids = await db.Grids.Where(g => g.SubjectId == scope.Id).OrderBy(g => g.Code).Take(2).ToListAsync();
                foreach (var grid in grids)
                {
                    grid.WorkerUserId = user.Id;
                    grid.WorkerName = account.DisplayName.Replace("网格员 ", "", StringComparison.Ordinal);
                }
                await db.SaveChangesAsync();
            }
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("；", result.Errors.Select(e => e.Description)));
        }
    }
}
