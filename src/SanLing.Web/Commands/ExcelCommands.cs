using SanLing.Infrastructure.Excel;
using SanLing.Web.Features.Imports;
using SanLing.Web.Setup;

namespace SanLing.Web.Commands;

/// <summary><c>import &lt;template&gt; &lt;file.xlsx&gt; [--town CODE]</c>: all rows or none; every bad row on stderr.</summary>
public sealed class ImportCommand : ICliCommand
{
    public string Name => "import";

    public string Usage => $"""
        import <模板> <文件.xlsx> [--town 乡镇编码]      导入台账（有任何错误则不写入，逐行列出错误）
          模板: {ExcelCommandArgs.TemplateList}
        """;

    public async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var (template, path, townCode) = ExcelCommandArgs.Parse(args, "import");
        if (!File.Exists(path))
        {
            throw new CommandException($"文件“{path}”不存在。");
        }
        await DatabasePreparation.MigrateAsync(app.Services);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        var town = await CommandTown.ResolveAsync(db, townCode);
        db.Actor.ActAsSystem(town.Id, "import");

        await using var file = File.OpenRead(path);
        var result = await scope.ServiceProvider.GetRequiredService<ImportService>().ImportAsync(template, file, CancellationToken.None);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error.ToString());
            }
            await Console.Error.WriteLineAsync($"导入未执行：共 {result.Errors.Count} 处错误，没有写入任何数据。");
            return CommandLine.Refused;
        }
        foreach (var count in result.Counts)
        {
            Console.WriteLine($"{count.Sheet}：新增 {count.Inserted}，更新 {count.Updated}");
        }
        Console.WriteLine($"{template.Title}导入完成。");
        return CommandLine.Ok;
    }
}

/// <summary><c>export &lt;template&gt; &lt;file.xlsx&gt; [--town CODE]</c>: the town's ledger in its template (ID numbers masked).</summary>
public sealed class ExportCommand : ICliCommand
{
    public string Name => "export";

    public string Usage => $"""
        export <模板> <文件.xlsx> [--town 乡镇编码]      按导入模板导出全镇台账（身份证号脱敏）
          模板: {ExcelCommandArgs.TemplateList}
        """;

    public async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var (template, path, townCode) = ExcelCommandArgs.Parse(args, "export");
        await DatabasePreparation.MigrateAsync(app.Services);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        var town = await CommandTown.ResolveAsync(db, townCode);
        db.Actor.ActAsSystem(town.Id, "export");

        using var buffer = new MemoryStream();
        var rows = await scope.ServiceProvider.GetRequiredService<ImportService>().ExportAsync(template, buffer, revealIdNumbers: false, CancellationToken.None);
        try
        {
            await File.WriteAllBytesAsync(path, buffer.ToArray());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"无法写入文件“{path}”：{ex.Message}");
        }
        Console.WriteLine($"已导出{template.Title} {rows} 条到 {path}。");
        return CommandLine.Ok;
    }
}

internal static class ExcelCommandArgs
{
    public static string TemplateList => string.Join(" ", ExcelTemplates.All.Select(t => $"{t.Key}({t.Title})"));

    public static (ExcelTemplate Template, string Path, string? TownCode) Parse(string[] args, string command)
    {
        var positional = new List<string>();
        string? town = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--town")
            {
                town = i + 1 < args.Length ? args[++i] : throw new CommandException("选项 --town 缺少值。", CommandLine.Usage);
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
            throw new CommandException($"用法: {command} <模板> <文件.xlsx> [--town 乡镇编码]\n模板: {TemplateList}", CommandLine.Usage);
        }
        var template = ExcelTemplates.Find(positional[0])
            ?? throw new CommandException($"未知模板“{positional[0]}”，可选: {TemplateList}", CommandLine.Usage);
        return (template, positional[1], town);
    }
}
