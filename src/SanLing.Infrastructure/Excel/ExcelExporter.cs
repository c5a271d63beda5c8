using ClosedXML.Excel;

namespace SanLing.Infrastructure.Excel;

/// <summary>Writes a template's workbook: the town's whole ledger, or the empty template with a 说明 sheet.</summary>
public static class ExcelExporter
{
    /// <summary>The current town's ledger in its import template; returns the number of main rows written.</summary>
    public static async Task<int> ExportTownAsync(ExcelTemplate template, SanLingDbContext db, Stream output, ExportOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.StreamsExport)
        {
            return await template.StreamTownAsync(db, output, options ?? new ExportOptions(), ct);
        }
        using var workbook = new XLWorkbook();
        var count = await template.ExportTownAsync(db, workbook, options ?? new ExportOptions(), ct);
        workbook.SaveAs(output);
        return count;
    }

    /// <summary>The template to fill in: each sheet with its header row, and a 说明 sheet listing what each column takes.</summary>
    public static void WriteBlankTemplate(ExcelTemplate template, Stream output)
    {
        ArgumentNullException.ThrowIfNull(template);
        using var workbook = new XLWorkbook();
        foreach (var spec in template.Sheets)
        {
            ExcelTemplate.AddSheet(workbook, spec);
        }
        var help = workbook.Worksheets.Add("说明");
        ExcelCells.WriteHeader(help, ["工作表", "列名", "填写说明"]);
        help.Column(3).Width = 80;
        var r = 2;
        foreach (var spec in template.Sheets)
        {
            foreach (var column in spec.Columns)
            {
                help.Cell(r, 1).SetText(spec.Name);
                help.Cell(r, 2).SetText(column.Header);
                help.Cell(r, 3).SetText(column.Help);
                r++;
            }
        }
        help.Cell(r + 1, 1).SetText("日期填日期单元格或 yyyy-MM-dd 文本；年月填 yyyy-MM；是/否列填“是”或“否”。不要使用公式。导入时任何一行有误则整批不写入，并列出每个错误。");
        workbook.SaveAs(output);
    }
}
