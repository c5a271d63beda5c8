using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using SanLing.Domain.Common;

namespace SanLing.Web.Features.Shared;

/// <summary>
/// The view models of the heavy read pages (dashboards, completeness matrix, early warning, results), kept in memory
/// by the data version (<see cref="DataVersion.DataVersionAsync"/>): a request reads the version (one indexed query)
/// and is answered from memory while nothing was written since; any committed change, by the portal or by a command
/// beside it, moves the version on and the next request builds the page again. One entry per town, page, parameters,
/// day and UI culture, holding the version it was built at; entries unused for a while are dropped.
/// </summary>
public sealed class PageCache(TimeProvider clock) : IDisposable
{
    /// <summary>Entries kept at most (each is one page's view model); the least recently used go first.</summary>
    public const int MaxEntries = 500;

    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    private sealed record Entry(long Version, object? Value);

    /// <summary>
    /// The page's view model at the current data version: from memory, or built by <paramref name="build"/> and kept.
    /// The version is read before the data, so a change committed while building makes the next request build again.
    /// <paramref name="parameters"/> must name everything the model depends on besides the town, the day and the culture
    /// (filters, page number, what the user's role or scope lets them see).
    /// </summary>
    public async Task<T> GetAsync<T>(SanLingDbContext db, string page, string parameters, Func<Task<T>> build, CancellationToken ct)
        where T : class?
    {
        var version = await db.DataVersionAsync(ct);
        var key = string.Join('|', db.CurrentTownId?.ToString(CultureInfo.InvariantCulture) ?? "-", page, parameters,
            clock.Today().DayNumber.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentUICulture.Name);
        if (_cache.TryGetValue(key, out Entry? entry) && entry is not null && entry.Version == version)
        {
            return (T)entry.Value!;
        }
        var value = await build();
        _cache.Set(key, new Entry(version, value), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Unused });
        return value;
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>The request's access to <see cref="PageCache"/>, on the request's database context (so its town).</summary>
public sealed class PageCacheService(PageCache cache, SanLingDbContext db)
{
    /// <summary>The page's view model at the current data version (see <see cref="PageCache"/>).</summary>
    public Task<T> GetAsync<T>(string page, string parameters, Func<Task<T>> build, CancellationToken ct) where T : class? =>
        cache.GetAsync(db, page, parameters, build, ct);
}
