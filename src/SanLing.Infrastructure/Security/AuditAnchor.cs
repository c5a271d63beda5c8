using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SanLing.Infrastructure.Security;

/// <summary>The audit chain's last committed line, as recorded outside the database.</summary>
public sealed record AuditHead(
    [property: JsonPropertyName("lastId")] long LastId,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("mac")] string? Mac,
    [property: JsonPropertyName("count")] long Count);

/// <summary>
/// Anchors the audit chain outside the database, so that rewriting the table is not enough to hide a change:
/// each line carries an HMAC of its hash under the audit key (kept in the key folder, not in the database), and the
/// head checkpoint <c>audit-head.json</c> beside it records the last committed line, so lines cut from the end show.
/// </summary>
public sealed class AuditAnchor(KeyMaterial keys)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>In this process, one writer of a checkpoint file at a time; other processes are held off by a lock file.</summary>
    private static readonly Lock Gate = new();

    public string CheckpointPath => keys.AuditHeadPath;

    public string Mac(string hash) =>
        Convert.ToHexString(HMACSHA256.HashData(keys.AuditKey, Encoding.UTF8.GetBytes(hash)));

    public bool MacMatches(string hash, string? mac) =>
        mac is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(hash)), Encoding.ASCII.GetBytes(mac));

    /// <summary>The recorded head, or null when there is none (or it cannot be read).</summary>
    public AuditHead? ReadHead()
    {
        try
        {
            return File.Exists(CheckpointPath) ? JsonSerializer.Deserialize<AuditHead>(File.ReadAllText(CheckpointPath)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Records a committed head. Appends commit in chain order but may reach this point out of order (two processes), so
    /// the checkpoint only moves forward.
    /// </summary>
    public void Advance(AuditHead head) => Write(head, onlyForward: true);

    /// <summary>Sets the checkpoint to <paramref name="head"/> even if it is behind (a deliberate restore); null removes it.</summary>
    public void Reset(AuditHead? head)
    {
        if (head is null)
        {
            lock (Gate)
            {
                using var fileLock = LockFile();
                File.Delete(CheckpointPath);
            }
            return;
        }
        Write(head, onlyForward: false);
    }

    private void Write(AuditHead head, bool onlyForward)
    {
        lock (Gate)
        {
            using var fileLock = LockFile();
            if (onlyForward && ReadHead() is { } recorded && recorded.LastId >= head.LastId)
            {
                return;
            }
            // Written beside and renamed over: a reader sees the old checkpoint or the new one, never half of one.
            var temp = CheckpointPath + ".new-" + Guid.NewGuid().ToString("N");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(temp, options))
            {
                JsonSerializer.Serialize(stream, head, Json);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, CheckpointPath, overwrite: true);
        }
    }

    /// <summary>An exclusive lock on <c>audit-head.json.lock</c>, waited for briefly: it orders writers of other processes.</summary>
    private FileStream LockFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CheckpointPath)!);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(CheckpointPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 500)
            {
                Thread.Sleep(10);
            }
        }
    }
}
