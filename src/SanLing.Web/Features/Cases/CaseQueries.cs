using ClosedXML.Excel;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Excel.Templates;

namespace SanLing.Web.Features.Cases;

/// <summary>Reads of the case ledger, within the user's scope.</summary>
public sealed class CaseQueries(SanLingDbContext db, AccessScope scope)
    : IncidentLedgerQueries<SecurityCase, CaseFilter, CaseRow, CaseForm>(scope)
{
    protected override IQueryable<SecurityCase> Records => db.Cases;

    protected override IQueryable<SecurityCase> FilterOwn(IQueryable<SecurityCase> rows, CaseFilter filter)
    {
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

    protected override Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<SecurityCase> records, CancellationToken ct) => CaseTemplate.WriteAsync(workbook, records, ct);

    public override CaseForm FormOf(CaseRow row) => new()
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

    protected override IQueryable<CaseRow> ToRows(IQueryable<SecurityCase> records) => records.Select(a => new CaseRow(
        a.Id, a.Number, a.OccurredOn, a.SubjectId, a.Subject!.Code, a.Subject.Name, a.Kind, a.Facts,
        a.OffenderKeyPersonId, a.OffenderKeyPerson != null ? a.OffenderKeyPerson.Number : a.OffenderNumber, a.IsImpactful, a.IsMajor, a.Version));
}
