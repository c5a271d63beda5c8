using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace SanLing.Infrastructure.Security;

/// <summary>Configured key material is missing or unreadable: the portal refuses to start rather than keep keys in clear.</summary>
public sealed class KeyMaterialException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One 256-bit key from a key file; <see cref="Id"/> names it in what it encrypted, without revealing it.</summary>
public sealed record KeyFileKey(string Id, byte[] Key, string Path);

/// <summary>
/// The secrets that do not live in the database (section <c>DataProtection</c>): what encrypts the Data Protection key
/// ring (a certificate from <c>CertificatePath</c> or the store by <c>CertificateThumbprint</c>, otherwise the key file
/// <c>KeyFile</c>, default <c>keys/keyring.key</c> beside the database), the audit key that anchors the audit chain
/// (<c>AuditKeyFile</c>, default <c>keys/audit.key</c>) and the audit head checkpoint. Default files are created on first
/// start (owner-only); a file or certificate that is configured must exist and be readable.
/// </summary>
public sealed class KeyMaterial
{
    public const string Section = "DataProtection";
    public const string KeyFileName = "keyring.key";
    public const string AuditKeyFileName = "audit.key";
    public const string AuditHeadFileName = "audit-head.json";

    private KeyMaterial(string directory)
    {
        Directory = directory;
        AuditHeadPath = System.IO.Path.Combine(directory, AuditHeadFileName);
    }

    /// <summary>The folder of the default files (and of the audit head checkpoint).</summary>
    public string Directory { get; }

    /// <summary>Set when the key ring is protected with a certificate; then <see cref="CurrentKeyFile"/> is null.</summary>
    public X509Certificate2? Certificate { get; private set; }

    public IReadOnlyList<X509Certificate2> PreviousCertificates { get; private set; } = [];

    /// <summary>The key file new key-ring entries are encrypted with (key-file mode).</summary>
    public KeyFileKey? CurrentKeyFile { get; private set; }

    /// <summary>Every key file that may decrypt: the current one first, then <c>PreviousKeyFiles</c> (rotation).</summary>
    public IReadOnlyList<KeyFileKey> KeyFiles { get; private set; } = [];

    /// <summary>The key of the audit chain's MAC.</summary>
    public byte[] AuditKey { get; private set; } = [];

    public string AuditKeyPath { get; private set; } = "";

    public string AuditHeadPath { get; }

    /// <summary>Files this process created (first start), for the start-up log.</summary>
    public IReadOnlyList<string> Created => _created;

    /// <summary>Things the start-up log should mention (e.g. a key file others can read).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    private readonly List<string> _created = [];
    private readonly List<string> _warnings = [];

    /// <summary>What protects the key ring, in words for the log.</summary>
    public string Description => Certificate is { } c
        ? $"证书 {c.Subject}（指纹 {c.Thumbprint}）"
        : $"密钥文件 {CurrentKeyFile!.Path}（密钥编号 {CurrentKeyFile.Id}）";

    public KeyFileKey? KeyFileById(string id) => KeyFiles.FirstOrDefault(k => k.Id == id);

    /// <summary>
    /// Reads (or, for defaults, creates) the key material. <paramref name="defaultDirectory"/> is the <c>keys</c> folder
    /// beside the database; relative configured paths are taken from <paramref name="contentRoot"/>.
    /// </summary>
    public static KeyMaterial Load(IConfiguration configuration, string contentRoot, string defaultDirectory)
    {
        var section = configuration.GetSection(Section);
        string Full(string path) => System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(contentRoot, path));
        string? Setting(string key) => string.IsNullOrWhiteSpace(section[key]) ? null : section[key]!.Trim();

        var directory = Setting("KeyDirectory") is { } d ? Full(d) : System.IO.Path.GetFullPath(defaultDirectory);
        var keys = new KeyMaterial(directory);

        if (Setting("CertificatePath") is { } certificatePath)
        {
            keys.Certificate = LoadCertificateFile(Full(certificatePath), Setting("CertificatePassword"), "DataProtection:CertificatePath");
        }
        else if (Setting("CertificateThumbprint") is { } thumbprint)
        {
            keys.Certificate = FindInStore(thumbprint);
        }
        var previous = section.GetSection("PreviousKeyFiles").GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => ReadKeyFile(Full(c.Value!), $"DataProtection:PreviousKeyFiles:{c.Key}", keys._warnings))
            .ToList();
        if (keys.Certificate is not null)
        {
            keys.PreviousCertificates = section.GetSection("PreviousCertificates").GetChildren()
                .Where(c => !string.IsNullOrWhiteSpace(c["Path"]))
                .Select(c => LoadCertificateFile(Full(c["Path"]!), c["Password"], $"DataProtection:PreviousCertificates:{c.Key}:Path"))
                .ToList();
            // Moving from the key file to a certificate: the old key file, listed as previous, decrypts until re-encrypted.
            keys.KeyFiles = previous;
        }
        else
        {
            var configured = Setting("KeyFile");
            var current = configured is null
                ? keys.ReadOrCreate(System.IO.Path.Combine(directory, KeyFileName), "密钥文件")
                : ReadKeyFile(Full(configured), "DataProtection:KeyFile", keys._warnings);
            keys.CurrentKeyFile = current;
            keys.KeyFiles = [current, .. previous.Where(p => p.Id != current.Id)];
        }

        var auditConfigured = Setting("AuditKeyFile");
        var audit = auditConfigured is null
            ? keys.ReadOrCreate(System.IO.Path.Combine(directory, AuditKeyFileName), "审计密钥文件")
            : ReadKeyFile(Full(auditConfigured), "DataProtection:AuditKeyFile", keys._warnings);
        keys.AuditKey = audit.Key;
        keys.AuditKeyPath = audit.Path;
        return keys;
    }

    /// <summary>A default file: read when present, otherwise created with a fresh random key, readable by its owner only.</summary>
    private KeyFileKey ReadOrCreate(string path, string what)
    {
        if (File.Exists(path))
        {
            return ReadKeyFile(path, what, _warnings);
        }
        try
        {
            CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var key = RandomNumberGenerator.GetBytes(32);
            // Written under a temporary name and moved into place: a second process starting at the same moment
            // never reads half a key, and whichever file lands first is the one both use.
            var temp = path + ".new-" + Guid.NewGuid().ToString("N");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp);
                return ReadKeyFile(path, what, _warnings);
            }
            _created.Add(path);
            return new KeyFileKey(IdOf(key), key, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyMaterialException($"无法创建{what}“{path}”：{ex.Message}", ex);
        }
    }

    private static void CreateDirectory(string directory)
    {
        if (System.IO.Directory.Exists(directory))
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public static KeyFileKey ReadKeyFile(string path, string what, List<string>? warnings = null)
    {
        if (!File.Exists(path))
        {
            throw new KeyMaterialException($"{what} 配置的密钥文件“{path}”不存在：门户不会在没有它的情况下启动（也不会退回到数据库中的明文密钥）。请从备份中恢复该文件，或更正配置。");
        }
        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyMaterialException($"{what}“{path}”无法读取：{ex.Message}", ex);
        }
        catch (FormatException ex)
        {
            throw new KeyMaterialException($"{what}“{path}”内容无效（应为 Base64 编码的 256 位密钥）。", ex);
        }
        if (key.Length != 32)
        {
            throw new KeyMaterialException($"{what}“{path}”内容无效（应为 256 位密钥，实为 {key.Length * 8} 位）。");
        }
        if (!OperatingSystem.IsWindows() && warnings is not null
            && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            warnings.Add($"{what}“{path}”可被其他用户读取，请执行 chmod 600。");
        }
        return new KeyFileKey(IdOf(key), key, path);
    }

    /// <summary>A short name for a key, derived from it one-way: it says which file decrypts what, not the key.</summary>
    public static string IdOf(byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, "SanLing key id"u8))[..16];

    private static X509Certificate2 LoadCertificateFile(string path, string? password, string setting)
    {
        if (!File.Exists(path))
        {
            throw new KeyMaterialException($"{setting} 配置的证书文件“{path}”不存在：门户不会在没有它的情况下启动（也不会退回到数据库中的明文密钥）。");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.Exportable);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new KeyMaterialException($"{setting} 配置的证书“{path}”无法读取（文件损坏、无权读取或密码 DataProtection:CertificatePassword 不对）：{ex.Message}", ex);
        }
        return Usable(certificate, path);
    }

    private static X509Certificate2 FindInStore(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            try
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly);
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", "", StringComparison.Ordinal), validOnly: false);
                if (found.Count > 0)
                {
                    return Usable(found[0], $"{location}/My/{thumbprint}");
                }
            }
            catch (CryptographicException)
            {
                // a store that cannot be opened on this machine: try the next one
            }
        }
        throw new KeyMaterialException($"DataProtection:CertificateThumbprint 配置的证书（指纹 {thumbprint}）在证书存储（当前用户或本机的“个人”存储）中找不到：门户不会在没有它的情况下启动。");
    }

    private static X509Certificate2 Usable(X509Certificate2 certificate, string where)
    {
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            throw new KeyMaterialException($"证书“{where}”没有可用的 RSA 私钥，无法解密密钥环。");
        }
        return certificate;
    }
}
