using System.Security.Cryptography;
using System.Text;

namespace SanLing.Domain.Api;

/// <summary>The API token's format and limits, in one place.</summary>
public static class ApiRules
{
    /// <summary>Every token starts with this marker, so a leaked one is recognisable in a log or a repository scan.</summary>
    public const string Marker = "sl_";

    /// <summary>Characters after the marker stored in clear, to find the token's row without trying every hash.</summary>
    public const int PrefixLength = 8;

    /// <summary>The random secret: 256 bits.</summary>
    public const int SecretBytes = 32;

    public const int NameMaxLength = 100;

    /// <summary>Calls per token per minute (configurable as Api:RequestsPerMinute); above it the answer is 429 with Retry-After.</summary>
    public const int DefaultRequestsPerMinute = 120;

    /// <summary>The longest expiry an administrator may set, in days from today.</summary>
    public const int MaxValidDays = 3660;

    /// <summary>A new token: what is shown once, and what is stored.</summary>
    public static (string Token, string Prefix, string Hash) NewToken()
    {
        // Base64url of 256 random bits; the prefix is the first characters of the token body.
        var body = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = Marker + body;
        return (token, body[..PrefixLength], Hash(token));
    }

    /// <summary>The prefix of a presented token, or null when it is not one of ours.</summary>
    public static string? PrefixOf(string? token) =>
        token is { Length: > 40 and < 100 } && token.StartsWith(Marker, StringComparison.Ordinal) ? token.Substring(Marker.Length, PrefixLength) : null;

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Constant-time comparison of a presented token with the stored hash.</summary>
    public static bool Matches(string token, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>An expiry an administrator may choose: after today, within <see cref="MaxValidDays"/>.</summary>
    public static bool IsValidExpiry(DateOnly expiresOn, DateOnly today) => expiresOn > today && expiresOn <= today.AddDays(MaxValidDays);
}
