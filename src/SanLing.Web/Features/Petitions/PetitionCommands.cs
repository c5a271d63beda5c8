using SanLing.Domain.Ledgers;

namespace SanLing.Web.Features.Petitions;

/// <summary>Writes of the petition ledger (office staff). Forms are validated before; town and id come from the server.</summary>
public sealed class PetitionCommands(SanLingDbContext db, AccessScope scope, LedgerRulesService rules)
{
    public async Task<int> CreateAsync(PetitionForm form, CancellationToken ct)
    {
        var petition = new Petition { Number = "" };
        await ApplyAsync(form, petition, ct);
        db.Petitions.Add(petition);
        await db.SaveChangesAsync(ct);
        return petition.Id;
    }

    public async Task<SaveOutcome> UpdateAsync(int id, PetitionForm form, CancellationToken ct) =>
        await db.SaveEditAsync(await FindAsync(id, ct), form.Version, p => ApplyAsync(form, p, ct), ct);

    /// <summary>The everyday one-tap change: 已化解 with its date.</summary>
    public async Task<SaveOutcome> ResolveAsync(int id, DateOnly resolvedOn, Guid version, CancellationToken ct) =>
        await db.SaveEditAsync(await FindAsync(id, ct), version, p =>
        {
            p.Status = PetitionStatus.Resolved;
            p.ResolvedOn = resolvedOn;
        }, ct);

    public async Task<SaveOutcome> DeleteAsync(int id, Guid version, CancellationToken ct) =>
        await db.DeleteAsync(await FindAsync(id, ct), version, ct);

    private Task<Petition?> FindAsync(int id, CancellationToken ct) =>
        scope.Apply(db.Petitions, p => p.Subject).FirstOrDefaultAsync(p => p.Id == id, ct);

    private async Task ApplyAsync(PetitionForm form, Petition petition, CancellationToken ct)
    {
        var subject = await rules.SubjectAsync(form.SubjectCode!, ct) ?? throw new InvalidOperationException("subject checked by the validator");
        petition.Number = form.Number!.Trim();
        petition.SubjectId = subject.Id;
        petition.OccurredOn = form.FiledOn!.Value;
        petition.Kind = form.Kind!.Value;
        petition.PetitionerCount = form.PetitionerCount!.Value;
        petition.Matter = Text.Clean(form.Matter);
        petition.LeaderInCharge = Text.Clean(form.LeaderInCharge);
        petition.Status = form.Status!.Value;
        petition.ResolvedOn = petition.Status == PetitionStatus.Resolved ? form.ResolvedOn : null;
        petition.IsImpactful = form.IsImpactful;
        petition.IsMajor = form.IsMajor;
    }
}
