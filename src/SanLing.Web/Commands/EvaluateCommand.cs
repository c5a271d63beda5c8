using System.Globalization;
using SanLing.Domain.Common;
using SanLing.Infrastructure.Evaluation;
using SanLing.Web.Setup;

namespace SanLing.Web.Commands;

/// <summary><c>evaluate &lt;year&gt; [--as-of yyyy-MM-dd] [--town CODE]</c>: runs and stores the evaluation, prints the rates.</summary>
public sealed class EvaluateCommand : ICliCommand
{
    public string Name => "evaluate";

    public string Usage => """
        evaluate <年度> [--as-of yyyy-MM-dd] [--town 乡镇编码]
                                                   评定该年度并保存结果，打印各分组、各类型达标率
          当年未结束时按今天（或 --as-of 日期）评定。
        """;

    public async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var today = clock.Today();
        var (year, asOf, townCode) = Parse(args, today);

        await DatabasePreparation.MigrateAsync(app.Services);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        var town = await CommandTown.ResolveAsync(db, townCode);
        db.Actor.ActAsSystem(town.Id, "evaluate");

        RunOutcome outcome;
        try
        {
            outcome = await new EvaluationRunner(db, clock).RunAsync(year, asOf);
        }
        catch (EvaluationRefusedException ex)
        {
            throw new CommandException(ex.Message);
        }
        var run = outcome.Run;
        var rates = await new EvaluationReports(db).RatesAsync(run);
        Console.WriteLine($"{town.Name} {year} 年度三零创建评定（{(run.AsOf == new DateOnly(year, 12, 31) ? "全年" : $"截至 {run.AsOf:yyyy-MM-dd}")}，{outcome.RuleSet.Name}），评定记录 #{run.Id}");
        if (outcome.PreviousYearMissing)
        {
            Console.WriteLine($"注意：{year - 1} 年度没有全年评定记录，连续达标年数只从本年度算起。");
        }
        Console.WriteLine(string.Join('\t', "分组", "单位数", "达标数", "待评定数", "不达标数", "达标率", "目标", "是否达标"));
        foreach (var row in rates.Groups.Concat(rates.Kinds))
        {
            Console.WriteLine(string.Join('\t', row.Label, row.Subjects, row.Compliant, row.Pending, row.NonCompliant,
                EvaluationReports.Percent(row.Rate), EvaluationReports.Percent(row.Target),
                row.MeetsTarget switch { true => "是", false => "否", null => "—" }));
        }
        return CommandLine.Ok;
    }

    internal static (int Year, DateOnly? AsOf, string? Town) Parse(string[] args, DateOnly today)
    {
        var positional = new List<string>();
        string? asOfText = null, town = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--as-of": asOfText = Value(args, ++i, "--as-of"); break;
                case "--town": town = Value(args, ++i, "--town"); break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new CommandException($"未知选项 {args[i]}。", CommandLine.Usage);
                    }
                    positional.Add(args[i]);
                    break;
            }
        }
        if (positional.Count != 1)
        {
            throw new CommandException("用法: evaluate <年度> [--as-of yyyy-MM-dd]", CommandLine.Usage);
        }
        if (!int.TryParse(positional[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000 || year > 2100)
        {
            throw new CommandException($"年度“{positional[0]}”无效，应为四位数字年份，如 2025。", CommandLine.Usage);
        }
        if (year > today.Year)
        {
            throw new CommandException($"{year} 年尚未开始，不能评定。", CommandLine.Usage);
        }
        DateOnly? asOf = null;
        if (asOfText is not null)
        {
            if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw new CommandException($"截止日期“{asOfText}”无效，格式应为 yyyy-MM-dd。", CommandLine.Usage);
            }
            if (parsed.Year != year)
            {
                throw new CommandException($"截止日期 {parsed:yyyy-MM-dd} 不在 {year} 年内。", CommandLine.Usage);
            }
            if (parsed > today)
            {
                throw new CommandException($"截止日期 {parsed:yyyy-MM-dd} 晚于今天，不能评定。", CommandLine.Usage);
            }
            asOf = parsed;
        }
        else if (year == today.Year)
        {
            asOf = today;
        }
        return (year, asOf, town);
    }

    private static string Value(string[] args, int index, string option) =>
        index < args.Length ? args[index] : throw new CommandException($"{option} 后面缺少值。", CommandLine.Usage);
}
