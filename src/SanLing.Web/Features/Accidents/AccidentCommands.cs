using SanLing.Domain.Ledgers;

namespace SanLing.Web.Features.Accidents;

/// <summary>Writes of the accident ledger (office staff); the form is validated before.</summary>
public sealed class AccidentCommands(SanLingDbContext db, AccessScope scope, LedgerRulesService rules) : ILedgerCommands<AccidentForm>
{
    public async Task<int> CreateAsync(AccidentForm form, CancellationToken ct)
    {
        var accident = new Accident { Number = "" };
        await ApplyAsync(form, accident, ct);
        db.Accidents.Add(accident);
        await db.SaveChangesAsync(ct);
        return accident.Id;
    }

    public async Task<SaveOutcome> UpdateAsync(int id, AccidentForm form, CancellationToken ct) =>
        await db.SaveEditAsync(await FindAsync(id, ct), form.Version, a => ApplyAsync(form, a, ct), ct);

    public async Task<SaveOutcome> DeleteAsync(int id, Guid version, CancellationToken ct) =>
        await db.DeleteAsync(await FindAsync(id, ct), version, ct);

    private Task<Accident?> FindAsync(int id, CancellationToken ct) =>
        scope.Apply(db.Accidents, a => a.Subject).FirstOrDefaultAsync(a => a.Id == id, ct);

    private async Task ApplyAsync(AccidentForm form, Accident accident, CancellationToken ct)
    {
        var subject = await rules.SubjectAsync(form.SubjectCode!, ct) ?? throw new InvalidOperationException("subject checked by the validator");
        accident.Number = form.Number!.Trim();
        accident.SubjectId = subject.Id;
        accident.OccurredOn = form.OccurredOn!.Value;
        accident.Category = form.Category!.Value;
        accident.Deaths = form.Deaths!.Value;
        accident.Injuries = form.Injuries!.Value;
        accident.LossTenThousandYuan = form.Loss!.Value;
        accident.Summary = Text.Clean(form.Summary);
        accident.IsImpactful = form.IsImpactful;
        accident.IsMajor = form.IsMajor;
    }
}
