using Microsoft.Data.Sqlite;
using SanLing.Web.Tests.Support;
using static SanLing.Web.Tests.Imports.Xlsx;

namespace SanLing.Web.Tests.Imports;

/// <summary>The <c>import</c> and <c>export</c> commands as a script runs them: exit codes and every error line.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sanling-tests", $"cli-import-{Guid.NewGuid():N}");

    public ImportCommandTests() => Directory.CreateDirectory(_folder);

    private string Database => Path.Combine(_folder, "db.sqlite");

    /// <summary>The portal's executable on this test's database, as a script runs it (shipped configuration).</summary>
    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        new PortalProcess(Database).RunAsync("", args);

    private string Save(string name, ClosedXML.Excel.XLWorkbook workbook)
    {
        var path = Path.Combine(_folder, name);
        using (workbook)
        {
            workbook.SaveAs(path);
        }
        return path;
    }

    [Fact]
    public async Task Import_lists_every_error_with_exit_code_1_and_imports_a_good_workbook_with_0()
    {
        var bad = Save("bad.xlsx", Book(Sheet("单位", TemplateImportTests.SubjectHeaders,
            ["C1", "东村", "村", null, null, null, null, null, null, null],
            ["C2", "工厂", "企业", "NOPE", null, null, null, null, null, null],
            ["C3", null, "工厂", null, null, null, null, null, null, null])));
        var (code, _, error) = await RunAsync("import", "subjects", bad);
        Assert.Equal(1, code);
        Assert.Contains("单位 第3行 所属村社区编码：", error, StringComparison.Ordinal);
        Assert.Contains("单位 第4行 名称：请填写名称", error, StringComparison.Ordinal);
        Assert.Contains("单位 第4行 类型：", error, StringComparison.Ordinal);
        Assert.Contains("没有写入任何数据", error, StringComparison.Ordinal);

        var good = Save("good.xlsx", Book(Sheet("单位", TemplateImportTests.SubjectHeaders,
            ["C2", "工厂", "企业", "C1", null, null, null, null, null, null],
            ["C1", "东村", "村", null, null, null, null, null, null, null])));
        (code, var output, error) = await RunAsync("import", "subjects", good);
        Assert.True(code == 0, error);
        Assert.Contains("单位：新增 2，更新 0", output, StringComparison.Ordinal);

        // The first import created the town; the export writes the same rows back.
        var exported = Path.Combine(_folder, "export.xlsx");
        (code, output, error) = await RunAsync("export", "subjects", exported);
        Assert.True(code == 0, error);
        Assert.Contains("2 条", output, StringComparison.Ordinal);
        (code, output, _) = await RunAsync("import", "subjects", exported);
        Assert.Equal(0, code);
        Assert.Contains("单位：新增 0，更新 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_refuses_a_file_that_is_not_a_workbook_and_an_unknown_template()
    {
        var text = Path.Combine(_folder, "fake.xlsx");
        await File.WriteAllTextAsync(text, "编码,名称\nC1,东村\n");
        var (code, _, error) = await RunAsync("import", "subjects", text);
        Assert.Equal(1, code);
        Assert.Contains("不是有效的 Excel", error, StringComparison.Ordinal);

        (code, _, error) = await RunAsync("import", "people", text);
        Assert.Equal(2, code);
        Assert.Contains("未知模板", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
