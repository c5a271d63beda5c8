using ClosedXML.Excel;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Excel;
using SanLing.Web.Features.Imports;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Imports;

/// <summary>A formula to put in a test cell.</summary>
public sealed record Formula(string A1);

/// <summary>Builds workbooks in code the way a town clerk fills them: text, real dates, numbers.</summary>
public static class Xlsx
{
    public static (string Name, string[] Headers, object?[][] Rows) Sheet(string name, string[] headers, params object?[][] rows) => (name, headers, rows);

    public static XLWorkbook Book(params (string Name, string[] Headers, object?[][] Rows)[] sheets)
    {
        var workbook = new XLWorkbook();
        foreach (var (name, headers, rows) in sheets)
        {
            var sheet = workbook.Worksheets.Add(name);
            for (var c = 0; c < headers.Length; c++)
            {
                sheet.Cell(1, c + 1).SetText(headers[c]);
            }
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var cell = sheet.Cell(r + 2, c + 1);
                    switch (rows[r][c])
                    {
                        case null:
                            break;
                        case string text:
                            cell.SetText(text);
                            break;
                        case DateOnly date:
                            cell.SetDate(date);
                            break;
                        case int number:
                            cell.SetValue(number);
                            break;
                        case decimal number:
                            cell.SetValue(number);
                            break;
                        case double number:
                            cell.SetValue(number);
                            break;
                        case Formula formula:
                            cell.FormulaA1 = formula.A1;
                            break;
                        default:
                            throw new ArgumentException("unsupported test value");
                    }
                }
            }
        }
        return workbook;
    }

    public static MemoryStream ToStream(XLWorkbook workbook)
    {
        var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        return stream;
    }

    /// <summary>Every non-empty cell of every sheet as "sheet!A1=value|type", for comparing two workbooks.</summary>
    public static List<string> Cells(Stream workbookStream)
    {
        workbookStream.Position = 0;
        using var workbook = new XLWorkbook(workbookStream);
        var cells = new List<string>();
        foreach (var sheet in workbook.Worksheets)
        {
            foreach (var cell in sheet.CellsUsed())
            {
                cells.Add($"{sheet.Name}!{cell.Address}={cell.GetString()}|{cell.DataType}");
            }
        }
        return cells;
    }
}

/// <summary>A portal on an empty database with one small town (created as the first import would), a 2020 rule set.</summary>
public sealed class SmallTownFixture : IDisposable
{
    public SanLingFactory Factory { get; } = new(demo: false);

    public int TownId { get; }

    public SmallTownFixture()
    {
        _ = Factory.Server;
        TownId = CreateTownAsync(Factory).GetAwaiter().GetResult();
    }

    public static async Task<int> CreateTownAsync(SanLingFactory factory) =>
        (await new TownBuilder("TOWN", "本镇").WithRuleSet().BuildAsync(factory)).Town.Id;

    public Task<ImportResult> ImportAsync(string template, XLWorkbook workbook) => ImportAsync(Factory, template, workbook);

    public static async Task<ImportResult> ImportAsync(SanLingFactory factory, string template, XLWorkbook workbook)
    {
        using var stream = Xlsx.ToStream(workbook);
        return await ImportAsync(factory, template, stream);
    }

    public static async Task<ImportResult> ImportAsync(SanLingFactory factory, string template, Stream stream)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        db.Actor.ActAsSystem(db.Towns.Select(t => t.Id).First(), "test");
        return await scope.ServiceProvider.GetRequiredService<ImportService>().ImportAsync(ExcelTemplates.Find(template)!, stream, CancellationToken.None);
    }

    public static async Task<MemoryStream> ExportAsync(SanLingFactory factory, string template, bool reveal = false)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        db.Actor.ActAsSystem(db.Towns.Select(t => t.Id).First(), "test");
        var output = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<ImportService>().ExportAsync(ExcelTemplates.Find(template)!, output, reveal, CancellationToken.None);
        output.Position = 0;
        return output;
    }

    public void Dispose() => Factory.Dispose();
}

public static class ImportAssert
{
    public static void Succeeded(ImportResult result)
    {
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    public static void Counts(ImportResult result, params (string Sheet, int Inserted, int Updated)[] expected)
    {
        Succeeded(result);
        Assert.Equal(expected.Select(e => new SheetCount(e.Sheet, e.Inserted, e.Updated)), result.Counts);
    }
}
