using SanLing.Domain.Standards;

namespace SanLing.Infrastructure.Data;

/// <summary>The current town's rule sets and its county's variants switch: what <see cref="RuleSetChoice"/> chooses from.</summary>
public sealed record TownRuleSetChoice(IReadOnlyList<RuleSetKey> Sets, bool VariantsAllowed)
{
    public RuleSetKey? For(int year) => RuleSetChoice.For(Sets, year, VariantsAllowed);
}

/// <summary>The rule set in force for a year in the current town: every reader (runs, attestations, dashboards, imports) asks here.</summary>
public static class TownRuleSets
{
    /// <summary>Two small queries: the town's rule sets (a handful of rows) and its county's switch.</summary>
    public static async Task<TownRuleSetChoice> RuleSetChoiceAsync(this SanLingDbContext db, CancellationToken ct = default)
    {
        var sets = await db.RuleSets.AsNoTracking()
            .Select(r => new RuleSetKey(r.Id, r.Year, r.CountyRuleSetId, r.DerivedFromId, r.CountyRevision)).ToListAsync(ct);
        var allows = await db.Towns.AsNoTracking().Where(t => t.Id == db.CurrentTownId)
            .Select(t => db.Counties.Where(c => c.Id == t.CountyId).Select(c => (bool?)c.AllowsTownVariants).FirstOrDefault())
            .FirstOrDefaultAsync(ct);
        return new TownRuleSetChoice(sets, allows ?? false);
    }

    /// <summary>The id of the rule set a year of the current town is judged by, or null when none is in force.</summary>
    public static async Task<int?> RuleSetIdForAsync(this SanLingDbContext db, int year, CancellationToken ct = default) =>
        (await db.RuleSetChoiceAsync(ct)).For(year)?.Id;
}
