using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using SanLing.Infrastructure.Security;

namespace SanLing.Web.Commands;

/// <summary>
/// <c>backup</c> and <c>restore</c> on PostgreSQL: PostgreSQL's own tools, <c>pg_dump -Fc</c> (one consistent snapshot
/// while the portal keeps writing) and <c>pg_restore --clean</c>, with the same checks as on SQLite: a SanLing archive,
/// not from a newer program, the current database kept first, the audit chain verified with this machine's audit key.
/// As on SQLite, the key folder is not in the backup: it is kept apart from the data.
/// </summary>
internal static class PostgreSqlBackup
{
    public static async Task<int> BackupAsync(WebApplication app, string target)
    {
        var server = Server.Of(app);
        var partial = target + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            await server.RunAsync("pg_dump", "备份", "--format=custom", "--file=" + partial, "--dbname=" + server.ConnInfo);
            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        Console.WriteLine($"已用 pg_dump 备份 PostgreSQL 数据库 {server.Database} 到 {target}（{new FileInfo(target).Length / 1024.0:0} KB）。");
        Console.WriteLine(BackupCommand.KeysNotInBackup(app));
        return CommandLine.Ok;
    }

    public static async Task<int> RestoreAsync(WebApplication app, string source)
    {
        var server = Server.Of(app);
        var tables = await server.RunAsync("pg_restore", "读取备份", "--list", source);
        if (!new[] { HistoryRepository.DefaultTableName, "Towns", "AuditEntries", "AspNetUsers" }.All(t => tables.Contains($" TABLE public {t} ", StringComparison.Ordinal)))
        {
            throw new CommandException("该文件不是三零创建平台的 PostgreSQL 备份，未还原。");
        }
        var applied = MigrationIds(await server.RunAsync("pg_restore", "读取备份", "--data-only", "--table=" + HistoryRepository.DefaultTableName, "--file=-", source));
        string[] known;
        List<string> current;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
            known = db.Database.GetMigrations().ToArray();
            current = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        }
        var unknown = applied.Except(known).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new CommandException($"备份来自更新版本的程序（本程序不认识迁移 {string.Join("、", unknown)}），请用相同或更新版本的程序还原。");
        }
        if (applied.Count == 0)
        {
            throw new CommandException("该文件不是三零创建平台的数据库（没有迁移记录），未还原。");
        }
        // pg_restore --clean drops only what the archive holds: tables of later migrations would stay and block the upgrade.
        var newer = current.Except(applied).ToList();
        if (newer.Count > 0)
        {
            throw new CommandException($"当前数据库已有备份之后的迁移（{string.Join("、", newer)}）：请新建一个空数据库，把连接字符串指向它，再还原这份备份。");
        }

        // The current database first, beside the backup (a restore can be undone with another restore).
        var stamp = DateTime.Now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        string? kept = null;
        if (current.Count > 0)
        {
            kept = source + ".before-restore-" + stamp;
            await server.RunAsync("pg_dump", "保留当前数据库", "--format=custom", "--file=" + kept, "--dbname=" + server.ConnInfo);
        }
        await PgRestoreAsync(server, source);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
            var pending = known.Except(applied).Count();
            if (pending > 0)
            {
                await db.Database.MigrateAsync();
            }
            var anchor = app.Services.GetRequiredService<AuditAnchor>();
            var check = await AuditChain.CheckAsync(db, anchor, useCheckpoint: false);
            if (check.Problem is not null)
            {
                if (kept is not null)
                {
                    await PgRestoreAsync(server, kept);
                }
                throw new CommandException((check.Problem == AuditProblem.MacMismatch
                    ? $"备份中的审计日志第 {check.BrokenAt} 条的校验码与本机的审计密钥不符（审计密钥不同，或备份被篡改），未还原。"
                    : $"备份中的审计日志在第 {check.BrokenAt} 条处断链（已被修改、删除或插入），未还原。")
                    + (kept is null ? "" : "原数据库已放回。"));
            }
            var head = await AuditChain.HeadAsync(db);
            anchor.Reset(head);
            Console.WriteLine($"已用 pg_restore 从 {source} 还原 PostgreSQL 数据库 {server.Database}{(pending > 0 ? $"（并升级了 {pending} 个迁移）" : "")}。");
            if (kept is not null)
            {
                Console.WriteLine($"原数据库已用 pg_dump 保留为 {kept}。");
            }
            Console.WriteLine(head is null
                ? $"审计检查点（{anchor.CheckpointPath}）已清除：还原的数据库没有审计日志。"
                : $"审计检查点（{anchor.CheckpointPath}）已重置为还原后数据库的末条审计记录（第 {head.LastId} 条）：这是一次有意的回退，之后的记录不再视为缺失。");
        }
        Console.WriteLine(BackupCommand.KeysNotInBackup(app));
        return CommandLine.Ok;
    }

    /// <summary>All or nothing: one transaction, existing objects of the archive dropped first, ownership left to the connecting role.</summary>
    private static async Task PgRestoreAsync(Server server, string archive) =>
        await server.RunAsync("pg_restore", "还原", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
            "--exit-on-error", "--dbname=" + server.ConnInfo, archive);

    /// <summary>The MigrationId column of the history table's COPY block in pg_restore's SQL output.</summary>
    private static HashSet<string> MigrationIds(string sql)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var inCopy = false;
        foreach (var line in sql.Split('\n'))
        {
            if (line.StartsWith("COPY ", StringComparison.Ordinal))
            {
                inCopy = true;
            }
            else if (line == "\\.")
            {
                inCopy = false;
            }
            else if (inCopy && line.Length > 0)
            {
                ids.Add(line.Split('\t')[0]);
            }
        }
        return ids;
    }

    /// <summary>The configured server (from the connection string) and where its client tools are.</summary>
    private sealed record Server(NpgsqlConnectionStringBuilder Connection, string? ToolDirectory)
    {
        public string Database => Connection.Database ?? "";

        /// <summary>libpq's connection string without the password (that goes in PGPASSWORD, not on a command line).</summary>
        public string ConnInfo => string.Join(' ', new[]
        {
            ("host", Connection.Host), ("port", Connection.Port.ToString(CultureInfo.InvariantCulture)), ("dbname", Connection.Database), ("user", Connection.Username),
        }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}='{p.Item2!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'"));

        public static Server Of(WebApplication app)
        {
            using var scope = app.Services.CreateScope();
            var connection = new NpgsqlConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<SanLingDbContext>().Database.GetConnectionString());
            return new Server(connection, app.Configuration["Database:PostgreSqlBin"]);
        }

        /// <summary>Runs a client tool; its standard output is returned, a failure is refused with the tool's own words.</summary>
        public async Task<string> RunAsync(string tool, string step, params string[] arguments)
        {
            var start = new ProcessStartInfo(Find(tool))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            if (!string.IsNullOrEmpty(Connection.Password))
            {
                start.Environment["PGPASSWORD"] = Connection.Password;
            }
            if (Connection.SslMode is SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull)
            {
                start.Environment["PGSSLMODE"] = Connection.SslMode switch { SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => "require" };
            }
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (Win32Exception ex)
            {
                throw new CommandException($"无法运行 {tool}（{ex.Message}）。" + Install(tool));
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    throw new CommandException($"{step}失败：{tool} 报告 {(await error).Trim()}");
                }
                return await output;
            }
        }

        private string Find(string tool)
        {
            var folders = new List<string>();
            if (!string.IsNullOrWhiteSpace(ToolDirectory))
            {
                folders.Add(ToolDirectory);
            }
            else
            {
                folders.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
                // Debian and Ubuntu keep the versioned tools here; the newest can dump every older server.
                if (Directory.Exists("/usr/lib/postgresql"))
                {
                    folders.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                        .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                        .Select(d => Path.Combine(d, "bin")));
                }
            }
            return folders.Select(f => Path.Combine(f, OperatingSystem.IsWindows() ? tool + ".exe" : tool)).FirstOrDefault(File.Exists)
                ?? throw new CommandException($"找不到 {tool}{(string.IsNullOrWhiteSpace(ToolDirectory) ? "" : $"（Database:PostgreSqlBin = {ToolDirectory}）")}。" + Install(tool));
        }

        private static string Install(string tool) =>
            $"PostgreSQL 的备份与还原要用它的客户端工具 {tool}：请安装 PostgreSQL 客户端（Debian/Ubuntu：apt-get install postgresql-client，版本不低于服务器），"
            + "或在配置 Database:PostgreSqlBin 中写明 pg_dump、pg_restore 所在的目录。";
    }
}
