using ClosedXML.Excel;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Excel.Templates;

namespace SanLing.Web.Features.Accidents;

/// <summary>Reads of the accident ledger, within the user's scope.</summary>
public sealed class AccidentQueries(SanLingDbContext db, AccessScope scope)
    : IncidentLedgerQueries<Accident, AccidentFilter, AccidentRow, AccidentForm>(scope)
{
    protected override IQueryable<Accident> Records => db.Accidents;

    protected override IQueryable<Accident> FilterOwn(IQueryable<Accident> rows, AccidentFilter filter)
    {
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

    protected override Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<Accident> records, CancellationToken ct) => AccidentTemplate.WriteAsync(workbook, records, ct);

    public override AccidentForm FormOf(AccidentRow row) => new()
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

    protected override IQueryable<AccidentRow> ToRows(IQueryable<Accident> records) => records.Select(a => new AccidentRow(
        a.Id, a.Number, a.OccurredOn, a.SubjectId, a.Subject!.Code, a.Subject.Name, a.Category, a.Deaths, a.Injuries, a.LossTenThousandYuan,
        a.Summary, a.IsImpactful, a.IsMajor, a.Version));
}
