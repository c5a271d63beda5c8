using ClosedXML.Excel;
using SanLing.Domain.Common;
using SanLing.Domain.Ledgers;

namespace SanLing.Infrastructure.Excel.Templates;

/// <summary>事故: sheet 事故, key 编号.</summary>
public sealed class AccidentTemplate : ExcelTemplate
{
    public const string LossColumn = "直接经济损失(万元)";

    public static readonly SheetSpec Sheet = new("事故",
    [
        new("编号", "必填，乡镇内唯一", nameof(AccidentValues.Number)),
        new("单位编码", "必填：已登记单位的编码", nameof(AccidentValues.SubjectCode)),
        new("发生日期", "必填，日期", nameof(AccidentValues.OccurredOn)),
        new("类别", "道路交通 / 消防 / 食品药品 / 生产安全 / 环境生态 / 其他", nameof(AccidentValues.Category)),
        new("死亡人数", $"整数，0–{AccidentRules.MaxPeople}", nameof(AccidentValues.Deaths)),
        new("受伤人数", $"整数，0–{AccidentRules.MaxPeople}", nameof(AccidentValues.Injuries)),
        new(LossColumn, $"数字，0–{AccidentRules.MaxLoss}，单位万元，至多 {AccidentRules.LossDecimals} 位小数；可空（按 0）", nameof(AccidentValues.Loss)),
        new("简要情况", "文本", nameof(AccidentValues.Summary)),
        new("有影响", "是 / 否"),
        new("重大", "是 / 否"),
    ]);

    public override string Key => "accidents";
    public override string Title => "事故";
    public override IReadOnlyList<SheetSpec> Sheets => [Sheet];

    private sealed record Row(IncidentRow Shared, AccidentCategory Category, int Deaths, int Injuries, decimal Loss, string? Summary);

    internal override Task<Func<CancellationToken, Task>> PrepareAsync(ImportContext context, CancellationToken ct) =>
        context.ImportAsync(Sheet, new SheetImport<string, Row, Accident>
        {
            Keys = IncidentRows.Keys(),
            KeyOf = row => row.Shared.Key,
            Read = (r, subjects) =>
            {
                var v = new AccidentValues
                {
                    Number = r.Text("编号"),
                    SubjectCode = r.Text("单位编码"),
                    OccurredOn = r.Date("发生日期"),
                    Category = r.Enum<AccidentCategory>("类别", required: false),
                    Deaths = r.Int("死亡人数"),
                    Injuries = r.Int("受伤人数"),
                    Loss = r.Decimal(LossColumn),
                    Summary = r.Text("简要情况"),
                };
                r.Report(AccidentRules.Check(v, context.Today));
                var shared = IncidentRows.Shared(r, subjects, v.Number, v.SubjectCode, v.OccurredOn);
                return r.HasErrors ? null : new Row(shared!, v.Category!.Value, v.Deaths!.Value, v.Injuries!.Value, v.Loss!.Value, v.Summary);
            },
            Existing = (numbers, token) => IncidentRows.ExistingAsync(context.Db.Accidents, numbers, token),
            Create = row => new Accident { Number = row.Shared.Key },
            Apply = (accident, row) =>
            {
                IncidentRows.Apply(accident, row.Shared);
                accident.Category = row.Category;
                accident.Deaths = row.Deaths;
                accident.Injuries = row.Injuries;
                accident.LossTenThousandYuan = row.Loss;
                accident.Summary = row.Summary;
            },
        }, ct);

    internal override Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct) =>
        WriteAsync(workbook, db.Accidents, ct);

    public static Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<Accident> accidents, CancellationToken ct) =>
        WriteRowsAsync(workbook, Sheet, accidents.AsNoTracking().OrderBy(a => a.OccurredOn).ThenBy(a => a.Number)
            .Select(a => new { a.Number, SubjectCode = a.Subject!.Code, a.OccurredOn, a.Category, a.Deaths, a.Injuries, a.LossTenThousandYuan, a.Summary, a.IsImpactful, a.IsMajor }),
            (row, a) => row.Text(a.Number).Text(a.SubjectCode).Date(a.OccurredOn).Text(Terms.Of(a.Category)).Number(a.Deaths).Number(a.Injuries)
                .Number(a.LossTenThousandYuan).Text(a.Summary).YesNo(a.IsImpactful).YesNo(a.IsMajor),
            ct);
}
