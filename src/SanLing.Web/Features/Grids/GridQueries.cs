using ClosedXML.Excel;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Excel.Templates;

namespace SanLing.Web.Features.Grids;

/// <summary>Reads of the grids (网格) and workshops (车间/班组), within the user's scope.</summary>
public sealed class GridQueries(SanLingDbContext db, AccessScope scope) : ILedgerQueries<GridFilter, GridRow, GridForm>
{
    public const int PageSize = 30;

    public int RowsPerPage => PageSize;

    public async Task<(IReadOnlyList<GridRow> Rows, int Total)> ListAsync(GridFilter filter, CancellationToken ct)
    {
        var grids = Filtered(filter);
        var page = PageInfo.Clamp(filter.Page);
        var rows = await ToRows(grids.OrderBy(g => g.Code).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return (rows, await grids.CountAsync(ct));
    }

    /// <summary>The scoped, filtered grids (the list and its export use the same query).</summary>
    public IQueryable<Grid> Filtered(GridFilter filter)
    {
        var grids = scope.Apply(db.Grids.AsNoTracking(), g => g.Subject);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            grids = grids.Where(g => g.Code.Contains(q) || g.Name.Contains(q) || (g.WorkerName != null && g.WorkerName.Contains(q)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Subject))
        {
            var subject = filter.Subject.Trim();
            grids = grids.Where(g => g.Subject!.Code == subject || g.Subject.Name.Contains(subject));
        }
        if (filter.TerritoryId is { } territory)
        {
            grids = grids.Where(g => g.SubjectId == territory || g.Subject!.TerritoryId == territory);
        }
        if (filter.NoWorker)
        {
            grids = grids.Where(g => (g.WorkerName == null || g.WorkerName == "") && g.WorkerUserId == null);
        }
        return grids;
    }

    public Task<int> ExportAsync(IXLWorkbook workbook, GridFilter filter, CancellationToken ct) => GridTemplate.WriteAsync(workbook, Filtered(filter), ct);

    public Task<GridRow?> RowAsync(int id, CancellationToken ct) =>
        ToRows(scope.Apply(db.Grids.AsNoTracking(), g => g.Subject).Where(g => g.Id == id)).FirstOrDefaultAsync(ct);

    public GridForm FormOf(GridRow row) => new()
    {
        Code = row.Code,
        Name = row.Name,
        SubjectCode = row.SubjectCode,
        WorkerName = row.WorkerName,
        WorkerPhone = row.WorkerPhone,
        WorkerUserName = row.WorkerUserName,
        Version = row.Version,
    };

    private IQueryable<GridRow> ToRows(IQueryable<Grid> grids) =>
        from g in grids
        join u in db.Users on g.WorkerUserId equals u.Id into accounts
        from account in accounts.DefaultIfEmpty()
        select new GridRow(g.Id, g.Code, g.Name, g.SubjectId, g.Subject!.Code, g.Subject.Name, g.WorkerName, g.WorkerPhone, account.UserName, g.Version);
}
