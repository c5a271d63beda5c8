using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Excel.Templates;
using SanLing.Web.Features.Shared;
using SanLing.Web.Security;

namespace SanLing.Web.Features.Accidents;

/// <summary>Reads of the accident ledger, within the user's scope.</summary>
public sealed class AccidentQueries(SanLingDbContext db, AccessScope scope) : ILedgerQueries<AccidentFilter, AccidentRow, AccidentForm>
{
    public const int PageSize = 20;

    public int RowsPerPage => PageSize;

    public IQueryable<Accident> Filtered(AccidentFilter filter)
    {
        var rows = scope.Apply(db.Accidents.AsNoTracking(), a => a.Subject).ApplyIncidentFilter(filter);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            rows = rows.Where(a => a.Number.Contains(q) || (a.Summary != null && a.Summary.Contains(q)));
        }
        if (filter.Category is { } category)
        {
            rows = rows.Where(a => a.Category == category);
        }
        if (filter.Casualties)
        {
            rows = rows.Where(a => a.Deaths > 0 || a.Injuries > 0);
        }
        return rows;
    }

    public async Task<(IReadOnlyList<AccidentRow> Rows, int Total)> ListAsync(AccidentFilter filter, CancellationToken ct)
    {
        var rows = Filtered(filter);
        var page = PageInfo.Clamp(filter.Page);
        return (await ToRows(rows.SortIncidents(filter.Sort).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct), await rows.CountAsync(ct));
    }

    public Task<int> ExportAsync(IXLWorkbook workbook, AccidentFilter filter, CancellationToken ct) => AccidentTemplate.WriteAsync(workbook, Filtered(filter), ct);

    public Task<AccidentRow?> RowAsync(int id, CancellationToken ct) =>
        ToRows(scope.Apply(db.Accidents.AsNoTracking(), a => a.Subject).Where(a => a.Id == id)).FirstOrDefaultAsync(ct);

    public AccidentForm FormOf(AccidentRow row) => new()
    {
        Number = row.Number,
        SubjectCode = row.SubjectCode,
        OccurredOn = row.OccurredOn,
        Category = row.Category,
        Deaths = row.Deaths,
        Injuries = row.Injuries,
        Loss = row.Loss,
        Summary = row.Summary,
        IsImpactful = row.IsImpactful,
        IsMajor = row.IsMajor,
        Version = row.Version,
    };

    private static IQueryable<AccidentRow> ToRows(IQueryable<Accident> accidents) => accidents.Select(a => new AccidentRow(
        a.Id, a.Number, a.OccurredOn, a.SubjectId, a.Subject!.Code, a.Subject.Name, a.Category, a.Deaths, a.Injuries, a.LossTenThousandYuan,
        a.Summary, a.IsImpactful, a.IsMajor, a.Version));
}
