using System.Security.Cryptography;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.GoLive;

/// <summary>The <c>setup</c>, <c>backup</c> and <c>restore</c> commands' refusals, and how a town comes to have its rule set.</summary>
public sealed class SetupAndRestoreCommandTests : IDisposable
{
    private const string Password = "Harbor-lamp-2026x";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sanling-tests", $"golive-{Guid.NewGuid():N}");
    private readonly PortalProcess _portal;

    public SetupAndRestoreCommandTests()
    {
        Directory.CreateDirectory(_folder);
        _portal = new PortalProcess(Path.Combine(_folder, "sanling.db"));
    }

    private string File_(string name) => Path.Combine(_folder, name);

    private async Task SetUpAsync()
    {
        var setup = await _portal.RunAsync(Password, "setup", "QS", "青山镇", "--admin", "chen", "--due-day", "10");
        Assert.True(setup.ExitCode == 0, setup.Error);
    }

    [Fact]
    public async Task Setup_creates_the_town_with_the_2020_rule_set_and_its_administrator_once()
    {
        await SetUpAsync();

        Assert.Equal("QS|青山镇|10", PortalProcess.Scalar(_portal.DatabasePath, "SELECT Code || '|' || Name || '|' || InspectionDueDay FROM Towns"));
        Assert.Equal(2020L, PortalProcess.Scalar(_portal.DatabasePath, "SELECT Year FROM RuleSets"));
        Assert.True((long)PortalProcess.Scalar(_portal.DatabasePath, "SELECT COUNT(*) FROM RuleSetItems")! > 20);
        Assert.Equal("chen|系统管理员", PortalProcess.Scalar(_portal.DatabasePath,
            "SELECT u.UserName || '|' || r.Name FROM AspNetUsers u JOIN AspNetUserRoles ur ON ur.UserId = u.Id JOIN AspNetRoles r ON r.Id = ur.RoleId"));

        var again = await _portal.RunAsync(Password, "setup", "XX", "另一个镇", "--admin", "wang");
        Assert.Equal(1, again.ExitCode);
        // A second town needs a county to join (County/SetupAddsTownTests).
        Assert.Contains("还没有县", again.Error, StringComparison.Ordinal);
        Assert.Equal(1L, PortalProcess.Scalar(_portal.DatabasePath, "SELECT COUNT(*) FROM Towns"));
    }

    [Theory]
    [InlineData("123456", new[] { "setup", "QS", "青山镇", "--admin", "chen" }, 1, "密码至少需要 12 个字符")]
    [InlineData(Password, new[] { "setup", "Q S!", "青山镇", "--admin", "chen" }, 1, "乡镇编码只能由字母、数字")]
    [InlineData(Password, new[] { "setup", "QS", "青山镇", "--admin", "chen", "--due-day", "31" }, 2, "--due-day")]
    [InlineData(Password, new[] { "setup", "QS", "青山镇" }, 2, "用法: setup")]
    public async Task Setup_refusals_write_nothing(string password, string[] args, int exitCode, string message)
    {
        var (code, _, error) = await _portal.RunAsync(password, args);

        Assert.Equal(exitCode, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        if (File.Exists(_portal.DatabasePath))
        {
            Assert.Equal(0L, PortalProcess.Scalar(_portal.DatabasePath, "SELECT (SELECT COUNT(*) FROM Towns) + (SELECT COUNT(*) FROM AspNetUsers)"));
        }
    }

    [Fact]
    public async Task The_first_import_into_an_empty_database_founds_a_town_with_the_2020_rule_set()
    {
        var import = await _portal.RunAsync("", "import", "subjects", Path.Combine(PortalProcess.SamplesFolder(), "subjects.xlsx"));
        Assert.True(import.ExitCode == 0, import.Error);

        Assert.Equal(1L, PortalProcess.Scalar(_portal.DatabasePath, "SELECT COUNT(*) FROM Towns"));
        Assert.Equal(2020L, PortalProcess.Scalar(_portal.DatabasePath, "SELECT Year FROM RuleSets"));
    }

    [Fact]
    public async Task Backup_refuses_to_overwrite_unless_forced()
    {
        await SetUpAsync();
        var target = File_("backup.db");
        Assert.Equal(0, (await _portal.RunAsync("", "backup", target)).ExitCode);

        var again = await _portal.RunAsync("", "backup", target);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("已存在", again.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await _portal.RunAsync("", "backup", target, "--force")).ExitCode);
        Assert.Equal(1L, PortalProcess.Scalar(target, "SELECT COUNT(*) FROM Towns"));
    }

    [Fact]
    public async Task Restore_refuses_a_damaged_a_foreign_and_a_newer_file_and_writes_nothing()
    {
        await SetUpAsync();
        var backup = File_("backup.db");
        Assert.Equal(0, (await _portal.RunAsync("", "backup", backup)).ExitCode);

        var notADatabase = File_("notes.db");
        await File.WriteAllTextAsync(notADatabase, "这不是数据库");
        var damaged = File_("damaged.db");
        var bytes = await File.ReadAllBytesAsync(backup);
        RandomNumberGenerator.Fill(bytes.AsSpan(bytes.Length / 2, 4096));
        await File.WriteAllBytesAsync(damaged, bytes);
        var foreign = File_("foreign.db");
        PortalProcess.Scalar(foreign, "CREATE TABLE Customers (Id INTEGER PRIMARY KEY, Name TEXT)");
        var newer = File_("newer.db");
        File.Copy(backup, newer);
        PortalProcess.Scalar(newer, "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29990101000000_FromTheFuture', '99.0.0')");

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(_folder).Order().ToList();
        var database = await HashAsync(_portal.DatabasePath);

        foreach (var (file, message) in new[]
                 {
                     (notADatabase, "无法读取"),
                     (damaged, "损坏"),
                     (foreign, "不是三零创建平台的数据库"),
                     (newer, "更新版本"),
                 })
        {
            var (code, _, error) = await _portal.RunAsync("", "restore", file);
            Assert.True(code == 1, $"{Path.GetFileName(file)}: exit {code}");
            Assert.Contains(message, error, StringComparison.Ordinal);
        }

        Assert.Equal(database, await HashAsync(_portal.DatabasePath));
        Assert.Equal(files, Directory.GetFiles(_folder).Order().ToList());
    }

    [Fact]
    public async Task Restore_keeps_the_replaced_database_beside_it()
    {
        await SetUpAsync();
        var backup = File_("backup.db");
        Assert.Equal(0, (await _portal.RunAsync("", "backup", backup)).ExitCode);
        var create = await _portal.RunAsync(Password, "create-user", "wang", "office");
        Assert.True(create.ExitCode == 0, create.Error);

        var restore = await _portal.RunAsync("", "restore", backup);

        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Equal(1L, PortalProcess.Scalar(_portal.DatabasePath, "SELECT COUNT(*) FROM AspNetUsers"));
        var kept = Assert.Single(Directory.GetFiles(_folder, "sanling.db.before-restore-*"));
        Assert.Equal(2L, PortalProcess.Scalar(kept, "SELECT COUNT(*) FROM AspNetUsers"));
    }

    private static async Task<string> HashAsync(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path)));
    }

    public void Dispose() => PortalProcess.DeleteFolder(_folder);
}
