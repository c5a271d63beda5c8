using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.GoLive;

/// <summary>
/// A real town's life from the command line on a fresh SQLite file, as its operator would script it: setup, the nine
/// sample workbooks, three years evaluated, the annual report, a backup, the database lost, the backup restored.
/// </summary>
public sealed class ProductionJourneyTests : IDisposable
{
    private static readonly string[] Workbooks =
        ["subjects", "grids", "key-persons", "rental-houses", "inspections", "petitions", "accidents", "cases", "attestations"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sanling-tests", $"journey-{Guid.NewGuid():N}");
    private readonly PortalProcess _portal;

    public ProductionJourneyTests()
    {
        Directory.CreateDirectory(_folder);
        _portal = new PortalProcess(Path.Combine(_folder, "sanling.db"));
    }

    [Fact]
    public async Task Setup_import_evaluate_report_backup_lose_and_restore_keeps_every_row_and_the_audit_chain()
    {
        var setup = await _portal.RunAsync("Harbor-lamp-2026x", "setup", "QINGSHAN", "青山镇", "--admin", "chen", "--name", "陈主任");
        Assert.True(setup.ExitCode == 0, setup.Error);
        Assert.Contains("系统管理员 chen 已创建", setup.Output, StringComparison.Ordinal);

        var samples = PortalProcess.SamplesFolder();
        foreach (var workbook in Workbooks)
        {
            var import = await _portal.RunAsync("", "import", workbook, Path.Combine(samples, workbook + ".xlsx"));
            Assert.True(import.ExitCode == 0, $"import {workbook}: {import.Error}");
        }
        // The imports went into the town that setup created, not a second one.
        Assert.Equal(1L, PortalProcess.Scalar(_portal.DatabasePath, "SELECT COUNT(*) FROM Towns"));

        foreach (var year in new[] { 2022, 2023, 2024 })
        {
            var evaluate = await _portal.RunAsync("", "evaluate", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(evaluate.ExitCode == 0, $"evaluate {year}: {evaluate.Error}");
            Assert.Contains($"青山镇 {year} 年度三零创建评定（全年，2020年三零创建评定细则）", evaluate.Output, StringComparison.Ordinal);
        }

        var report = Path.Combine(_folder, "report-2024.xlsx");
        var export = await _portal.RunAsync("", "export-report", "2024", report);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.True(new FileInfo(report).Length > 0);

        var backup = Path.Combine(_folder, "backup.db");
        var backedUp = await _portal.RunAsync("", "backup", backup);
        Assert.True(backedUp.ExitCode == 0, backedUp.Error);
        var before = PortalProcess.RowCounts(_portal.DatabasePath);
        // The three years evaluated, and the current year's 预评 that the imports stored.
        Assert.Equal(4, before["EvaluationRuns"]);
        Assert.True(before["Inspections"] > 1000 && before["Attestations"] > 1000 && before["Subjects"] > 50, string.Join(", ", before));

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_portal.DatabasePath + suffix);
        }
        var restore = await _portal.RunAsync("", "restore", backup);
        Assert.True(restore.ExitCode == 0, restore.Error);

        Assert.Equal(before, PortalProcess.RowCounts(_portal.DatabasePath));
        var verify = await _portal.RunAsync("", "verify-audit");
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Contains("审计日志完整", verify.Output, StringComparison.Ordinal);
    }

    public void Dispose() => PortalProcess.DeleteFolder(_folder);
}
