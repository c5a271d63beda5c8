using Microsoft.Data.Sqlite;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Administration;

/// <summary>The commands the administration pages share rules and records with: create-user and verify-audit.</summary>
public sealed class AdministrationCommandLineTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "sanling-tests", $"admin-cli-{Guid.NewGuid():N}.db");

    /// <summary>The portal's executable on this test's database, as a script runs it (shipped configuration).</summary>
    private Task<(int ExitCode, string Output, string Error)> RunAsync(string stdin, params string[] args) =>
        new PortalProcess(_database).RunAsync(stdin, args);

    private List<(int Action, string? UserName, string? Changes)> AuditLines()
    {
        using var connection = new SqliteConnection($"Data Source={_database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Action, UserName, Changes FROM AuditEntries ORDER BY Id";
        using var reader = command.ExecuteReader();
        var lines = new List<(int, string?, string?)>();
        while (reader.Read())
        {
            lines.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return lines;
    }

    [Fact]
    public async Task Create_user_is_audited_and_each_verify_audit_run_is_recorded_for_the_page()
    {
        var created = await RunAsync("Harbor-lamp-2026x", "create-user", "chen", "admin", "--name", "陈工");
        Assert.True(created.ExitCode == 0, created.Error);
        var (code, output, error) = await RunAsync("", "verify-audit");

        Assert.True(code == 0, error);
        var lines = AuditLines();
        var checkedLines = lines.Count - 1;
        Assert.Contains($"审计日志完整，共 {checkedLines} 条", output, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Action == 1 && l.UserName == "create-user" && l.Changes!.Contains("系统管理员", StringComparison.Ordinal));
        Assert.Equal((15, "verify-audit"), (lines[^1].Action, lines[^1].UserName));
        Assert.Equal($"{{\"intact\":true,\"lines\":{checkedLines},\"brokenAt\":null}}", lines[^1].Changes);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
        }
    }
}
