using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SanLing.Infrastructure.Data;

namespace SanLing.Infrastructure.Security;

/// <summary>
/// At start-up, before anything reads the key ring: every key in the database must decrypt with the configured key
/// material (otherwise the portal refuses to start), and keys still in clear (a database from before the key ring was
/// encrypted) or under a retired key file or certificate are re-encrypted in place with the current one, so what they
/// protect (ID numbers, the keyed hash's key) keeps decrypting. Also makes sure the audit key matches the trail.
/// </summary>
public static class KeyRingGuard
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    public static async Task PrepareAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken = default)
    {
        var keys = services.GetRequiredService<KeyMaterial>();
        try
        {
            await CheckAndUpgradeAsync(services, keys, logger, cancellationToken);
            await CheckAuditKeyAsync(services, keys, logger, cancellationToken);
        }
        catch (KeyMaterialException)
        {
            // Files made by this start hold nothing yet; removed, so the next start refuses the same way instead of
            // quietly using a key that does not fit the database.
            foreach (var created in keys.Created)
            {
                File.Delete(created);
            }
            throw;
        }
        foreach (var created in keys.Created)
        {
            logger.LogWarning("已创建密钥文件 {Path}（仅本用户可读）。它不在数据库中，也不在数据库备份中：请立即另行备份。", created);
        }
        foreach (var warning in keys.Warnings)
        {
            logger.LogWarning("{Warning}", warning);
        }
        // A key exists from now on, so the first protection of a request never has to create one inside a save.
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SanLing.KeyRing.Check").Protect([1]);
        logger.LogInformation("密钥环以{Material}加密保存。", keys.Description);
    }

    private static async Task CheckAndUpgradeAsync(IServiceProvider services, KeyMaterial keys, ILogger logger, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        var encryptor = scope.ServiceProvider.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor
            ?? throw new KeyMaterialException("没有配置密钥环的加密方式。");
        var rows = await db.DataProtectionKeys.ToListAsync(cancellationToken);
        var upgraded = 0;
        foreach (var row in rows.Where(r => !string.IsNullOrEmpty(r.Xml)))
        {
            var xml = XElement.Parse(row.Xml!);
            var toEncrypt = new List<XElement>();
            foreach (var secret in xml.Descendants(DataProtection + "encryptedSecret").ToList())
            {
                var decryptorType = (string?)secret.Attribute("decryptorType") ?? "";
                var encrypted = secret.Elements().FirstOrDefault()
                    ?? throw new KeyMaterialException($"数据库中的密钥环条目 {row.FriendlyName} 已损坏。");
                XElement plain;
                try
                {
                    plain = Decrypt(decryptorType, encrypted, scope.ServiceProvider, keys);
                }
                catch (Exception ex) when (ex is not KeyMaterialException and not OperationCanceledException)
                {
                    throw new KeyMaterialException(
                        $"数据库中的密钥环（密钥 {row.FriendlyName}）无法用配置的密钥材料（{keys.Description}）解密：{ex.Message} "
                        + "门户拒绝启动，以免身份证号等加密数据无法解密。请恢复原来的密钥文件或证书（轮换时把旧密钥文件列入 DataProtection:PreviousKeyFiles）。", ex);
                }
                if (!IsCurrent(decryptorType, encrypted, keys))
                {
                    secret.ReplaceWith(plain);
                    toEncrypt.Add(plain);
                }
            }
            toEncrypt.AddRange(xml.Descendants().Where(e => (bool?)e.Attribute(DataProtection + "requiresEncryption") == true && !toEncrypt.Contains(e)));
            if (toEncrypt.Count == 0)
            {
                continue;
            }
            foreach (var element in toEncrypt)
            {
                var info = encryptor.Encrypt(element);
                element.ReplaceWith(new XElement(DataProtection + "encryptedSecret",
                    new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!),
                    info.EncryptedElement));
            }
            row.Xml = xml.ToString(SaveOptions.DisableFormatting);
            upgraded++;
        }
        if (upgraded > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("数据库中的 {Count} 个密钥环条目原为明文或由旧密钥加密，已用{Material}重新加密（原有加密数据照常可解密）。", upgraded, keys.Description);
        }
    }

    private static XElement Decrypt(string decryptorType, XElement encrypted, IServiceProvider services, KeyMaterial keys)
    {
        if (IsKeyFileDecryptor(decryptorType))
        {
            return new KeyFileXmlDecryptor(keys).Decrypt(encrypted);
        }
        var type = Type.GetType(decryptorType, throwOnError: false);
        if (type is null || !typeof(IXmlDecryptor).IsAssignableFrom(type))
        {
            throw new CryptographicException($"不认识的解密方式 {decryptorType}。");
        }
        var decryptor = (IXmlDecryptor)(type.GetConstructor([typeof(IServiceProvider)]) is not null
            ? Activator.CreateInstance(type, services)!
            : Activator.CreateInstance(type)!);
        return decryptor.Decrypt(encrypted);
    }

    private static bool IsKeyFileDecryptor(string decryptorType) =>
        decryptorType.StartsWith(typeof(KeyFileXmlDecryptor).FullName + ",", StringComparison.Ordinal);

    /// <summary>Encrypted with what new keys are encrypted with now (the current key file, or the current certificate).</summary>
    private static bool IsCurrent(string decryptorType, XElement encrypted, KeyMaterial keys)
    {
        if (keys.Certificate is { } certificate)
        {
            var embedded = encrypted.Descendants().FirstOrDefault(e => e.Name.LocalName == "X509Certificate")?.Value;
            return !IsKeyFileDecryptor(decryptorType) && embedded is not null
                && Convert.FromBase64String(embedded.Trim()).AsSpan().SequenceEqual(certificate.RawData);
        }
        return IsKeyFileDecryptor(decryptorType) && (string?)encrypted.Attribute("keyId") == keys.CurrentKeyFile!.Id;
    }

    /// <summary>
    /// A fresh audit key beside a trail already sealed with another one would make every line look re-hashed: refused,
    /// as a missing key. The head checkpoint, when missing, is set to the trail's head (and said so).
    /// </summary>
    private static async Task CheckAuditKeyAsync(IServiceProvider services, KeyMaterial keys, ILogger logger, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        if (keys.Created.Contains(keys.AuditKeyPath) && await db.AuditEntries.AnyAsync(a => a.Mac != null, cancellationToken))
        {
            throw new KeyMaterialException(
                $"审计密钥文件“{keys.AuditKeyPath}”不存在，但数据库中的审计日志已用审计密钥加了校验码：请从备份中恢复该文件（或用 DataProtection:AuditKeyFile 指向它）。门户拒绝启动。");
        }
        var anchor = new AuditAnchor(keys);
        if (anchor.ReadHead() is null && await AuditChain.HeadAsync(db, cancellationToken) is { } head)
        {
            anchor.Reset(head);
            if (head.Mac is not null)
            {
                logger.LogWarning("审计检查点文件 {Path} 不存在，已按数据库中审计日志的末条（第 {Id} 条）重新建立。", anchor.CheckpointPath, head.LastId);
            }
        }
    }
}
