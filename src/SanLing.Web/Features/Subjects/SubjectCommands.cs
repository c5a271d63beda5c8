using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Subjects;

/// <summary>Writes of the subject registry. The form is already validated; town and id come from the server.</summary>
public sealed class SubjectCommands(SanLingDbContext db, AccessScope scope)
{
    public async Task<int> CreateAsync(SubjectForm form, CancellationToken ct)
    {
        var subject = new Subject { Code = "", Name = "" };
        Apply(form, subject);
        db.Subjects.Add(subject);
        await db.SaveChangesAsync(ct);
        return subject.Id;
    }

    public async Task<SaveOutcome> UpdateAsync(int id, SubjectForm form, CancellationToken ct) =>
        await db.SaveEditAsync(await scope.Apply(db.Subjects).FirstOrDefaultAsync(s => s.Id == id, ct), form.Version, s => Apply(form, s), ct);

    private static void Apply(SubjectForm form, Subject subject)
    {
        subject.Code = form.Code!.Trim();
        subject.Name = form.Name!.Trim();
        subject.Kind = form.Kind!.Value;
        subject.TerritoryId = subject.Kind.IsTerritory() ? null : form.TerritoryId;
        subject.PrincipalName = Text.Clean(form.PrincipalName);
        subject.LeaderInChargeName = Text.Clean(form.LeaderInChargeName);
        subject.ContactPerson = Text.Clean(form.ContactPerson);
        subject.Phone = Text.Clean(form.Phone);
        subject.Address = Text.Clean(form.Address);
        subject.EstablishedOn = form.EstablishedOn;
        subject.DissolvedOn = form.DissolvedOn;
    }
}
