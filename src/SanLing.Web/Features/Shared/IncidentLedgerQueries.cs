using ClosedXML.Excel;
using SanLing.Domain.Ledgers;

namespace SanLing.Web.Features.Shared;

/// <summary>
/// The reads an incident ledger does like every other, within the user's scope: the shared filters plus the ledger's
/// own, a page of rows, one row, and the list as shown in the ledger's import template.
/// </summary>
public abstract class IncidentLedgerQueries<TIncident, TFilter, TRow, TForm>(AccessScope scope) : ILedgerQueries<TFilter, TRow, TForm>
    where TIncident : Incident
    where TFilter : LedgerFilter
{
    public const int PageSize = 20;

    public int RowsPerPage => PageSize;

    /// <summary>The ledger's records of the town (the scope is applied here).</summary>
    protected abstract IQueryable<TIncident> Records { get; }

    /// <summary>The ledger's own filters (free text, category …) on top of the shared ones.</summary>
    protected abstract IQueryable<TIncident> FilterOwn(IQueryable<TIncident> rows, TFilter filter);

    /// <summary>The projection to the ledger's row.</summary>
    protected abstract IQueryable<TRow> ToRows(IQueryable<TIncident> records);

    /// <summary>Writes records in the ledger's import template; the number of rows.</summary>
    protected abstract Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<TIncident> records, CancellationToken ct);

    public abstract TForm FormOf(TRow row);

    public IQueryable<TIncident> Filtered(TFilter filter) =>
        FilterOwn(InScope().ApplyIncidentFilter(filter), filter);

    public async Task<(IReadOnlyList<TRow> Rows, int Total)> ListAsync(TFilter filter, CancellationToken ct)
    {
        var rows = Filtered(filter);
        var page = PageInfo.Clamp(filter.Page);
        return (await ToRows(rows.SortIncidents(filter.Sort).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct), await rows.CountAsync(ct));
    }

    public Task<int> ExportAsync(IXLWorkbook workbook, TFilter filter, CancellationToken ct) => WriteAsync(workbook, Filtered(filter), ct);

    public Task<TRow?> RowAsync(int id, CancellationToken ct) =>
        ToRows(InScope().Where(r => r.Id == id)).FirstOrDefaultAsync(ct);

    private IQueryable<TIncident> InScope() => scope.Apply(Records.AsNoTracking(), r => r.Subject);
}
