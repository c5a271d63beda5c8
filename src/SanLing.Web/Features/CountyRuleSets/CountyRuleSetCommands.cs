using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Auditing;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;
using SanLing.Web.Features.RuleSets;

namespace SanLing.Web.Features.CountyRuleSets;

/// <summary>The county center publishes rule sets (copied into every town of the county) and sets the variants switch.</summary>
public sealed class CountyRuleSetCommands(SanLingDbContext db, TimeProvider clock)
{
    /// <summary>Why a publication is refused (also the key of the web's resource file).</summary>
    public const string YearTaken = "本县该年度已有评定细则；如需更正，请在该细则页面修订。";

    /// <summary>Why a revision is refused: it changes nothing (also the key of the web's resource file).</summary>
    public const string NothingToRevise = "修订内容与现行细则相同，无需修订。";

    /// <summary>Why a revision is refused: the set was revised since the page was read (also the key of the web's resource file).</summary>
    public const string RevisedMeanwhile = "该细则已被他人修订，请在现行修订的基础上重新修订。";

    /// <summary>
    /// Publishes a county set derived from <paramref name="sourceId"/> (a county set of the county; null: the 2020 catalogue)
    /// and copies it into every town of the county, in one transaction. NotFound: no such source; Refused: the year is taken.
    /// </summary>
    public async Task<(SaveOutcome Outcome, int? Id)> PublishAsync(int countyId, int? sourceId, PublishForm form, CancellationToken ct)
    {
        IReadOnlyList<RuleItem> source;
        if (sourceId is { } id)
        {
            var set = await db.CountyRuleSets.AsNoTracking().Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == id && r.CountyId == countyId, ct);
            if (set is null)
            {
                return (SaveOutcome.NotFound, null);
            }
            source = set.Items;
        }
        else
        {
            source = DefaultRuleSet.Create2020().Items;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.CountyRuleSets.AnyAsync(r => r.CountyId == countyId && r.Year == form.Year, ct))
        {
            return (SaveOutcome.Refused, null);
        }
        var published = new CountyRuleSet
        {
            CountyId = countyId,
            Year = form.Year!.Value,
            Name = form.Name!.Trim(),
            VillageCommunityTarget = form.VillageCommunityTargetPercent!.Value / 100m,
            EnterpriseUnitTarget = form.EnterpriseUnitTargetPercent!.Value / 100m,
            DerivedFromId = sourceId,
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = db.Actor.UserName,
            Items = RuleSetDerivation.Items(source, form).Select(CountyRuleSetItem.CopyOf).ToList(),
        };
        db.CountyRuleSets.Add(published);
        await db.SaveChangesAsync(ct);
        await CopyIntoTownsAsync(published, countyId, towns => new
        {
            published.CountyId, published.Year, published.Name, published.VillageCommunityTarget, published.EnterpriseUnitTarget,
            published.DerivedFromId, Items = published.Items.Count, Towns = towns,
        }, ct);
        await transaction.CommitAsync(ct);
        return (SaveOutcome.Saved, published.Id);
    }

    /// <summary>
    /// Publishes a revision (修订) of the year's county set <paramref name="currentId"/>: its items with the form's
    /// changes, superseding it, copied into every town of the county in one transaction (the towns' runs of that year
    /// then use it, <see cref="RuleSetChoice"/>; stored runs keep naming the copy they used). NotFound: not a set of the
    /// county; Stale: it is no longer the year's set in force; Unchanged: the revision changes nothing.
    /// </summary>
    public async Task<(SaveOutcome Outcome, int? Id)> ReviseAsync(int countyId, int currentId, ReviseForm form, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var current = await db.CountyRuleSets.AsNoTracking().Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == currentId && r.CountyId == countyId, ct);
        if (current is null)
        {
            return (SaveOutcome.NotFound, null);
        }
        if (await db.CountyRuleSets.AnyAsync(r => r.SupersedesId == current.Id, ct))
        {
            return (SaveOutcome.Stale, null);
        }
        var name = form.Name!.Trim();
        var village = form.VillageCommunityTargetPercent!.Value / 100m;
        var enterprise = form.EnterpriseUnitTargetPercent!.Value / 100m;
        var items = RuleSetDerivation.Items(current.Items, form).Select(CountyRuleSetItem.CopyOf).ToList();
        if (!CountyRuleSetRevision.Changes(current, name, village, enterprise, items))
        {
            return (SaveOutcome.Unchanged, null);
        }
        var revision = new CountyRuleSet
        {
            CountyId = countyId,
            Year = current.Year,
            Name = name,
            VillageCommunityTarget = village,
            EnterpriseUnitTarget = enterprise,
            DerivedFromId = current.DerivedFromId,
            Revision = current.Revision + 1,
            SupersedesId = current.Id,
            RevisionReason = form.Reason!.Trim(),
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = db.Actor.UserName,
            Items = items,
        };
        db.CountyRuleSets.Add(revision);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another revision of the same set was made at the same moment (the county, year and revision are unique).
            db.ChangeTracker.Clear();
            return (SaveOutcome.Stale, null);
        }
        await CopyIntoTownsAsync(revision, countyId, towns => new
        {
            revision.CountyId, revision.Year, revision.Name, revision.VillageCommunityTarget, revision.EnterpriseUnitTarget,
            revision.Revision, revision.SupersedesId, revision.RevisionReason, Items = revision.Items.Count, Towns = towns,
        }, ct);
        await transaction.CommitAsync(ct);
        return (SaveOutcome.Saved, revision.Id);
    }

    /// <summary>Sets whether towns may use variants of their own. Stale: the county was changed since the page was read.</summary>
    public async Task<SaveOutcome> SetVariantsAsync(int countyId, VariantsForm form, CancellationToken ct)
    {
        var county = await db.Counties.FirstOrDefaultAsync(c => c.Id == countyId, ct);
        if (county is null)
        {
            return SaveOutcome.NotFound;
        }
        if (county.Version != form.Version)
        {
            return SaveOutcome.Stale;
        }
        if (county.AllowsTownVariants == form.Allow)
        {
            return SaveOutcome.Unchanged;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var before = county.AllowsTownVariants;
        db.Entry(county).Property(c => c.Version).OriginalValue = form.Version;
        county.AllowsTownVariants = form.Allow;
        county.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SaveOutcome.Stale;
        }
        await AuditChain.AppendAsync(db, clock, AuditAction.Update, nameof(Domain.Common.County), county.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new Dictionary<string, object?[]> { [nameof(county.AllowsTownVariants)] = [before, form.Allow] }, JsonOptions), ct);
        await transaction.CommitAsync(ct);
        return SaveOutcome.Saved;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Copies a saved county set (or revision) into every town of the county, each copy an audited row of its town,
    /// then writes the county's audit line (<paramref name="auditDetail"/> is given the number of towns).
    /// </summary>
    private async Task CopyIntoTownsAsync(CountyRuleSet set, int countyId, Func<int, object> auditDetail, CancellationToken ct)
    {
        var towns = await db.Towns.Where(t => t.CountyId == countyId).Select(t => t.Id).ToListAsync(ct);
        db.RuleSets.AddRange(towns.Select(set.CopyFor));
        await db.SaveChangesAsync(ct);
        await AuditChain.AppendAsync(db, clock, AuditAction.Create, nameof(CountyRuleSet), set.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(auditDetail(towns.Count), JsonOptions), ct);
    }
}

/// <summary>A county set's form: the rules of every new rule set (the county's year check is the command's, inside its transaction).</summary>
public sealed class PublishFormValidator(IStringLocalizer<SharedResource> localizer) : RuleSetFormValidator<PublishForm>(localizer);

/// <summary>A revision's form: the rules of every rule set, and a reason (修订理由).</summary>
public sealed class ReviseFormValidator : RuleSetFormValidator<ReviseForm>
{
    public ReviseFormValidator(IStringLocalizer<SharedResource> localizer) : base(localizer)
    {
        RuleFor(f => f.Reason).NotEmpty().WithMessage(_ => localizer["请填写修订理由"])
            .MaximumLength(CountyRuleSet.RevisionReasonMaxLength).WithMessage(_ => localizer["修订理由不能超过 {0} 个字", CountyRuleSet.RevisionReasonMaxLength]);
    }
}
