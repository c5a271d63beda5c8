using SanLing.Domain.KeyPopulations;

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

    public async Task<SaveOutcome> UpdateAsync(int id, RentalHouseForm form, CancellationToken ct) =>
        await db.SaveEditAsync(await FindAsync(id, ct), form.Version, h => ApplyAsync(form, h, ct), ct);

    /// <summary>The one-tap "登记备案" with today's date.</summary>
    public async Task<SaveOutcome> RegisterAsync(int id, Guid version, CancellationToken ct) =>
        await db.SaveEditAsync(await FindAsync(id, ct), version, h =>
        {
            h.IsRegistered = true;
            h.RegisteredOn = rules.Today;
        }, ct);

    public async Task<SaveOutcome> DeleteAsync(int id, Guid version, CancellationToken ct) =>
        await db.DeleteAsync(await FindAsync(id, ct), version, ct);

    private Task<RentalHouse?> FindAsync(int id, CancellationToken ct) =>
        scope.Apply(db.RentalHouses, r => r.Subject).FirstOrDefaultAsync(r => r.Id == id, ct);

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
