using SanLing.Domain.Common;
using SanLing.Infrastructure.Seed;

namespace SanLing.Web.Commands;

/// <summary>Which town a command works on.</summary>
public static class CommandTown
{
    /// <summary>The town to work on: the only one, the one named by --town, or a new one in an empty database.</summary>
    public static async Task<Town> ResolveAsync(SanLingDbContext db, string? code)
    {
        var towns = await db.Towns.ToListAsync();
        if (code is not null)
        {
            return towns.FirstOrDefault(t => t.Code == code) ?? throw new CommandException($"乡镇编码“{code}”不存在。");
        }
        switch (towns.Count)
        {
            case 1:
                return towns[0];
            case 0:
                // Scripts rely on the first import creating the town; `setup` names it properly.
                var (town, _) = await TownFounding.CreateAsync(db, "TOWN", "本镇", TownRules.DefaultDueDay, "import");
                return town;
            default:
                throw new CommandException("数据库中有多个乡镇，请用 --town 指定乡镇编码。");
        }
    }
}
