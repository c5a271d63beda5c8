using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Security;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// A portal on a given database file with extra settings (key files) on top of the test ones. Several may follow one
/// another on the same files, so it leaves them behind: the test deletes its folder.
/// </summary>
public sealed class KeyedPortal : SanLingFactory
{
    private readonly (string Key, string Value)[] _settings;

    public KeyedPortal(string databasePath, params (string Key, string Value)[] settings)
        : base(demo: false, databasePath: databasePath)
    {
        _settings = settings;
        KeepFiles = true;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

internal static class KeyTestSupport
{
    /// <summary>A valid ID number that occurs nowhere else.</summary>
    public static string IdNumber(int sequence)
    {
        var first17 = $"330110198402{sequence % 28 + 1:00}{sequence % 1000:000}";
        return first17 + ChineseIdNumber.CheckDigit(first17);
    }

    /// <summary>A town with one village and one key person whose ID number is <paramref name="idNumber"/>; returns the person's id.</summary>
    public static async Task<int> TownWithKeyPersonAsync(SanLingFactory factory, string idNumber, string name = "测试人员")
    {
        _ = factory.Server;
        var id = factory.Services.GetRequiredService<IdNumberProtector>().Protect(idNumber);
        return await factory.WithDbAsync(async db =>
        {
            var town = new Town { Code = "KT", Name = "密钥镇" };
            db.Towns.Add(town);
            await db.SaveChangesAsync();
            db.Actor.ActAsSystem(town.Id, "test");
            var village = new Subject { Code = "CUN01", Name = "一村", Kind = SubjectKind.Village };
            db.Subjects.Add(village);
            await db.SaveChangesAsync();
            var person = new KeyPerson
            {
                Number = "ZD-K-1", Name = name, IdNumberCipher = id.Cipher, IdNumberHash = id.Hash, IdNumberMasked = id.Masked,
                Category = KeyPersonCategory.ReleasedPrisoner, SubjectId = village.Id, ListedOn = new DateOnly(2025, 3, 1),
            };
            db.KeyPersons.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });
    }

    /// <summary>Moves everything of the write-ahead log into the database file, so the file alone is what is searched.</summary>
    public static Task CheckpointAsync(SanLingFactory factory) =>
        factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);"));

    /// <summary>The files' raw bytes, searched for <paramref name="text"/> as UTF-8 and as UTF-16 (both byte orders).</summary>
    public static IReadOnlyList<string> FilesHolding(string text, params string[] files)
    {
        var needles = new[] { Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text), Encoding.BigEndianUnicode.GetBytes(text) };
        var found = new List<string>();
        foreach (var file in files.Where(File.Exists))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            if (needles.Any(n => bytes.AsSpan().IndexOf(n) >= 0))
            {
                found.Add(Path.GetFileName(file));
            }
        }
        return found;
    }

    public static string[] DatabaseFiles(string databasePath) => [databasePath, databasePath + "-wal"];
}
