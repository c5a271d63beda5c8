using System.Security.Cryptography;
using System.Text;
using SanLing.Infrastructure.Seed;

namespace SanLing.Web.Setup;

/// <summary>
/// The one-time setup page's lock. On a start with an empty database (no town, no account) it opens with a random
/// token that only the start-up log shows (whoever can read the server's log may set the town up, as with
/// Jenkins' initial admin password). It closes for good as soon as the database holds a town or an account.
/// </summary>
public sealed class SetupGate
{
    private const string TokenAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private volatile string? _token;

    /// <summary>Serialises setups within this process; the database transaction guards against other processes.</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>The token the start-up log printed, or null once the portal has a town or an account.</summary>
    public string? Token => _token;

    public bool IsOpen => _token is not null;

    public async Task OpenIfEmptyAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        if (!await TownFounding.IsEmptyAsync(db, cancellationToken))
        {
            if (!await db.Users.AnyAsync(cancellationToken))
            {
                logger.LogWarning("数据库中还没有任何账号：请用命令 create-user <用户名> admin 创建系统管理员。");
            }
            return;
        }
        _token = RandomNumberGenerator.GetString(TokenAlphabet, 24);
        logger.LogWarning("数据库为空：请在浏览器中打开 /Setup 设置乡镇和第一个系统管理员。一次性设置令牌：{SetupToken}", _token);
        logger.LogWarning("Empty database: open /Setup in a browser to set up the town and its first administrator. One-time setup token: {SetupToken}", _token);
    }

    /// <summary>While open, looks again: a town or account made meanwhile (e.g. by the <c>setup</c> command) closes the gate.</summary>
    public async Task<bool> IsStillOpenAsync(SanLingDbContext db, CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            return false;
        }
        if (!await TownFounding.IsEmptyAsync(db, cancellationToken))
        {
            Close();
        }
        return IsOpen;
    }

    public bool Accepts(string? token)
    {
        var expected = _token;
        return expected is not null && token is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token.Trim()), Encoding.UTF8.GetBytes(expected));
    }

    public void Close() => _token = null;
}
