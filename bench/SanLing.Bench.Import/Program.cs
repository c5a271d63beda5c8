using System.Diagnostics;
using System.Globalization;
using ClosedXML.Excel;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SanLing.Domain.Common;
using SanLing.Domain.KeyPopulations;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Excel;
using SanLing.Infrastructure.Security;

// Times the Excel import end to end (file → validation → one transaction with per-row audit) on a fresh SQLite file:
//   dotnet run -c Release --project bench/SanLing.Bench.Import [-- rows] [--no-row-audit]
var rows = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 10_000;
var rowAudit = !args.Contains("--no-row-audit");
var folder = Path.Combine(Path.GetTempPath(), "sanling-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var database = Path.Combine(folder, "bench.db");

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:SanLing"] = $"Data Source={database}",
    ["Database:Provider"] = "Sqlite",
}).Build();
var services = new ServiceCollection().AddLogging().AddSanLingData(configuration, folder).BuildServiceProvider();

using (var scope = services.CreateScope())
{
    var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
    await db.Database.MigrateAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    db.Towns.Add(new Town { Code = "TOWN", Name = "本镇" });
    await db.SaveChangesAsync();
}

Console.WriteLine($"SanLing import benchmark: {rows} rows per template, per-row audit {(rowAudit ? "on" : "off")}, SQLite file {database}");
Console.WriteLine($"| template | rows | file | first import (insert) | rows/s | again (update) | rows/s |");
Console.WriteLine($"|---|---|---|---|---|---|---|");

var subjects = Book("单位", ["编码", "名称", "类型", "所属村社区编码", "第一责任人", "直接责任人", "联系电话", "地址", "设立日期", "撤销日期"], 1000, (sheet, r, i) =>
{
    var village = i < 25;
    sheet.Cell(r, 1).SetText(village ? $"CUN{i:00}" : $"QY{i:0000}");
    sheet.Cell(r, 2).SetText(village ? $"第{i}村" : $"企业{i}");
    sheet.Cell(r, 3).SetText(village ? "村" : "企业");
    sheet.Cell(r, 4).SetText(village ? null : $"CUN{i % 25:00}");
    sheet.Cell(r, 5).SetText("张三");
    sheet.Cell(r, 6).SetText("李四");
    sheet.Cell(r, 7).SetText("13800000000");
});
await RunAsync("subjects", subjects, 1000);

var petitions = Book("信访", ["编号", "单位编码", "登记日期", "类型", "人数", "事由", "包案领导", "状态", "化解日期", "有影响", "重大"], rows, (sheet, r, i) =>
{
    var day = new DateOnly(2025, 1, 1).AddDays(i % 600);
    var resolved = i % 3 == 0;
    sheet.Cell(r, 1).SetText($"XF-{i:000000}");
    sheet.Cell(r, 2).SetText(i % 40 < 25 ? $"CUN{i % 25:00}" : $"QY{25 + i % 975:0000}");
    sheet.Cell(r, 3).SetDate(day);
    sheet.Cell(r, 4).SetText(i % 10 == 0 ? "集体访" : "个体访");
    sheet.Cell(r, 5).SetNumber(i % 10 == 0 ? 6 : 1);
    sheet.Cell(r, 6).SetText($"第{i}件信访事项：邻里宅基地边界纠纷，要求村委协调处理");
    sheet.Cell(r, 7).SetText("王镇长");
    sheet.Cell(r, 8).SetText(resolved ? "已化解" : "办理中");
    sheet.Cell(r, 9).SetDate(resolved ? day.AddDays(20) : null);
    sheet.Cell(r, 10).SetYesNo(i % 50 == 0);
    sheet.Cell(r, 11).SetYesNo(false);
});
await RunAsync("petitions", petitions, rows);

var persons = Book("人员", ["编号", "姓名", "身份证号", "类别", "单位编码", "列管日期", "解除日期", "帮教方案", "帮教责任人"], rows, (sheet, r, i) =>
{
    var first17 = $"330106{new DateOnly(1960, 1, 1).AddDays(i % 15000):yyyyMMdd}{i % 1000:000}";
    sheet.Cell(r, 1).SetText($"ZD-{i:000000}");
    sheet.Cell(r, 2).SetText($"人员{i}");
    sheet.Cell(r, 3).SetText(first17 + ChineseIdNumber.CheckDigit(first17));
    sheet.Cell(r, 4).SetText("刑满释放人员");
    sheet.Cell(r, 5).SetText($"CUN{i % 25:00}");
    sheet.Cell(r, 6).SetDate(new DateOnly(2024, 1, 1).AddDays(i % 500));
    sheet.Cell(r, 8).SetText("有");
    sheet.Cell(r, 9).SetText("吴九");
});
await RunAsync("key-persons", persons, rows);

SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);
return 0;

async Task RunAsync(string key, byte[] file, int count)
{
    var template = ExcelTemplates.Find(key)!;
    var first = await TimeAsync(template, file);
    var again = await TimeAsync(template, file);
    Console.WriteLine($"| {key} | {count} | {file.Length / 1024} KB | {first:0.00} s | {count / first:0} | {again:0.00} s | {count / again:0} |");
}

async Task<double> TimeAsync(ExcelTemplate template, byte[] file)
{
    using var scope = services.CreateScope();
    var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
    db.Actor.ActAsSystem(db.Towns.Select(t => t.Id).First(), "bench");
    db.SuppressRowAudit = !rowAudit;
    var importer = new ExcelImporter(db, TimeProvider.System, scope.ServiceProvider.GetRequiredService<IdNumberProtector>());
    var watch = Stopwatch.StartNew();
    using var stream = new MemoryStream(file);
    var result = await importer.ImportAsync(template, stream);
    var seconds = watch.Elapsed.TotalSeconds;
    if (!result.Succeeded)
    {
        throw new InvalidOperationException(string.Join("\n", result.Errors.Take(10)));
    }
    return seconds;
}

static byte[] Book(string sheetName, string[] headers, int count, Action<IXLWorksheet, int, int> fill)
{
    using var workbook = new XLWorkbook();
    var sheet = workbook.Worksheets.Add(sheetName);
    ExcelCells.WriteHeader(sheet, headers);
    for (var i = 0; i < count; i++)
    {
        fill(sheet, i + 2, i);
    }
    using var output = new MemoryStream();
    workbook.SaveAs(output);
    return output.ToArray();
}
