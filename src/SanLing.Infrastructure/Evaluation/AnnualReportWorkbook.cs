using ClosedXML.Excel;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Infrastructure.Excel;

namespace SanLing.Infrastructure.Evaluation;

/// <summary>年度报告: the workbook of templates.md (达标率, 单位明细, 荣誉, 一票否优, 倒查追责) from a stored run.</summary>
public sealed class AnnualReportWorkbook(EvaluationReports reports)
{
    public async Task<XLWorkbook> BuildAsync(EvaluationRun run, CancellationToken cancellationToken = default)
    {
        var rates = await reports.RatesAsync(run, cancellationToken);
        var items = await reports.ItemsAsync(run, cancellationToken);
        var lines = await reports.ResultLinesAsync(run, cancellationToken);
        var incidents = await reports.FlaggedIncidentsAsync(run, cancellationToken);
        var appeals = await reports.AppealsAsync(run.Year, cancellationToken);

        var book = new XLWorkbook();
        WriteRates(book.AddWorksheet("达标率"), rates);
        WriteDetails(book.AddWorksheet("单位明细"), items, lines);
        WriteHonours(book.AddWorksheet("荣誉"), lines);
        WriteVeto(book.AddWorksheet("一票否优"), lines, incidents);
        WriteAccountability(book.AddWorksheet("倒查追责"), incidents);
        WriteAppeals(book.AddWorksheet("申诉"), appeals);
        return book;
    }

    private static void WriteRates(IXLWorksheet sheet, RunRates rates)
    {
        ExcelCells.WriteHeader(sheet, ["分组", "单位数", "达标数", "待评定数", "达标率", "目标", "是否达标"], 12);
        var row = 2;
        foreach (var r in rates.Groups.Concat(rates.Kinds))
        {
            sheet.Cell(row, 1).SetText(r.Label);
            sheet.Cell(row, 2).SetNumber(r.Subjects);
            sheet.Cell(row, 3).SetNumber(r.Compliant);
            sheet.Cell(row, 4).SetNumber(r.Pending);
            sheet.Cell(row, 5).SetNumber(r.Rate is { } rate ? Math.Round(rate, 4) : null);
            sheet.Cell(row, 5).Style.NumberFormat.Format = "0.0%";
            sheet.Cell(row, 6).SetNumber(r.Target);
            sheet.Cell(row, 6).Style.NumberFormat.Format = "0%";
            sheet.Cell(row, 7).SetText(r.MeetsTarget switch { true => "是", false => "否", null => "" });
            row++;
        }
    }

    private static void WriteDetails(IXLWorksheet sheet, IReadOnlyList<(string Code, string Title)> items, IReadOnlyList<ResultLine> lines)
    {
        var headers = new List<string> { "编码", "名称", "类型", "所属村社区", "结果" };
        headers.AddRange(items.Select(i => i.Code));
        headers.AddRange(["连续达标年数", "荣誉", "一票否优"]);
        ExcelCells.WriteHeader(sheet, headers, 8);
        sheet.Column(2).Width = 36;
        sheet.Column(4).Width = 14;
        var row = 2;
        foreach (var line in lines)
        {
            sheet.Cell(row, 1).SetText(line.Code);
            sheet.Cell(row, 2).SetText(line.Name);
            sheet.Cell(row, 3).SetText(Terms.Of(line.Kind));
            sheet.Cell(row, 4).SetText(line.TerritoryName);
            sheet.Cell(row, 5).SetText(Terms.Of(line.Verdict));
            var col = 6;
            foreach (var item in items)
            {
                sheet.Cell(row, col++).SetText(line.Items.TryGetValue(item.Code, out var v) ? Terms.Of(v) : "");
            }
            sheet.Cell(row, col++).SetNumber(line.ConsecutiveCompliantYears);
            sheet.Cell(row, col++).SetText(Terms.Of(line.Honour));
            sheet.Cell(row, col).SetText(line.IsVetoed ? "是" : "否");
            row++;
        }
    }

    private static void WriteHonours(IXLWorksheet sheet, IReadOnlyList<ResultLine> lines)
    {
        ExcelCells.WriteHeader(sheet, ["编码", "名称", "类型", "所属村社区", "连续达标年数", "荣誉"]);
        sheet.Column(2).Width = 36;
        var row = 2;
        foreach (var line in lines.Where(l => l.Honour != Honour.None).OrderByDescending(l => l.ConsecutiveCompliantYears).ThenBy(l => l.Code, StringComparer.Ordinal))
        {
            sheet.Cell(row, 1).SetText(line.Code);
            sheet.Cell(row, 2).SetText(line.Name);
            sheet.Cell(row, 3).SetText(Terms.Of(line.Kind));
            sheet.Cell(row, 4).SetText(line.TerritoryName);
            sheet.Cell(row, 5).SetNumber(line.ConsecutiveCompliantYears);
            sheet.Cell(row, 6).SetText(Terms.Of(line.Honour));
            row++;
        }
    }

    private static void WriteVeto(IXLWorksheet sheet, IReadOnlyList<ResultLine> lines, IReadOnlyList<IncidentLine> incidents)
    {
        ExcelCells.WriteHeader(sheet, ["编码", "名称", "类型", "所属村社区", "评定结果", "有影响案（事）件"]);
        sheet.Column(2).Width = 36;
        sheet.Column(6).Width = 48;
        var bySubject = incidents.Where(i => i.Incident.IsImpactful).ToLookup(i => i.SubjectId);
        var row = 2;
        foreach (var line in lines.Where(l => l.IsVetoed))
        {
            sheet.Cell(row, 1).SetText(line.Code);
            sheet.Cell(row, 2).SetText(line.Name);
            sheet.Cell(row, 3).SetText(Terms.Of(line.Kind));
            sheet.Cell(row, 4).SetText(line.TerritoryName);
            sheet.Cell(row, 5).SetText(Terms.Of(line.Verdict));
            sheet.Cell(row, 6).SetText(string.Join("、", bySubject[line.SubjectId].Select(i => $"{i.Incident.TypeWord} {i.Incident.Number}（{i.Incident.OccurredOn:yyyy-MM-dd}）")));
            row++;
        }
    }

    private static void WriteAccountability(IXLWorksheet sheet, IReadOnlyList<IncidentLine> incidents)
    {
        ExcelCells.WriteHeader(sheet, ["类别", "编号", "日期", "单位编码", "单位名称", "有影响"]);
        sheet.Column(5).Width = 36;
        var row = 2;
        foreach (var line in incidents.Where(i => i.Incident.IsMajor))
        {
            sheet.Cell(row, 1).SetText(line.Incident.TypeWord);
            sheet.Cell(row, 2).SetText(line.Incident.Number);
            sheet.Cell(row, 3).SetDate(line.Incident.OccurredOn);
            sheet.Cell(row, 4).SetText(line.SubjectCode);
            sheet.Cell(row, 5).SetText(line.SubjectName);
            sheet.Cell(row, 6).SetYesNo(line.Incident.IsImpactful);
            row++;
        }
    }

    /// <summary>申诉: every appeal of the year, what it disputed, the decision and its reason, and the verdicts it changed.</summary>
    private static void WriteAppeals(IXLWorksheet sheet, IReadOnlyList<AppealLine> appeals)
    {
        ExcelCells.WriteHeader(sheet, ["申诉编号", "单位编码", "单位名称", "申诉人", "提出日期", "申诉事项", "申诉理由", "复核结果", "复核日期", "复核意见", "原评定结果", "复核后结果", "变化的评定"], 12);
        sheet.Column(3).Width = 28;
        sheet.Column(7).Width = 40;
        sheet.Column(10).Width = 40;
        sheet.Column(13).Width = 36;
        var row = 2;
        foreach (var a in appeals)
        {
            var disputed = a.Items.Select(i => i.Code).ToList();
            if (a.AgainstVeto)
            {
                disputed.Add("一票否优");
            }
            var changes = a.Items.Where(i => i.After is not null && i.After != i.Before).Select(i => $"{i.Code} {Terms.Of(i.Before)}→{Terms.Of(i.After!.Value)}").ToList();
            if (a.VetoAfter is { } vetoAfter && vetoAfter != a.VetoBefore)
            {
                changes.Add($"一票否优 {(a.VetoBefore ? "是" : "否")}→{(vetoAfter ? "是" : "否")}");
            }
            sheet.Cell(row, 1).SetNumber(a.Id);
            sheet.Cell(row, 2).SetText(a.SubjectCode);
            sheet.Cell(row, 3).SetText(a.SubjectName);
            sheet.Cell(row, 4).SetText(Terms.Of(a.FiledAs));
            sheet.Cell(row, 5).SetDate(a.FiledOn);
            sheet.Cell(row, 6).SetText(string.Join("、", disputed));
            sheet.Cell(row, 7).SetText(a.Reason);
            sheet.Cell(row, 8).SetText(Terms.Of(a.Status));
            sheet.Cell(row, 9).SetDate(a.DecidedOn);
            sheet.Cell(row, 10).SetText(a.Decision);
            sheet.Cell(row, 11).SetText(Terms.Of(a.VerdictBefore));
            sheet.Cell(row, 12).SetText(a.VerdictAfter is { } after ? Terms.Of(after) : "");
            sheet.Cell(row, 13).SetText(string.Join("；", changes));
            row++;
        }
    }
}
