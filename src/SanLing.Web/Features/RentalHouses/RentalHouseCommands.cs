using Microsoft.EntityFrameworkCore;
using SanLing.Domain.KeyPopulations;
using SanLing.Infrastructure.Data;
using SanLing.Web.Features.Shared;
using SanLing.Web.Security;

namespace SanLing.Web.Features.RentalHouses;

/// <summary>Writes of the rental-house ledger (office staff; grid workers within their village/community).</summary>
public sealed class RentalHouseCommands(SanLingDbContext db, AccessScope scope, LedgerRulesService rules)
{
    public async Task<int> CreateAsync(RentalHouseForm form, CancellationToken ct)
    {
        var house = new RentalHouse { Number = "", Address = "" };
        await ApplyAsync(form, house, ct);
        db.RentalHouses.Add(house);
        await db.SaveChangesAsync(ct);
        return house.Id;
    }

    public Task<SaveOutcome> UpdateAsync(int id, RentalHouseForm form, CancellationToken ct) =>
        SaveAsync(id, form.Version, h => ApplyAsync(form, h, ct), ct);

    /// <summary>The one-tap "登记备案" with today's date.</summary>
    public Task<SaveOutcome> RegisterAsync(int id, Guid version, CancellationToken ct) =>
        SaveAsync(id, version, h =>
        {
            h.IsRegistered = true;
            h.RegisteredOn = rules.Today;
            return Task.CompletedTask;
        }, ct);

    public async Task<SaveOutcome> DeleteAsync(int id, Guid version, CancellationToken ct)
    {
        var house = await scope.Apply(db.RentalHouses, r => r.Subject).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (house is null)
        {
            return SaveOutcome.NotFound;
        }
        db.Entry(house).Property(r => r.Version).OriginalValue = version;
        db.RentalHouses.Remove(house);
        return await TrySaveAsync(ct);
    }

    private async Task<SaveOutcome> SaveAsync(int id, Guid version, Func<RentalHouse, Task> change, CancellationToken ct)
    {
        var house = await scope.Apply(db.RentalHouses, r => r.Subject).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (house is null)
        {
            return SaveOutcome.NotFound;
        }
        db.Entry(house).Property(r => r.Version).OriginalValue = version;
        await change(house);
        return await TrySaveAsync(ct);
    }

    private async Task<SaveOutcome> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return SaveOutcome.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveOutcome.Stale;
        }
    }

    private async Task ApplyAsync(RentalHouseForm form, RentalHouse house, CancellationToken ct)
    {
        var subject = await rules.SubjectAsync(form.SubjectCode!, ct) ?? throw new InvalidOperationException("subject checked by the validator");
        house.Number = form.Number!.Trim();
        house.SubjectId = subject.Id;
        house.Address = form.Address!.Trim();
        house.Landlord = Text.Clean(form.Landlord);
        house.TenantCount = form.TenantCount!.Value;
        house.IsRegistered = form.IsRegistered;
        house.RegisteredOn = form.IsRegistered ? form.RegisteredOn : null;
    }
}
