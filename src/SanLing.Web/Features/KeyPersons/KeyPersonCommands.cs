using SanLing.Domain.Auditing;
using SanLing.Domain.KeyPopulations;
using SanLing.Infrastructure.Security;

namespace SanLing.Web.Features.KeyPersons;

/// <summary>
/// Writes of the key-person ledger. ID numbers are protected (encrypted, hashed, masked) before any transaction
/// opens; the clear number is never stored, logged or written to the audit trail.
/// </summary>
public sealed class KeyPersonCommands(SanLingDbContext db, AccessScope scope, LedgerRulesService rules, IdNumberProtector idNumbers, TimeProvider clock)
{
    private IQueryable<KeyPerson> InScope() => scope.Apply(db.KeyPersons, k => k.Subject);

    public async Task<int> CreateAsync(KeyPersonForm form, CancellationToken ct)
    {
        var id = idNumbers.Protect(form.IdNumber!);
        var person = new KeyPerson { Number = "", Name = "", IdNumberCipher = id.Cipher, IdNumberHash = id.Hash, IdNumberMasked = id.Masked };
        await ApplyAsync(form, person, ct);
        db.KeyPersons.Add(person);
        await db.SaveChangesAsync(ct);
        await CaseOffenderLinks.LinkAsync(db, [person.Number], ct);
        return person.Id;
    }

    public async Task<SaveOutcome> UpdateAsync(int id, KeyPersonForm form, CancellationToken ct)
    {
        // Protect first: the protector may read its key through another context.
        var newId = string.IsNullOrWhiteSpace(form.IdNumber) ? null : idNumbers.Protect(form.IdNumber);
        return await db.SaveEditAsync(await InScope().FirstOrDefaultAsync(k => k.Id == id, ct), form.Version, async person =>
        {
            await ApplyAsync(form, person, ct);
            if (newId is not null)
            {
                person.IdNumberCipher = newId.Cipher;
                person.IdNumberHash = newId.Hash;
                person.IdNumberMasked = newId.Masked;
            }
        }, ct);
    }

    public async Task<SaveOutcome> DeleteAsync(int id, Guid version, CancellationToken ct) =>
        await db.DeleteAsync(await InScope().Include(k => k.FollowUps).FirstOrDefaultAsync(k => k.Id == id, ct), version, ct);

    /// <summary>Adds a 帮教记录 to a key person in the user's scope; NotFound outside it.</summary>
    public async Task<SaveOutcome> AddFollowUpAsync(int id, FollowUpForm form, CancellationToken ct)
    {
        if (!await InScope().AnyAsync(k => k.Id == id, ct))
        {
            return SaveOutcome.NotFound;
        }
        db.FollowUps.Add(new FollowUp { KeyPersonId = id, VisitedOn = form.VisitedOn!.Value, VisitedBy = form.VisitedBy!.Trim(), Note = Text.Clean(form.Note) });
        await db.SaveChangesAsync(ct);
        return SaveOutcome.Saved;
    }

    /// <summary>The full number of a key person in scope, with an audit line saying who asked (never the number).</summary>
    public async Task<RevealedIdNumber?> RevealAsync(int id, CancellationToken ct)
    {
        var person = await InScope().AsNoTracking().Where(k => k.Id == id)
            .Select(k => new { k.Id, k.Number, k.Name, k.IdNumberCipher }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return null;
        }
        var clear = idNumbers.Unprotect(person.IdNumberCipher);
        await AuditChain.AppendAsync(db, clock, AuditAction.RevealIdNumber, nameof(KeyPerson), Key(id), null, ct);
        return new RevealedIdNumber(person.Id, person.Number, person.Name, clear);
    }

    /// <summary>Every opening of a key person's page leaves a line (who, when, which person).</summary>
    public Task RecordViewAsync(int id, CancellationToken ct) =>
        AuditChain.AppendAsync(db, clock, AuditAction.View, nameof(KeyPerson), Key(id), null, ct);

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task ApplyAsync(KeyPersonForm form, KeyPerson person, CancellationToken ct)
    {
        var subject = await rules.SubjectAsync(form.SubjectCode!, ct) ?? throw new InvalidOperationException("subject checked by the validator");
        person.Number = form.Number!.Trim();
        person.Name = form.Name!.Trim();
        person.SubjectId = subject.Id;
        person.Category = form.Category!.Value;
        person.ListedOn = form.ListedOn!.Value;
        person.DelistedOn = form.DelistedOn;
        person.HasAssistancePlan = form.HasAssistancePlan;
        person.AssistancePlan = form.HasAssistancePlan ? Text.Clean(form.AssistancePlan) : null;
        person.HelperName = Text.Clean(form.HelperName);
    }
}
