using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using SanLing.Infrastructure.Security;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// The Data Protection key ring lives in the database encrypted with key material that does not: a copy of the database
/// file (or of its backup) shows neither an ID number nor a key in clear, and the portal refuses to start without that
/// material instead of falling back to clear keys.
/// </summary>
public sealed class KeyRingAtRestTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sanling-tests", $"keys-{Guid.NewGuid():N}");

    public KeyRingAtRestTests() => Directory.CreateDirectory(_folder);

    private string DatabasePath => Path.Combine(_folder, "sanling.db");

    private string KeyFile => Path.Combine(SanLingFactory.KeyDirectoryFor(DatabasePath), KeyMaterial.KeyFileName);

    [Fact]
    public async Task The_database_file_and_its_backup_hold_no_id_number_and_no_key_in_clear()
    {
        var idNumber = KeyTestSupport.IdNumber(701);
        using var portal = new KeyedPortal(DatabasePath);
        await KeyTestSupport.TownWithKeyPersonAsync(portal, idNumber);
        await KeyTestSupport.CheckpointAsync(portal);
        var backup = Path.Combine(_folder, "backup.db");

        var (code, output, error) = await new PortalProcess(DatabasePath).RunAsync("", "backup", backup);

        Assert.True(code == 0, error);
        Assert.Contains("不在备份中，须另行备份", output, StringComparison.Ordinal);
        Assert.True(File.Exists(KeyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        }
        var files = KeyTestSupport.DatabaseFiles(DatabasePath).Append(backup).ToArray();
        var keyFileText = (await File.ReadAllTextAsync(KeyFile)).Trim();
        var auditKeyText = (await File.ReadAllTextAsync(Path.Combine(portal.KeyDirectory, KeyMaterial.AuditKeyFileName))).Trim();
        var masterKeys = await MasterKeysAsync(portal);
        Assert.NotEmpty(masterKeys);
        foreach (var secret in new[] { idNumber, "<masterKey", "unencrypted form", keyFileText, auditKeyText }.Concat(masterKeys))
        {
            Assert.Empty(KeyTestSupport.FilesHolding(secret, files));
        }
        // ...and the portal itself still reads the number.
        var cipher = await portal.WithDbAsync(db => db.KeyPersons.Select(k => k.IdNumberCipher).SingleAsync());
        Assert.Equal(idNumber, portal.Services.GetRequiredService<IdNumberProtector>().Unprotect(cipher));
    }

    [Fact]
    public async Task A_configured_key_file_that_is_missing_stops_the_portal_from_starting()
    {
        var missing = Path.Combine(_folder, "nowhere", "keyring.key");

        var (code, _, error) = await new PortalProcess(DatabasePath).RunAsync("", $"--DataProtection:KeyFile={missing}", "--urls=http://127.0.0.1:0");

        Assert.Equal(1, code);
        Assert.Contains("拒绝启动", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath) && PortalProcess.RowCounts(DatabasePath).GetValueOrDefault("DataProtectionKeys") > 0);
    }

    [Fact]
    public async Task A_key_ring_whose_key_file_is_gone_is_refused_rather_than_replaced()
    {
        using var portal = new KeyedPortal(DatabasePath);
        await KeyTestSupport.TownWithKeyPersonAsync(portal, KeyTestSupport.IdNumber(702));
        File.Move(KeyFile, KeyFile + ".away");

        var (code, output, error) = await new PortalProcess(DatabasePath).RunAsync("", "--urls=http://127.0.0.1:0");

        Assert.Equal(1, code);
        Assert.Contains("无法用配置的密钥材料", output + error, StringComparison.Ordinal);
        Assert.False(File.Exists(KeyFile), "a key file made by the refused start must not stay behind");
    }

    [Fact]
    public async Task A_key_ring_stored_in_clear_is_encrypted_in_place_and_what_it_protected_still_decrypts()
    {
        var idNumber = KeyTestSupport.IdNumber(703);
        using var before = new KeyedPortal(DatabasePath);
        await KeyTestSupport.TownWithKeyPersonAsync(before, idNumber);
        // The database as an older version left it: every key in clear, with Data Protection's own warning comment.
        await before.WithDbAsync(async db =>
        {
            var decryptor = new KeyFileXmlDecryptor(before.Services.GetRequiredService<KeyMaterial>());
            foreach (var row in await db.DataProtectionKeys.ToListAsync())
            {
                var xml = XElement.Parse(row.Xml!);
                foreach (var secret in xml.Descendants(XName.Get("encryptedSecret", "http://schemas.asp.net/2015/03/dataProtection")).ToList())
                {
                    secret.ReplaceWith(decryptor.Decrypt(secret.Elements().Single()));
                }
                row.Xml = xml.ToString(SaveOptions.DisableFormatting);
            }
            await db.SaveChangesAsync();
        });
        await KeyTestSupport.CheckpointAsync(before);
        Assert.NotEmpty(KeyTestSupport.FilesHolding("unencrypted form", DatabasePath));
        var person = await before.WithDbAsync(db => db.KeyPersons.Select(k => new { k.IdNumberCipher, k.IdNumberHash }).SingleAsync());

        using var after = new KeyedPortal(DatabasePath);
        _ = after.Server;
        await KeyTestSupport.CheckpointAsync(after);

        var rows = await after.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.All(rows, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));
        Assert.All(rows, xml => Assert.Contains("sanlingEncryptedSecret", xml, StringComparison.Ordinal));
        Assert.Empty(KeyTestSupport.FilesHolding("unencrypted form", KeyTestSupport.DatabaseFiles(DatabasePath)));
        var protector = after.Services.GetRequiredService<IdNumberProtector>();
        Assert.Equal(idNumber, protector.Unprotect(person.IdNumberCipher));
        Assert.Equal(person.IdNumberHash, protector.Hash(idNumber));
    }

    [Fact]
    public async Task Id_numbers_and_their_hash_survive_a_new_data_protection_key_and_a_new_key_file()
    {
        var idNumber = KeyTestSupport.IdNumber(704);
        using var first = new KeyedPortal(DatabasePath);
        await KeyTestSupport.TownWithKeyPersonAsync(first, idNumber);
        var old = await first.WithDbAsync(db => db.KeyPersons.Select(k => new { k.IdNumberCipher, k.IdNumberHash }).SingleAsync());

        // 1. Data Protection's own rotation: a new default key; the old one stays in the ring.
        var keyManager = first.Services.GetRequiredService<IKeyManager>();
        keyManager.CreateNewKey(DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow.AddDays(90));
        var protector = first.Services.GetRequiredService<IdNumberProtector>();
        var fresh = protector.Protect(idNumber);
        Assert.Equal(idNumber, protector.Unprotect(old.IdNumberCipher));
        Assert.Equal(old.IdNumberHash, fresh.Hash);

        // 2. A new key file: the old one is kept as a previous key file for one start, which re-encrypts the ring.
        var retired = Path.Combine(_folder, "keyring-2025.key");
        File.Move(KeyFile, retired);
        using (var rotated = new KeyedPortal(DatabasePath, ("DataProtection:PreviousKeyFiles:0", retired)))
        {
            _ = rotated.Server;
            var newKey = rotated.Services.GetRequiredService<KeyMaterial>().CurrentKeyFile!;
            Assert.NotEqual(KeyMaterial.ReadKeyFile(retired, "old").Id, newKey.Id);
            var rows = await rotated.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            Assert.All(rows, xml => Assert.Contains($"keyId=\"{newKey.Id}\"", xml, StringComparison.Ordinal));
        }

        // 3. Without the old file at all, everything still decrypts.
        File.Delete(retired);
        using var later = new KeyedPortal(DatabasePath);
        var latest = later.Services.GetRequiredService<IdNumberProtector>();
        Assert.Equal(idNumber, latest.Unprotect(old.IdNumberCipher));
        Assert.Equal(idNumber, latest.Unprotect(fresh.Cipher));
        Assert.Equal(old.IdNumberHash, latest.Hash(idNumber));
        var found = await later.WithDbAsync(db => db.KeyPersons.CountAsync(k => k.IdNumberHash == latest.Hash(idNumber)));
        Assert.Equal(1, found);
    }

    [Fact]
    public async Task A_certificate_file_can_protect_the_key_ring_and_a_wrong_password_stops_the_start()
    {
        var pfx = Path.Combine(_folder, "sanling.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=SanLing key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-pass-1"));
        }
        (string, string)[] withCertificate = [("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", "pfx-pass-1")];
        var idNumber = KeyTestSupport.IdNumber(705);
        using (var first = new KeyedPortal(DatabasePath, withCertificate))
        {
            await KeyTestSupport.TownWithKeyPersonAsync(first, idNumber);
            var rows = await first.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            Assert.NotEmpty(rows);
            Assert.All(rows, xml => Assert.Contains("EncryptedData", xml, StringComparison.Ordinal));
            Assert.All(rows, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));
            Assert.False(File.Exists(KeyFile), "with a certificate no key file is made");
        }

        var refused = await new PortalProcess(DatabasePath).RunAsync("", $"--DataProtection:CertificatePath={pfx}", "--DataProtection:CertificatePassword=wrong", "--urls=http://127.0.0.1:0");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("无法读取", refused.Error, StringComparison.Ordinal);

        using var again = new KeyedPortal(DatabasePath, withCertificate);
        var cipher = await again.WithDbAsync(db => db.KeyPersons.Select(k => k.IdNumberCipher).SingleAsync());
        Assert.Equal(idNumber, again.Services.GetRequiredService<IdNumberProtector>().Unprotect(cipher));
    }

    /// <summary>The master keys of the ring as the portal holds them in memory (base64), to look for in the files.</summary>
    private static async Task<List<string>> MasterKeysAsync(KeyedPortal portal) => await portal.WithDbAsync(async db =>
    {
        var decryptor = new KeyFileXmlDecryptor(portal.Services.GetRequiredService<KeyMaterial>());
        var keys = new List<string>();
        foreach (var xml in await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync())
        {
            foreach (var secret in XElement.Parse(xml).Descendants(XName.Get("encryptedSecret", "http://schemas.asp.net/2015/03/dataProtection")))
            {
                var value = decryptor.Decrypt(secret.Elements().Single()).Descendants().Single(e => e.Name.LocalName == "value").Value;
                keys.Add(value);
            }
        }
        return keys;
    });

    public void Dispose() => PortalProcess.DeleteFolder(_folder);
}
