using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;

namespace SanLing.Infrastructure.Seed;

/// <summary>
/// The one way a town comes into being (setup page, <c>setup</c> command, first import, demo seed, the county's
/// 添加乡镇): the town and its rule sets, so attestations and evaluations work at once. A town of a county starts with
/// the county's rule sets (its current one among them); a town without a county, or of a county that has published
/// none, with the 2020 rule set in force from 2020 on.
/// </summary>
public static class TownFounding
{
    /// <summary>Adds the town and its rule sets and saves; the context then acts as the system on the new town.</summary>
    /// <returns>The town and the rule set it starts with (the latest of them).</returns>
    /// <exception cref="ArgumentException">The code, name or due day breaks <see cref="TownRules"/>.</exception>
    public static async Task<(Town Town, RuleSet RuleSet)> CreateAsync(
        SanLingDbContext db, string code, string name, int inspectionDueDay, string actorName, CancellationToken cancellationToken = default) =>
        await CreateAsync(db, code, name, inspectionDueDay, actorName, countyId: null, cancellationToken);

    public static async Task<(Town Town, RuleSet RuleSet)> CreateAsync(
        SanLingDbContext db, string code, string name, int inspectionDueDay, string actorName, int? countyId, CancellationToken cancellationToken = default)
    {
        if (!TownRules.IsValidCode(code) || !TownRules.IsValidName(name) || !TownRules.IsValidDueDay(inspectionDueDay))
        {
            throw new ArgumentException($"乡镇编码、名称或排查截止日无效：{code} {name} {inspectionDueDay}");
        }
        var town = new Town { Code = code, Name = name.Trim(), InspectionDueDay = inspectionDueDay, CountyId = countyId };
        db.Towns.Add(town);
        await db.SaveChangesAsync(cancellationToken);

        db.Actor.ActAsSystem(town.Id, actorName);
        var countySets = countyId is null ? [] : await db.CountyRuleSets.AsNoTracking().Include(r => r.Items)
            .Where(r => r.CountyId == countyId).OrderBy(r => r.Year).ToListAsync(cancellationToken);
        List<RuleSet> ruleSets = countySets.Count > 0 ? countySets.Select(c => c.CopyFor(town.Id)).ToList() : [DefaultRuleSet.Create2020()];
        foreach (var ruleSet in ruleSets)
        {
            ruleSet.TownId = town.Id;
            db.RuleSets.Add(ruleSet);
        }
        await db.SaveChangesAsync(cancellationToken);
        return (town, ruleSets[^1]);
    }

    /// <summary>True when the database holds no town and no account: only then may a town be set up (or the demo seeded).</summary>
    public static async Task<bool> IsEmptyAsync(SanLingDbContext db, CancellationToken cancellationToken = default) =>
        !await db.Towns.AnyAsync(cancellationToken) && !await db.Users.AnyAsync(cancellationToken);
}
