using System.Text.Json;
using SanLing.Domain.Auditing;
using SanLing.Domain.Common;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Attestations;

/// <summary>Saves a whole grid: upsert by (subject, year, item) with each row's concurrency token; evidence files stored first.</summary>
public sealed class AttestationCommands(SanLingDbContext db, AccessScope scope, EvidenceStorageService storage, AttestationQueries queries, TimeProvider clock)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// 批量评定: every A item of the chosen subjects with no judgement for the year becomes 达标; judgements on file are
    /// left alone. Two reads whatever the number of subjects (the subjects, what is on file), the new rows in one save
    /// without a row-by-row audit, and one audit line naming the subjects and counts, in one transaction. Null when
    /// someone judged one of the same items meanwhile (the unique index refused the save): nothing is written.
    /// </summary>
    public async Task<BulkAttestationOutcome?> BulkPassAsync(
        BulkAttestationForm form, IReadOnlyDictionary<SubjectKind, IReadOnlyList<AttestedItem>> items, CancellationToken ct)
    {
        var year = form.Year;
        var chosen = form.All
            ? queries.SubjectsOf(year, form.Q, form.Kind, form.TerritoryId)
            : queries.SubjectsOf(year, null, null, null).Where(s => form.SubjectIds.Contains(s.Id));
        var subjects = await chosen.OrderBy(s => s.Code).Select(s => new { s.Id, s.Code, s.Kind }).ToListAsync(ct);
        var onFile = (await db.Attestations.AsNoTracking()
                .Where(a => a.Year == year && chosen.Any(s => s.Id == a.SubjectId))
                .Select(a => new { a.SubjectId, a.ItemCode }).ToListAsync(ct))
            .ToLookup(a => a.SubjectId, a => a.ItemCode);

        var added = new List<Attestation>();
        var leftAlone = 0;
        foreach (var subject in subjects)
        {
            var codes = items[subject.Kind].Select(i => i.Code).ToList();
            var existing = onFile[subject.Id].ToHashSet(StringComparer.Ordinal);
            var fills = AttestationRules.BulkFills(codes, existing).ToList();
            leftAlone += codes.Count - fills.Count;
            added.AddRange(fills.Select(code => new Attestation
            {
                SubjectId = subject.Id, Year = year, ItemCode = code, Result = AttestationRules.BulkResult,
            }));
        }
        var outcome = new BulkAttestationOutcome(subjects.Count, added.Count, leftAlone);
        if (added.Count == 0)
        {
            return outcome;
        }

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            // Thousands of rows: one summary line below instead of one audit line per row.
            db.SuppressRowAudit = true;
            db.Attestations.AddRange(added);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseFailure.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return null;
        }
        finally
        {
            db.SuppressRowAudit = false;
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        db.ChangeTracker.Clear();
        var summary = new
        {
            year,
            result = Terms.Of(AttestationRules.BulkResult),
            set = outcome.Set,
            leftAlone = outcome.LeftAlone,
            subjects = subjects.Select(s => s.Code),
        };
        await AuditChain.AppendAsync(db, clock, AuditAction.Create, nameof(Attestation), null, JsonSerializer.Serialize(summary, JsonOptions), ct);
        await transaction.CommitAsync(ct);
        return outcome;
    }

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
