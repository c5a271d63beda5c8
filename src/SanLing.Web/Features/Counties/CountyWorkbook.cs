using ClosedXML.Excel;
using SanLing.Infrastructure.Evaluation;
using SanLing.Infrastructure.Excel;

namespace SanLing.Web.Features.Counties;

/// <summary>
/// 全县年度报告: a first sheet of the towns' rates, then each town's 年度报告 (<see cref="AnnualReportWorkbook"/>, built
/// from the town's stored run of the year) combined: one sheet per kind of town sheet, with a 乡镇 column first.
/// Written with <see cref="StreamingWorkbook"/>: towns are read one at a time (each in its own scope, filtered to that
/// town, its report disposed before the next), each combined sheet's rows go into a temporary file of their own as they
/// are read, and the sheets are copied into the workbook at the end (their header row is known only then: a later town
/// may bring item columns of its own rule set). Memory holds one town's report, whatever the number of towns.
/// The county leader's version leaves out the 申诉 sheet: its reasons and decisions are people's own words and may name them.
/// </summary>
public sealed class CountyWorkbook(CountyDashboardQueries queries, IServiceScopeFactory scopes)
{
    /// <summary>The town report's sheet the county leader does not get (free text written by people).</summary>
    public const string AppealSheet = "申诉";

    /// <summary>A file deleted when closed (a combined sheet's rows, or the finished workbook on its way to the browser).</summary>
    public static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), "sanling-county-" + Path.GetRandomFileName()), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);

    /// <summary>Writes the workbook into <paramref name="output"/>; false, with nothing written, for a year without any town's run.</summary>
    public async Task<bool> WriteAsync(int countyId, int year, bool forLeader, Stream output, CancellationToken ct)
    {
        var county = await queries.YearAsync(countyId, year, ct);
        if (county is null || county.Value.Towns.All(t => t.Run is null))
        {
            return false;
        }
        var combined = new List<CombinedSheet>();
        try
        {
            using var book = new StreamingWorkbook(output);
            using (var rates = book.AddSheet("各乡镇达标率", RatesHeaders, RatesHeaders.Select((h, i) => i switch { 1 => 16, 18 => 36, _ => StreamingWorkbook.WidthOf(h, 10) }).ToList()))
            {
                WriteRates(rates, county.Value.Towns);
            }
            foreach (var (town, run) in county.Value.Towns.Where(t => t.Run is not null))
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
                db.Actor.ActAsSystem(town.Id, "county-report");
                var stored = await db.EvaluationRuns.AsNoTracking().FirstAsync(r => r.Id == run!.RunId, ct);
                using var townBook = await new AnnualReportWorkbook(new EvaluationReports(db)).BuildAsync(stored, ct);
                foreach (var sheet in townBook.Worksheets.Where(s => !forLeader || s.Name != AppealSheet))
                {
                    if (combined.Find(c => c.Name == sheet.Name) is not { } target)
                    {
                        target = new CombinedSheet(sheet.Name);
                        combined.Add(target);
                    }
                    target.Append(sheet, town.Name);
                }
            }
            foreach (var sheet in combined)
            {
                sheet.CopyInto(book);
            }
        }
        finally
        {
            foreach (var sheet in combined)
            {
                sheet.Dispose();
            }
        }
        return true;
    }

    private static readonly string[] RatesHeaders = ["乡镇编码", "乡镇", "村（社区）参评", "村（社区）达标", "村（社区）不达标", "村（社区）待评定", "村（社区）达标率", "村（社区）目标", "企业和单位参评", "企业和单位达标", "企业和单位不达标", "企业和单位待评定", "企业和单位达标率", "企业和单位目标", "评定编号", "评定类型", "截至日期", "评定日期", "评定细则"];

    private static void WriteRates(StreamingWorkbook.SheetWriter sheet, IReadOnlyList<(CountyTown Town, TownRun? Run)> towns)
    {
        foreach (var (town, run) in towns)
        {
            sheet.Row().Text(town.Code).Text(town.Name);
            if (run is null)
            {
                sheet.Text("尚无评定");
                continue;
            }
            WriteCounts(sheet, run.VillageCommunity, run.VillageCommunityTarget, run.IsProvisional);
            WriteCounts(sheet, run.EnterpriseUnit, run.EnterpriseUnitTarget, run.IsProvisional);
            sheet.Number(run.RunId).Text(run.IsProvisional ? "预评" : "全年评定").Date(run.AsOf).Date(DateOnly.FromDateTime(run.RunAt.LocalDateTime)).Text(run.RuleSetName);
        }
        var withRun = towns.Where(t => t.Run is not null).Select(t => t.Run!).ToList();
        sheet.Row(bold: true).At(2).Text("全县合计");
        WriteCounts(sheet, Sum(withRun.Select(r => r.VillageCommunity)), withRun.Max(r => r.VillageCommunityTarget), withRun.Any(r => r.IsProvisional));
        WriteCounts(sheet, Sum(withRun.Select(r => r.EnterpriseUnit)), withRun.Max(r => r.EnterpriseUnitTarget), withRun.Any(r => r.IsProvisional));
    }

    private static Dashboard.VerdictCounts Sum(IEnumerable<Dashboard.VerdictCounts> counts) =>
        counts.Aggregate(Dashboard.VerdictCounts.Empty, (acc, c) => new Dashboard.VerdictCounts(acc.Compliant + c.Compliant, acc.NonCompliant + c.NonCompliant, acc.Pending + c.Pending));

    /// <summary>Counts, rate (none for a provisional run: its pending subjects may still comply) and target.</summary>
    private static void WriteCounts(StreamingWorkbook.SheetWriter sheet, Dashboard.VerdictCounts counts, decimal target, bool provisional) =>
        sheet.Number(counts.Subjects).Number(counts.Compliant).Number(counts.NonCompliant).Number(counts.Pending)
            .Number(provisional || counts.Rate is not { } rate ? null : (double)Math.Round(rate, 4), StreamingWorkbook.PercentFormat)
            .Number((double)target, StreamingWorkbook.WholePercentFormat);

    /// <summary>
    /// One combined sheet: the towns' rows of one kind of town sheet, the town's name first, written into a temporary
    /// file as each town is read. Columns are matched by their header (towns whose rule sets differ bring their own
    /// item columns, added at the right as they are met); values keep their type (text stays text).
    /// </summary>
    private sealed class CombinedSheet : IDisposable
    {
        private const string TownHeader = "乡镇";
        private readonly FileStream _file = TemporaryFile();
        private readonly StreamingWorkbook.SheetWriter _rows;
        private readonly List<string> _headers = [TownHeader];
        private readonly List<double> _widths = [StreamingWorkbook.WidthOf(TownHeader, 12)];
        private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal) { [TownHeader] = 1 };

        public CombinedSheet(string name)
        {
            Name = name;
            _rows = StreamingWorkbook.RowsInto(_file);
        }

        public string Name { get; }

        public void Append(IXLWorksheet source, string townName)
        {
            var lastColumn = source.LastColumnUsed()?.ColumnNumber() ?? 0;
            var columns = new int[lastColumn + 1];
            for (var c = 1; c <= lastColumn; c++)
            {
                var header = source.Cell(1, c).GetString();
                if (!_columns.TryGetValue(header, out var column))
                {
                    column = _headers.Count + 1;
                    _columns[header] = column;
                    _headers.Add(header);
                    _widths.Add(source.Column(c).Width);
                }
                columns[c] = column;
            }
            var lastRow = source.LastRowUsed()?.RowNumber() ?? 1;
            for (var r = 2; r <= lastRow; r++)
            {
                _rows.Row().Text(townName);
                var written = 1;
                // Cells go left to right in the combined sheet; a header seen twice in one sheet keeps its first cell.
                foreach (var cell in source.Row(r).CellsUsed().OrderBy(c => columns[c.Address.ColumnNumber]))
                {
                    var column = columns[cell.Address.ColumnNumber];
                    if (column > written)
                    {
                        Copy(cell, _rows.At(column));
                        written = column;
                    }
                }
            }
        }

        private static void Copy(IXLCell from, StreamingWorkbook.SheetWriter to)
        {
            switch (from.DataType)
            {
                case XLDataType.Number:
                    // A format the streamed styles do not have is written as a plain number rather than refused.
                    var format = from.Style.NumberFormat.Format;
                    to.Number(from.GetDouble(), format is StreamingWorkbook.PercentFormat or StreamingWorkbook.WholePercentFormat ? format : null);
                    break;
                case XLDataType.DateTime:
                    to.Date(DateOnly.FromDateTime(from.GetDateTime()));
                    break;
                default:
                    to.Text(from.GetString());
                    break;
            }
        }

        /// <summary>The sheet, its header row now known, into the workbook.</summary>
        public void CopyInto(StreamingWorkbook book)
        {
            _rows.Dispose();
            book.AddSheet(Name, _headers, _widths, _file);
        }

        public void Dispose()
        {
            _rows.Dispose();
            _file.Dispose();
        }
    }
}
