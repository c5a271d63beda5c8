using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Excel.Templates;
using SanLing.Web.Features.Shared;
using SanLing.Web.Security;

namespace SanLing.Web.Features.Cases;

/// <summary>Reads of the case ledger, within the user's scope.</summary>
public sealed class CaseQueries(SanLingDbContext db, AccessScope scope) : ILedgerQueries<CaseFilter, CaseRow, CaseForm>
{
    public const int PageSize = 20;

    public int RowsPerPage => PageSize;

    public IQueryable<SecurityCase> Filtered(CaseFilter filter)
    {
        var rows = scope.Apply(db.Cases.AsNoTracking(), a => a.Subject).ApplyIncidentFilter(filter);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            rows = rows.Where(a => a.Number.Contains(q) || (a.Facts != null && a.Facts.Contains(q)));
        }
        if (filter.Kind is { } kind)
        {
            rows = rows.Where(a => a.Kind == kind);
        }
        if (filter.KeyPersonOffender)
        {
            rows = rows.Where(a => a.OffenderKeyPersonId != null || a.OffenderNumber != null);
        }
        return rows;
    }

    public async Task<(IReadOnlyList<CaseRow> Rows, int Total)> ListAsync(CaseFilter filter, CancellationToken ct)
    {
        var rows = Filtered(filter);
        var page = PageInfo.Clamp(filter.Page);
        return (await ToRows(rows.SortIncidents(filter.Sort).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct), await rows.CountAsync(ct));
    }

    public Task<int> ExportAsync(IXLWorkbook workbook, CaseFilter filter, CancellationToken ct) => CaseTemplate.WriteAsync(workbook, Filtered(filter), ct);

    public Task<CaseRow?> RowAsync(int id, CancellationToken ct) =>
        ToRows(scope.Apply(db.Cases.AsNoTracking(), a => a.Subject).Where(a => a.Id == id)).FirstOrDefaultAsync(ct);

    public CaseForm FormOf(CaseRow row) => new()
    {
        Number = row.Number,
        SubjectCode = row.SubjectCode,
        OccurredOn = row.OccurredOn,
        Kind = row.Kind,
        Facts = row.Facts,
        OffenderNumber = row.OffenderNumber,
        IsImpactful = row.IsImpactful,
        IsMajor = row.IsMajor,
        Version = row.Version,
    };

    private static IQueryable<CaseRow> ToRows(IQueryable<SecurityCase> cases) => cases.Select(a => new CaseRow(
        a.Id, a.Number, a.OccurredOn, a.SubjectId, a.Subject!.Code, a.Subject.Name, a.Kind, a.Facts,
        a.OffenderKeyPersonId, a.OffenderKeyPerson != null ? a.OffenderKeyPerson.Number : a.OffenderNumber, a.IsImpactful, a.IsMajor, a.Version));
}
