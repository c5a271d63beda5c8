using System.Text.Json;
using SanLing.Domain.Auditing;
using SanLing.Domain.Common;

namespace SanLing.Web.Features.Settings;

/// <summary>Reads and saves the admin's own town. Town is not an audited <see cref="Entity"/>: its line is written here.</summary>
public sealed class TownSettingsCommands(SanLingDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<TownSettingsForm?> FormAsync(CancellationToken ct)
    {
        var form = await db.Towns.AsNoTracking().Where(t => t.Id == db.CurrentTownId)
            .Select(t => new TownSettingsForm
            {
                Name = t.Name, InspectionDueDay = t.InspectionDueDay, Version = t.Version,
                CardYellowWithinDays = t.CardYellowWithinDays, CardEscalateAfterDays = t.CardEscalateAfterDays,
                AppealPeriodDays = t.AppealPeriodDays,
            })
            .FirstOrDefaultAsync(ct);
        if (form is not null)
        {
            var days = await db.TownHolidays.AsNoTracking().Select(h => new { h.Date, h.Name }).ToListAsync(ct);
            form.Holidays = HolidayList.Format(days.Select(d => (d.Date, d.Name)));
        }
        return form;
    }

    public Task<string?> CodeAsync(CancellationToken ct) =>
        db.Towns.AsNoTracking().Where(t => t.Id == db.CurrentTownId).Select(t => t.Code).FirstOrDefaultAsync(ct);

    /// <summary>Saves when nobody changed the town since <see cref="TownSettingsForm.Version"/>; otherwise writes nothing.</summary>
    public async Task<SaveOutcome> SaveAsync(TownSettingsForm form, CancellationToken ct)
    {
        var town = await db.Towns.FirstOrDefaultAsync(t => t.Id == db.CurrentTownId, ct);
        if (town is null)
        {
            return SaveOutcome.NotFound;
        }
        var changes = new SortedDictionary<string, object?[]>(StringComparer.Ordinal);
        var name = form.Name!.Trim();
        if (town.Name != name)
        {
            changes[nameof(Town.Name)] = [town.Name, name];
        }
        if (town.InspectionDueDay != form.InspectionDueDay)
        {
            changes[nameof(Town.InspectionDueDay)] = [town.InspectionDueDay, form.InspectionDueDay];
        }
        if (town.CardYellowWithinDays != form.CardYellowWithinDays)
        {
            changes[nameof(Town.CardYellowWithinDays)] = [town.CardYellowWithinDays, form.CardYellowWithinDays];
        }
        if (town.CardEscalateAfterDays != form.CardEscalateAfterDays)
        {
            changes[nameof(Town.CardEscalateAfterDays)] = [town.CardEscalateAfterDays, form.CardEscalateAfterDays];
        }
        if (town.AppealPeriodDays != form.AppealPeriodDays)
        {
            changes[nameof(Town.AppealPeriodDays)] = [town.AppealPeriodDays, form.AppealPeriodDays];
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Entry(town).Property(t => t.Version).OriginalValue = form.Version;
        town.Name = name;
        town.InspectionDueDay = form.InspectionDueDay!.Value;
        town.CardYellowWithinDays = form.CardYellowWithinDays!.Value;
        town.CardEscalateAfterDays = form.CardEscalateAfterDays!.Value;
        town.AppealPeriodDays = form.AppealPeriodDays!.Value;
        // Holidays are audited rows of their own (added, renamed, removed).
        var wanted = HolidayList.Parse(form.Holidays).Days.ToDictionary(d => d.Date, d => d.Name);
        var existing = await db.TownHolidays.ToListAsync(ct);
        foreach (var holiday in existing)
        {
            if (!wanted.TryGetValue(holiday.Date, out var holidayName))
            {
                db.TownHolidays.Remove(holiday);
            }
            else if (holiday.Name != holidayName)
            {
                holiday.Name = holidayName;
            }
        }
        foreach (var (date, holidayName) in wanted.Where(w => existing.All(e => e.Date != w.Key)))
        {
            db.TownHolidays.Add(new TownHoliday { Date = date, Name = holidayName });
        }
        town.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SaveOutcome.Stale;
        }
        if (changes.Count > 0)
        {
            var details = JsonSerializer.Serialize(changes, JsonOptions);
            await AuditChain.AppendAsync(db, clock, AuditAction.Update, nameof(Town), town.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), details, ct);
        }
        await transaction.CommitAsync(ct);
        return SaveOutcome.Saved;
    }
}
