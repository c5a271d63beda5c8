using Microsoft.Data.Sqlite;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests;

/// <summary>The portal's executable run as a script would run it: exit codes, Chinese messages, real effects.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "sanling-tests", $"cli-{Guid.NewGuid():N}.db");

    /// <summary>The portal's executable on this test's database, as a script runs it (shipped configuration).</summary>
    private Task<(int ExitCode, string Output, string Error)> RunAsync(string stdin, params string[] args) =>
        new PortalProcess(_database).RunAsync(stdin, args);

    [Fact]
    public async Task Migrate_creates_the_database()
    {
        var (code, output, _) = await RunAsync("", "migrate");

        Assert.Equal(0, code);
        Assert.Contains("数据库迁移已完成", output, StringComparison.Ordinal);
        Assert.True(File.Exists(_database));
    }

    [Fact]
    public async Task Create_user_makes_an_account_that_exists_once()
    {
        var (code, output, error) = await RunAsync("Harbor-lamp-2026x", "create-user", "chen", "office", "--name", "陈主任");
        Assert.True(code == 0, error);
        Assert.Contains("已创建账号 chen", output, StringComparison.Ordinal);

        var again = await RunAsync("Harbor-lamp-2026x", "create-user", "chen", "office");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("已存在", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_run_from_another_directory_reads_the_shipped_configuration_beside_the_program()
    {
        // A cron job or script calls `dotnet /srv/sanling/SanLing.Web.dll …` from wherever it happens to be.
        var elsewhere = Directory.CreateTempSubdirectory("sanling-cwd-");
        var logs = Path.Combine(Path.GetTempPath(), "sanling-tests", $"cwd-logs-{Guid.NewGuid():N}");
        try
        {
            var process = new PortalProcess(_database) { WorkingDirectory = elsewhere.FullName };
            process.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(logs, "log-.txt");
            var (code, output, error) = await process.RunAsync("Harbor-lamp-2026x", "setup", "QS", "青山镇", "--admin", "chen");

            Assert.True(code == 0, error);
            Assert.Contains("已设置乡镇 QS", output, StringComparison.Ordinal);
            // appsettings.json was read: its file sink (the second) holds the start's warnings, here the new key files.
            Assert.True(Directory.Exists(logs), "no log was written where the shipped configuration sends it");
            Assert.Contains("已创建密钥文件", string.Join("\n", Directory.GetFiles(logs).Select(File.ReadAllText)), StringComparison.Ordinal);
            // Nothing of the portal's (App_Data, a database) lands in the caller's directory.
            Assert.Empty(elsewhere.EnumerateFileSystemInfos());
        }
        finally
        {
            elsewhere.Delete(recursive: true);
            if (Directory.Exists(logs))
            {
                Directory.Delete(logs, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("Some-pass-2026x", new[] { "create-user", "zhang", "boss" }, 2, "未知角色")]
    [InlineData("Some-pass-2026x", new[] { "create-user", "zhang", "grid" }, 2, "必须用 --scope")]
    [InlineData("Some-pass-2026x", new[] { "create-user", "zhang", "grid", "--scope", "NOPE" }, 1, "不是村/社区编码")]
    [InlineData("123456", new[] { "create-user", "zhang", "office" }, 1, "密码至少需要 12 个字符")]
    [InlineData("qingshan123456", new[] { "create-user", "zhang", "leader", "--scope", "CUN01" }, 2, "不需要 --scope")]
    public async Task Refusals_exit_non_zero_with_a_chinese_message(string password, string[] args, int exitCode, string message)
    {
        var (code, _, error) = await RunAsync(password, args);

        Assert.Equal(exitCode, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        if (File.Exists(_database))
        {
            using var connection = new SqliteConnection($"Data Source={_database}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM AspNetUsers";
            Assert.Equal(0L, (long)command.ExecuteScalar()!);
        }
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
