using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;

namespace SanLing.Infrastructure.Seed;

/// <summary>
/// The one way a town comes into being (setup page, <c>setup</c> command, first import, demo seed): the town and
/// the 2020 rule set in force from 2020 on, so attestations and evaluations work at once.
/// </summary>
public static class TownFounding
{
    /// <summary>Adds the town and its rule set and saves; the context then acts as the system on the new town.</summary>
    /// <exception cref="ArgumentException">The code, name or due day breaks <see cref="TownRules"/>.</exception>
    public static async Task<(Town Town, RuleSet RuleSet)> CreateAsync(
        SanLingDbContext db, string code, string name, int inspectionDueDay, string actorName, CancellationToken cancellationToken = default)
    {
        if (!TownRules.IsValidCode(code) || !TownRules.IsValidName(name) || !TownRules.IsValidDueDay(inspectionDueDay))
        {
            throw new ArgumentException($"乡镇编码、名称或排查截止日无效：{code} {name} {inspectionDueDay}");
        }
        var town = new Town { Code = code, Name = name.Trim(), InspectionDueDay = inspectionDueDay };
        db.Towns.Add(town);
        await db.SaveChangesAsync(cancellationToken);

        db.Actor.ActAsSystem(town.Id, actorName);
        var ruleSet = DefaultRuleSet.Create2020();
        ruleSet.TownId = town.Id;
        db.RuleSets.Add(ruleSet);
        await db.SaveChangesAsync(cancellationToken);
        return (town, ruleSet);
    }

    /// <summary>True when the database holds no town and no account: only then may a town be set up (or the demo seeded).</summary>
    public static async Task<bool> IsEmptyAsync(SanLingDbContext db, CancellationToken cancellationToken = default) =>
        !await db.Towns.AnyAsync(cancellationToken) && !await db.Users.AnyAsync(cancellationToken);
}
