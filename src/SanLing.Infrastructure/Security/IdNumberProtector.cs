using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using SanLing.Domain.KeyPopulations;
using Microsoft.Extensions.DependencyInjection;

namespace SanLing.Infrastructure.Security;

/// <summary>The stored forms of an ID number: never the number itself.</summary>
public sealed record ProtectedIdNumber(string Cipher, string Hash, string Masked);

/// <summary>
/// Encrypts ID numbers with ASP.NET Core Data Protection (keys kept in the database) and hashes them with a
/// keyed HMAC for look-up, so a copied database file shows no ID number in clear text.
/// </summary>
public sealed class IdNumberProtector
{
    private const string HashKeySetting = "IdNumberHashKey";
    private readonly IDataProtector _protector;
    private readonly IDataProtector _settingProtector;
    private readonly DatabaseSecretStore _keyStore;
    private byte[]? _hashKey;
    private readonly Lock _gate = new();

    public IdNumberProtector(IDataProtectionProvider provider, DatabaseSecretStore keyStore)
    {
        _protector = provider.CreateProtector("SanLing.KeyPerson.IdNumber.v1");
        _settingProtector = provider.CreateProtector("SanLing.SystemSetting.v1");
        _keyStore = keyStore;
    }

    public ProtectedIdNumber Protect(string idNumber)
    {
        var id = ChineseIdNumber.Normalize(idNumber) ?? throw new ArgumentException("身份证号不能为空", nameof(idNumber));
        return new ProtectedIdNumber(_protector.Protect(id), Hash(id), ChineseIdNumber.Mask(id));
    }

    public string Unprotect(string cipher) => _protector.Unprotect(cipher);

    public string Hash(string idNumber)
    {
        var id = ChineseIdNumber.Normalize(idNumber) ?? "";
        return Convert.ToHexString(HMACSHA256.HashData(HashKey(), Encoding.UTF8.GetBytes(id)));
    }

    private byte[] HashKey()
    {
        lock (_gate)
        {
            return _hashKey ??= _keyStore.LoadOrCreate(HashKeySetting, _settingProtector);
        }
    }
}

/// <summary>Deployment secrets kept in the database, protected with Data Protection; created on first use.</summary>
public sealed class DatabaseSecretStore(IServiceScopeFactory scopes)
{
    public byte[] LoadOrCreate(string key, IDataProtector protector)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        var stored = db.SystemSettings.AsNoTracking().FirstOrDefault(s => s.Key == key);
        if (stored is not null)
        {
            return Convert.FromBase64String(protector.Unprotect(stored.Value));
        }
        var fresh = RandomNumberGenerator.GetBytes(32);
        db.SystemSettings.Add(new SystemSetting { Key = key, Value = protector.Protect(Convert.ToBase64String(fresh)) });
        db.SaveChanges();
        return fresh;
    }
}
