using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;
using SanLing.Infrastructure.Security;
using SanLing.Web.Setup;

namespace SanLing.Web.Commands;

/// <summary>
/// <c>backup &lt;file&gt; [--force]</c>: a consistent copy of the whole database, also while the portal runs (SQLite:
/// <c>VACUUM INTO</c>; PostgreSQL: <c>pg_dump -Fc</c>, see <see cref="PostgreSqlBackup"/>).
/// </summary>
public sealed class BackupCommand : ICliCommand
{
    public string Name => "backup";

    public string Usage => "backup <文件> [--force]                    备份整个数据库（门户运行时也可执行；--force 覆盖已有文件）";

    public async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var force = args.Contains("--force");
        var unknown = args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--force");
        if (unknown is not null)
        {
            throw new CommandException($"未知选项 {unknown}。", CommandLine.Usage);
        }
        var positional = args.Where(a => a != "--force").ToList();
        if (positional.Count != 1)
        {
            throw new CommandException("用法: backup <文件> [--force]", CommandLine.Usage);
        }
        if (DatabaseSetup.ProviderFrom(app.Configuration) == DatabaseProvider.PostgreSql)
        {
            return await PostgreSqlBackup.BackupAsync(app, CheckTarget(Path.GetFullPath(positional[0]), force));
        }
        var database = SqliteDatabase.Of(app, "backup");
        if (!File.Exists(database.Path))
        {
            throw new CommandException($"数据库文件“{database.Path}”不存在，没有可备份的内容。");
        }
        var target = Path.GetFullPath(positional[0]);
        if (string.Equals(target, database.Path, StringComparison.Ordinal))
        {
            throw new CommandException("备份文件不能是数据库文件本身。");
        }
        CheckTarget(target, force);

        // VACUUM INTO reads one consistent snapshot (the portal may keep writing) into a fresh file;
        // written beside the target and renamed, so a half-written backup never carries the target's name.
        var partial = target + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var connection = new SqliteConnection(database.ReadOnly))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "VACUUM INTO $path";
                command.Parameters.AddWithValue("$path", partial);
                await command.ExecuteNonQueryAsync();
            }
            File.Move(partial, target, overwrite: true);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"备份失败：{ex.Message}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(partial);
        }
        Console.WriteLine($"已备份数据库到 {target}（{new FileInfo(target).Length / 1024.0:0} KB）。");
        Console.WriteLine(KeysNotInBackup(app));
        return CommandLine.Ok;
    }

    /// <summary>An existing file only with --force, and in a folder that exists.</summary>
    private static string CheckTarget(string target, bool force)
    {
        if (File.Exists(target) && !force)
        {
            throw new CommandException($"文件“{target}”已存在；如要覆盖，请加 --force。");
        }
        if (!Directory.Exists(Path.GetDirectoryName(target)))
        {
            throw new CommandException($"目录“{Path.GetDirectoryName(target)}”不存在。");
        }
        return target;
    }

    /// <summary>The reminder both commands print: a backup is useless without the key material, which it does not hold.</summary>
    internal static string KeysNotInBackup(WebApplication app)
    {
        var keys = app.Services.GetRequiredService<KeyMaterial>();
        var material = keys.Certificate is null ? $"密钥文件 {string.Join("、", keys.KeyFiles.Select(k => k.Path))}" : keys.Description;
        return $"注意：密钥目录 {keys.Directory}（{material}、审计密钥 {keys.AuditKeyPath}）不在备份中，须另行备份并与数据库备份分开保存；"
            + "没有它，备份中的身份证号等加密数据无法解密，审计日志也无法校验。";
    }
}

/// <summary>
/// <c>restore &lt;file&gt;</c>: checks a backup (SQLite integrity, a SanLing database, migration level, audit chain),
/// migrates it if it is older, and only then puts it in place of the configured database in one rename. The replaced
/// database is kept beside it (<c>….before-restore-yyyyMMddHHmmss</c>). Stop the portal first. PostgreSQL: pg_restore
/// --clean (see <see cref="PostgreSqlBackup"/>).
/// </summary>
public sealed class RestoreCommand : ICliCommand
{
    public string Name => "restore";

    public string Usage => "restore <文件>                              检查备份（完整性、迁移版本、审计日志链）后替换当前数据库（请先停止门户）";

    public async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length != 1 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new CommandException("用法: restore <文件>", CommandLine.Usage);
        }
        var isPostgreSql = DatabaseSetup.ProviderFrom(app.Configuration) == DatabaseProvider.PostgreSql;
        var database = isPostgreSql ? null : SqliteDatabase.Of(app, "restore");
        var source = Path.GetFullPath(args[0]);
        if (!File.Exists(source))
        {
            throw new CommandException($"备份文件“{source}”不存在。");
        }
        if (database is null)
        {
            return await PostgreSqlBackup.RestoreAsync(app, source);
        }
        if (string.Equals(source, database.Path, StringComparison.Ordinal))
        {
            throw new CommandException("备份文件就是当前数据库文件本身，无需还原。");
        }

        string[] known;
        using (var scope = app.Services.CreateScope())
        {
            known = scope.ServiceProvider.GetRequiredService<SanLingDbContext>().Database.GetMigrations().ToArray();
        }
        var applied = CheckBackup(source, known);
        var anchor = app.Services.GetRequiredService<AuditAnchor>();

        var stamp = DateTime.Now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var staging = database.Path + ".restoring-" + stamp;
        try
        {
            Copy(source, staging);
            var pending = known.Except(applied).ToList();
            var head = await PrepareStagingAsync(staging, pending.Count > 0, anchor);
            var kept = Replace(database.Path, staging, stamp);
            // A restore is a deliberate step back: the checkpoint follows the restored trail, or verify-audit would call
            // the lines after the backup "cut from the end".
            anchor.Reset(head);
            Console.WriteLine($"已从 {source} 还原数据库{(pending.Count > 0 ? $"（并升级了 {pending.Count} 个迁移）" : "")}。");
            if (kept is not null)
            {
                Console.WriteLine($"原数据库已保留为 {kept}。");
            }
            Console.WriteLine(head is null
                ? $"审计检查点（{anchor.CheckpointPath}）已清除：还原的数据库没有审计日志。"
                : $"审计检查点（{anchor.CheckpointPath}）已重置为还原后数据库的末条审计记录（第 {head.LastId} 条）：这是一次有意的回退，之后的记录不再视为缺失。");
            Console.WriteLine(BackupCommand.KeysNotInBackup(app));
            return CommandLine.Ok;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(staging);
            File.Delete(staging + "-wal");
            File.Delete(staging + "-shm");
        }
    }

    /// <summary>Refuses a damaged, foreign or newer file; returns the migrations it has.</summary>
    private static HashSet<string> CheckBackup(string source, string[] known)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            var integrity = Strings(connection, "PRAGMA integrity_check");
            if (integrity is not ["ok"])
            {
                throw new CommandException($"备份文件已损坏（SQLite 完整性检查未通过：{string.Join("；", integrity.Take(3))}），未还原。");
            }
            var tables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet(StringComparer.Ordinal);
            if (!new[] { HistoryRepository.DefaultTableName, "Towns", "AuditEntries", "AspNetUsers" }.All(tables.Contains))
            {
                throw new CommandException("该文件不是三零创建平台的数据库，未还原。");
            }
            var applied = Strings(connection, $"SELECT MigrationId FROM \"{HistoryRepository.DefaultTableName}\"").ToHashSet(StringComparer.Ordinal);
            var unknown = applied.Except(known).Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                throw new CommandException($"备份来自更新版本的程序（本程序不认识迁移 {string.Join("、", unknown)}），请用相同或更新版本的程序还原。");
            }
            if (applied.Count == 0)
            {
                throw new CommandException("该文件不是三零创建平台的数据库（没有迁移记录），未还原。");
            }
            return applied;
        }
        catch (SqliteException ex)
        {
            throw new CommandException($"备份文件无法读取，可能已损坏或不是 SQLite 数据库（{ex.Message}），未还原。");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>The backup copied page by page (SQLite's backup API) into the staging file beside the database.</summary>
    private static void Copy(string source, string staging)
    {
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = staging, Pooling = false }.ToString());
        from.Open();
        to.Open();
        from.BackupDatabase(to);
    }

    /// <summary>Migrates an older backup and verifies its audit chain (with the audit key), all on the staging copy; returns its head.</summary>
    private static async Task<AuditHead?> PrepareStagingAsync(string staging, bool migrate, AuditAnchor anchor)
    {
        var options = new DbContextOptionsBuilder<SqliteSanLingDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = staging, Pooling = false }.ToString())
            .Options;
        await using var db = new SqliteSanLingDbContext(options, new CurrentActor());
        if (migrate)
        {
            await db.Database.MigrateAsync();
        }
        var check = await AuditChain.CheckAsync(db, anchor, useCheckpoint: false);
        if (check.Problem == AuditProblem.MacMismatch)
        {
            throw new CommandException($"备份中的审计日志第 {check.BrokenAt} 条的校验码与本机的审计密钥不符（审计密钥不同，或备份被篡改），未还原。");
        }
        if (check.Problem is not null)
        {
            throw new CommandException($"备份中的审计日志在第 {check.BrokenAt} 条处断链（已被修改、删除或插入），未还原。");
        }
        var head = await AuditChain.HeadAsync(db);
        // One self-contained file (no -wal beside it) before it takes the database's name.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=DELETE;");
        return head;
    }

    /// <summary>Keeps a consistent copy of the current database, then renames the staging file over it (atomic).</summary>
    private static string? Replace(string databasePath, string staging, string stamp)
    {
        string? kept = null;
        SqliteConnection.ClearAllPools();
        if (File.Exists(databasePath))
        {
            kept = databasePath + ".before-restore-" + stamp;
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString()))
            {
                connection.Open();
                using var keep = connection.CreateCommand();
                keep.CommandText = "VACUUM INTO $path";
                keep.Parameters.AddWithValue("$path", kept);
                keep.ExecuteNonQuery();
                // Everything of the old database is in its main file now; its -wal and -shm must not meet the new one.
                using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                checkpoint.ExecuteNonQuery();
            }
            File.Delete(databasePath + "-wal");
            File.Delete(databasePath + "-shm");
        }
        File.Move(staging, databasePath, overwrite: true);
        return kept;
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}

/// <summary>The configured SQLite database file, or a refusal pointing SQL Server users to its own backup tools.</summary>
internal sealed record SqliteDatabase(string Path, string ReadOnly)
{
    public static SqliteDatabase Of(WebApplication app, string command)
    {
        if (DatabaseSetup.ProviderFrom(app.Configuration) != DatabaseProvider.Sqlite)
        {
            throw new CommandException(command == "backup"
                ? "使用 SQL Server 时请用 SQL Server 自己的备份：BACKUP DATABASE [SanLing] TO DISK = N'…\\SanLing.bak'（见 README“备份与还原”）。"
                : "使用 SQL Server 时请用 SQL Server 自己的还原：RESTORE DATABASE [SanLing] FROM DISK = N'…\\SanLing.bak'（见 README“备份与还原”）。");
        }
        using var scope = app.Services.CreateScope();
        var connectionString = scope.ServiceProvider.GetRequiredService<SanLingDbContext>().Database.GetConnectionString()!;
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = System.IO.Path.GetFullPath(builder.DataSource);
        return new SqliteDatabase(path, new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
    }
}
