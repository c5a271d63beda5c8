using SanLing.Domain.Ledgers;

namespace SanLing.Web.Features.Cases;

/// <summary>Writes of the @case ledger (office staff); the form is validated before.</summary>
public sealed class CaseCommands(SanLingDbContext db, AccessScope scope, LedgerRulesService rules) : ILedgerCommands<CaseForm>
{
    public async Task<int> CreateAsync(CaseForm form, CancellationToken ct)
    {
        var @case = new SecurityCase { Number = "" };
        await ApplyAsync(form, @case, ct);
        db.Cases.Add(@case);
        await db.SaveChangesAsync(ct);
        return @case.Id;
    }

    public async Task<SaveOutcome> UpdateAsync(int id, CaseForm form, CancellationToken ct) =>
        await db.SaveEditAsync(await FindAsync(id, ct), form.Version, a => ApplyAsync(form, a, ct), ct);

    public async Task<SaveOutcome> DeleteAsync(int id, Guid version, CancellationToken ct) =>
        await db.DeleteAsync(await FindAsync(id, ct), version, ct);

    private Task<SecurityCase?> FindAsync(int id, CancellationToken ct) =>
        scope.Apply(db.Cases, a => a.Subject).FirstOrDefaultAsync(a => a.Id == id, ct);

    private async Task ApplyAsync(CaseForm form, SecurityCase @case, CancellationToken ct)
    {
        var subject = await rules.SubjectAsync(form.SubjectCode!, ct) ?? throw new InvalidOperationException("subject checked by the validator");
        var offender = Text.Clean(form.OffenderNumber);
        @case.Number = form.Number!.Trim();
        @case.SubjectId = subject.Id;
        @case.OccurredOn = form.OccurredOn!.Value;
        @case.Kind = form.Kind!.Value;
        @case.Facts = Text.Clean(form.Facts);
        @case.OffenderNumber = offender;
        @case.OffenderKeyPersonId = offender is null ? null : await db.KeyPersons.Where(k => k.Number == offender).Select(k => (int?)k.Id).FirstAsync(ct);
        @case.IsImpactful = form.IsImpactful;
        @case.IsMajor = form.IsMajor;
    }
}
