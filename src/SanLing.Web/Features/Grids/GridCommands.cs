using Microsoft.AspNetCore.Identity;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Grids;

/// <summary>Writes of the grids (office staff); the form is validated before.</summary>
public sealed class GridCommands(SanLingDbContext db, AccessScope scope, LedgerRulesService rules, UserManager<AppUser> users) : ILedgerCommands<GridForm>
{
    public async Task<int> CreateAsync(GridForm form, CancellationToken ct)
    {
        var grid = new Grid { Code = "", Name = "" };
        await ApplyAsync(form, grid, ct);
        db.Grids.Add(grid);
        await db.SaveChangesAsync(ct);
        return grid.Id;
    }

    public async Task<SaveOutcome> UpdateAsync(int id, GridForm form, CancellationToken ct) =>
        await db.SaveEditAsync(await FindAsync(id, ct), form.Version, g => ApplyAsync(form, g, ct), ct);

    /// <summary>A grid with inspections is history: it cannot be deleted (<see cref="SaveOutcome.Refused"/>), only reassigned.</summary>
    public async Task<SaveOutcome> DeleteAsync(int id, Guid version, CancellationToken ct)
    {
        var grid = await FindAsync(id, ct);
        if (grid is not null && await db.Inspections.AnyAsync(i => i.GridId == id, ct))
        {
            return SaveOutcome.Refused;
        }
        return await db.DeleteAsync(grid, version, ct);
    }

    private Task<Grid?> FindAsync(int id, CancellationToken ct) =>
        scope.Apply(db.Grids, g => g.Subject).FirstOrDefaultAsync(g => g.Id == id, ct);

    private async Task ApplyAsync(GridForm form, Grid grid, CancellationToken ct)
    {
        var subject = await rules.SubjectAsync(form.SubjectCode!, ct) ?? throw new InvalidOperationException("subject checked by the validator");
        var account = Text.Clean(form.WorkerUserName) is { } userName ? await users.FindByNameAsync(userName) : null;
        grid.Code = form.Code!.Trim();
        grid.Name = form.Name!.Trim();
        grid.SubjectId = subject.Id;
        grid.WorkerName = Text.Clean(form.WorkerName) ?? account?.DisplayName;
        grid.WorkerPhone = Text.Clean(form.WorkerPhone);
        grid.WorkerUserId = account?.Id;
    }
}
