using System.Globalization;
using SanLing.Domain.Auditing;
using SanLing.Domain.Evaluation;
using SanLing.Infrastructure.Evaluation;

namespace SanLing.Web.Commands;

/// <summary><c>export-report &lt;year&gt; &lt;file.xlsx&gt; [--town CODE]</c>: the 年度报告 workbook of the latest run of that year.</summary>
public sealed class ExportReportCommand : ICliCommand
{
    public string Name => "export-report";

    public string Usage => "export-report <年度> <文件.xlsx> [--town 乡镇编码]\n                                           导出该年度最近一次评定的年度报告工作簿";

    public async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var positional = new List<string>();
        string? townCode = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--town")
            {
                townCode = i + 1 < args.Length ? args[++i] : throw new CommandException("--town 后面缺少值。", CommandLine.Usage);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CommandException($"未知选项 {args[i]}。", CommandLine.Usage);
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        if (positional.Count != 2)
        {
            throw new CommandException("用法: export-report <年度> <文件.xlsx>", CommandLine.Usage);
        }
        if (!int.TryParse(positional[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000 || year > 2100)
        {
            throw new CommandException($"年度“{positional[0]}”无效，应为四位数字年份，如 2025。", CommandLine.Usage);
        }
        var file = positional[1];
        if (!file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            throw new CommandException("输出文件名应以 .xlsx 结尾。", CommandLine.Usage);
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        var town = await CommandTown.ResolveAsync(db, townCode);
        db.Actor.ActAsSystem(town.Id, "export-report");
        var reports = new EvaluationReports(db);
        var run = await reports.LatestRunAsync(year) ?? throw new CommandException($"{year} 年度还没有评定记录，请先运行 evaluate {year}。");
        using var book = await new AnnualReportWorkbook(reports).BuildAsync(run);
        var full = Path.GetFullPath(file);
        book.SaveAs(full);
        await AuditChain.AppendAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), AuditAction.Export, nameof(EvaluationRun),
            run.Id.ToString(CultureInfo.InvariantCulture), $"{{\"report\":\"年度报告\",\"year\":{year}}}");
        Console.WriteLine($"已导出 {year} 年度报告（评定记录 #{run.Id}）: {full}");
        return CommandLine.Ok;
    }
}
