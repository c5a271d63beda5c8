using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace SanLing.Infrastructure.Security;

/// <summary>
/// Encrypts each Data Protection key, before it is stored in the database, with the key file (AES-256-GCM). The stored
/// element names the key file's id, so several key files (the current one and <c>PreviousKeyFiles</c>) can decrypt.
/// </summary>
public sealed class KeyFileXmlEncryptor(KeyMaterial keys) : IXmlEncryptor
{
    internal static readonly XName ElementName = "sanlingEncryptedSecret";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var key = keys.CurrentKeyFile ?? throw new InvalidOperationException("No key file is configured.");
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var sealedBytes = new byte[nonce.Length + plain.Length + AesGcm.TagByteSizes.MaxSize];
        nonce.CopyTo(sealedBytes, 0);
        using (var aes = new AesGcm(key.Key, AesGcm.TagByteSizes.MaxSize))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(nonce.Length, plain.Length), sealedBytes.AsSpan(nonce.Length + plain.Length), AssociatedData(key.Id));
        }
        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement(ElementName,
            new XAttribute("keyId", key.Id),
            new XAttribute("algorithm", "AES-256-GCM"),
            new XComment(" Encrypted with SanLing's key file (DataProtection:KeyFile), which is kept outside the database. "),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(KeyFileXmlDecryptor));
    }

    internal static byte[] AssociatedData(string keyId) => Encoding.UTF8.GetBytes("SanLing.KeyRing.v1|" + keyId);
}

/// <summary>Decrypts what <see cref="KeyFileXmlEncryptor"/> wrote, with whichever configured key file it names.</summary>
public sealed class KeyFileXmlDecryptor : IXmlDecryptor
{
    private readonly KeyMaterial _keys;

    /// <summary>Data Protection creates decryptors by type name, with the application's services.</summary>
    public KeyFileXmlDecryptor(IServiceProvider services) : this(services.GetRequiredService<KeyMaterial>())
    {
    }

    public KeyFileXmlDecryptor(KeyMaterial keys) => _keys = keys;

    public XElement Decrypt(XElement encryptedElement)
    {
        var keyId = (string?)encryptedElement.Attribute("keyId") ?? "";
        var key = _keys.KeyFileById(keyId) ?? throw new CryptographicException(
            $"密钥环中的密钥由编号为 {keyId} 的密钥文件加密，但配置中没有该文件（DataProtection:KeyFile 或 DataProtection:PreviousKeyFiles）。");
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        if (sealedBytes.Length < nonceSize + tagSize)
        {
            throw new CryptographicException("密钥环中的加密密钥已损坏。");
        }
        var plain = new byte[sealedBytes.Length - nonceSize - tagSize];
        using (var aes = new AesGcm(key.Key, tagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, nonceSize), sealedBytes.AsSpan(nonceSize, plain.Length), sealedBytes.AsSpan(nonceSize + plain.Length), plain, KeyFileXmlEncryptor.AssociatedData(key.Id));
        }
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
