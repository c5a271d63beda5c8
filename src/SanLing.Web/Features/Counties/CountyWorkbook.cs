using ClosedXML.Excel;
using SanLing.Infrastructure.Evaluation;
using SanLing.Infrastructure.Excel;

namespace SanLing.Web.Features.Counties;

/// <summary>
/// 全县年度报告: a first sheet of the towns' rates, then each town's 年度报告 (<see cref="AnnualReportWorkbook"/>, built
/// from the town's stored run of the year) combined: one sheet per kind of town sheet, with a 乡镇 column first.
/// Towns are read one at a time (each in its own scope, filtered to that town), so memory holds one town's report.
/// The county leader's version leaves out the 申诉 sheet: its reasons and decisions are people's own words and may name them.
/// </summary>
public sealed class CountyWorkbook(CountyDashboardQueries queries, IServiceScopeFactory scopes)
{
    /// <summary>The town report's sheet the county leader does not get (free text written by people).</summary>
    public const string AppealSheet = "申诉";

    public async Task<XLWorkbook?> BuildAsync(int countyId, int year, bool forLeader, CancellationToken ct)
    {
        var county = await queries.YearAsync(countyId, year, ct);
        if (county is null || county.Value.Towns.All(t => t.Run is null))
        {
            return null;
        }
        var book = new XLWorkbook();
        WriteRates(book.AddWorksheet("各乡镇达标率"), county.Value.Towns);
        foreach (var (town, run) in county.Value.Towns.Where(t => t.Run is not null))
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
            db.Actor.ActAsSystem(town.Id, "county-report");
            var stored = await db.EvaluationRuns.AsNoTracking().FirstAsync(r => r.Id == run!.RunId, ct);
            using var townBook = await new AnnualReportWorkbook(new EvaluationReports(db)).BuildAsync(stored, ct);
            foreach (var sheet in townBook.Worksheets.Where(s => !forLeader || s.Name != AppealSheet))
            {
                Append(book, sheet, town.Name);
            }
        }
        return book;
    }

    private static void WriteRates(IXLWorksheet sheet, IReadOnlyList<(CountyTown Town, TownRun? Run)> towns)
    {
        ExcelCells.WriteHeader(sheet, ["乡镇编码", "乡镇", "村（社区）参评", "村（社区）达标", "村（社区）不达标", "村（社区）待评定", "村（社区）达标率", "村（社区）目标", "企业和单位参评", "企业和单位达标", "企业和单位不达标", "企业和单位待评定", "企业和单位达标率", "企业和单位目标", "评定编号", "评定类型", "截至日期", "评定日期", "评定细则"], 10);
        sheet.Column(2).Width = 16;
        sheet.Column(19).Width = 36;
        var row = 2;
        foreach (var (town, run) in towns)
        {
            sheet.Cell(row, 1).SetText(town.Code);
            sheet.Cell(row, 2).SetText(town.Name);
            if (run is null)
            {
                sheet.Cell(row, 3).SetText("尚无评定");
            }
            else
            {
                WriteCounts(sheet, row, 3, run.VillageCommunity, run.VillageCommunityTarget, run.IsProvisional);
                WriteCounts(sheet, row, 9, run.EnterpriseUnit, run.EnterpriseUnitTarget, run.IsProvisional);
                sheet.Cell(row, 15).SetNumber(run.RunId);
                sheet.Cell(row, 16).SetText(run.IsProvisional ? "预评" : "全年评定");
                sheet.Cell(row, 17).SetDate(run.AsOf);
                sheet.Cell(row, 18).SetDate(DateOnly.FromDateTime(run.RunAt.LocalDateTime));
                sheet.Cell(row, 19).SetText(run.RuleSetName);
            }
            row++;
        }
        var withRun = towns.Where(t => t.Run is not null).Select(t => t.Run!).ToList();
        sheet.Cell(row, 2).SetText("全县合计");
        WriteCounts(sheet, row, 3, Sum(withRun.Select(r => r.VillageCommunity)), withRun.Max(r => r.VillageCommunityTarget), withRun.Any(r => r.IsProvisional));
        WriteCounts(sheet, row, 9, Sum(withRun.Select(r => r.EnterpriseUnit)), withRun.Max(r => r.EnterpriseUnitTarget), withRun.Any(r => r.IsProvisional));
        sheet.Row(row).Style.Font.Bold = true;
    }

    private static Dashboard.VerdictCounts Sum(IEnumerable<Dashboard.VerdictCounts> counts) =>
        counts.Aggregate(Dashboard.VerdictCounts.Empty, (acc, c) => new Dashboard.VerdictCounts(acc.Compliant + c.Compliant, acc.NonCompliant + c.NonCompliant, acc.Pending + c.Pending));

    /// <summary>Counts, rate (none for a provisional run: its pending subjects may still comply) and target.</summary>
    private static void WriteCounts(IXLWorksheet sheet, int row, int column, Dashboard.VerdictCounts counts, decimal target, bool provisional)
    {
        sheet.Cell(row, column).SetNumber(counts.Subjects);
        sheet.Cell(row, column + 1).SetNumber(counts.Compliant);
        sheet.Cell(row, column + 2).SetNumber(counts.NonCompliant);
        sheet.Cell(row, column + 3).SetNumber(counts.Pending);
        sheet.Cell(row, column + 4).SetNumber(provisional || counts.Rate is not { } rate ? null : Math.Round(rate, 4));
        sheet.Cell(row, column + 4).Style.NumberFormat.Format = "0.0%";
        sheet.Cell(row, column + 5).SetNumber(target);
        sheet.Cell(row, column + 5).Style.NumberFormat.Format = "0%";
    }

    /// <summary>
    /// Adds a town sheet's rows under the combined sheet of the same name, the town's name first. Columns are matched by
    /// their header (towns whose rule sets differ bring their own item columns); values keep their type (text stays text).
    /// </summary>
    private static void Append(XLWorkbook book, IXLWorksheet source, string townName)
    {
        if (!book.TryGetWorksheet(source.Name, out var target))
        {
            target = book.AddWorksheet(source.Name);
            ExcelCells.WriteHeader(target, ["乡镇"], 12);
        }
        var lastColumn = source.LastColumnUsed()?.ColumnNumber() ?? 0;
        var headers = Enumerable.Range(1, target.LastColumnUsed()!.ColumnNumber())
            .ToDictionary(c => target.Cell(1, c).GetString(), c => c, StringComparer.Ordinal);
        var columns = new int[lastColumn + 1];
        for (var c = 1; c <= lastColumn; c++)
        {
            var header = source.Cell(1, c).GetString();
            if (!headers.TryGetValue(header, out var column))
            {
                column = headers.Count + 1;
                headers[header] = column;
                var cell = target.Cell(1, column).SetText(header);
                cell.Style.Font.Bold = true;
                cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
                target.Column(column).Width = source.Column(c).Width;
            }
            columns[c] = column;
        }
        var row = (target.LastRowUsed()?.RowNumber() ?? 1) + 1;
        var lastRow = source.LastRowUsed()?.RowNumber() ?? 1;
        for (var r = 2; r <= lastRow; r++, row++)
        {
            target.Cell(row, 1).SetText(townName);
            for (var c = 1; c <= lastColumn; c++)
            {
                Copy(source.Cell(r, c), target.Cell(row, columns[c]));
            }
        }
    }

    private static void Copy(IXLCell from, IXLCell to)
    {
        if (from.IsEmpty())
        {
            return;
        }
        switch (from.DataType)
        {
            case XLDataType.Number:
                to.SetValue(from.GetDouble());
                break;
            case XLDataType.DateTime:
                to.SetValue(from.GetDateTime());
                break;
            case XLDataType.Boolean:
                to.SetValue(from.GetBoolean());
                break;
            default:
                to.SetText(from.GetString());
                break;
        }
        if (from.Style.NumberFormat.Format is { Length: > 0 } format)
        {
            to.Style.NumberFormat.Format = format;
        }
    }
}
