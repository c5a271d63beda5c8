using SanLing.Domain.Standards;

namespace SanLing.Web.Features.Attestations;

/// <summary>Saves a whole grid: upsert by (subject, year, item) with each row's concurrency token; evidence files stored first.</summary>
public sealed class AttestationCommands(SanLingDbContext db, AccessScope scope, EvidenceStorageService storage)
{
    /// <summary>Lines without a result are left as they are. The form has been validated against <paramref name="items"/>.</summary>
    public async Task<SaveOutcome> SaveGridAsync(int subjectId, int year, AttestationForm form, IReadOnlyDictionary<string, AttestedItem> items, CancellationToken ct)
    {
        if (!await scope.Apply(db.Subjects).AnyAsync(s => s.Id == subjectId, ct))
        {
            return SaveOutcome.NotFound;
        }
        var lines = form.Items.Where(l => l.Result is not null && l.ItemCode is not null && items.ContainsKey(l.ItemCode)).ToList();

        // Files first (outside the transaction); undone if the save fails.
        var written = new Dictionary<AttestationLineForm, (string Stored, string ContentType, string Original)>();
        foreach (var line in lines.Where(l => l.Evidence is not null))
        {
            var contentType = EvidenceFile.ContentTypeOf(line.Evidence!) ?? throw new InvalidOperationException("evidence checked by the validator");
            written[line] = (await storage.SaveAsync(line.Evidence!, contentType, ct), contentType, EvidenceFile.OriginalName(line.Evidence!));
        }

        var existing = await db.Attestations.Where(a => a.SubjectId == subjectId && a.Year == year).ToDictionaryAsync(a => a.ItemCode, ct);
        var replaced = new List<string>();
        foreach (var line in lines)
        {
            if (!existing.TryGetValue(line.ItemCode!, out var attestation))
            {
                attestation = new Attestation { SubjectId = subjectId, Year = year, ItemCode = line.ItemCode! };
                db.Attestations.Add(attestation);
            }
            else
            {
                // A row someone created or changed since the grid was opened makes the whole save stale.
                db.Entry(attestation).Property(a => a.Version).OriginalValue = line.Version ?? Guid.Empty;
            }
            attestation.Result = line.Result!.Value;
            attestation.Note = Text.Clean(line.Note);
            if (written.TryGetValue(line, out var file))
            {
                if (attestation.EvidenceStoredName is { } old)
                {
                    replaced.Add(old);
                }
                attestation.EvidenceStoredName = file.Stored;
                attestation.EvidenceContentType = file.ContentType;
                attestation.EvidenceFileName = file.Original;
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Stale token, or a row for the same item created meanwhile (unique index).
            foreach (var file in written.Values)
            {
                storage.Delete(file.Stored);
            }
            return SaveOutcome.Stale;
        }
        foreach (var old in replaced)
        {
            storage.Delete(old);
        }
        return SaveOutcome.Saved;
    }
}
