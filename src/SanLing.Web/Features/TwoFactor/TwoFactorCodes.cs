using System.Text;
using QRCoder;

namespace SanLing.Web.Features.TwoFactor;

/// <summary>How keys and codes are written for people and authenticator apps.</summary>
public static class TwoFactorCodes
{
    public const string Issuer = "SanLing";
    public const int RecoveryCodeCount = 10;

    /// <summary>The shared key in groups of 4, for typing it into an app by hand.</summary>
    public static string Grouped(string key) =>
        string.Join(' ', key.Chunk(4).Select(group => new string(group)));

    /// <summary>
    /// The otpauth URI authenticator apps read from the QR code. The account label names the town and the user, so
    /// someone with accounts in two towns can tell them apart.
    /// </summary>
    public static string OtpAuthUri(string key, string? townName, string userName)
    {
        var account = string.IsNullOrWhiteSpace(townName) ? userName : $"{townName}/{userName}";
        var label = Uri.EscapeDataString($"{Issuer}:{account}");
        return $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
    }

    /// <summary>The QR code of <paramref name="text"/> as a PNG data URI (the page needs no external asset or script).</summary>
    public static string QrDataUri(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>A typed authenticator code with spaces or dashes removed; null unless it is 6 digits.</summary>
    public static string? AuthenticatorCode(string? typed)
    {
        var digits = new string((typed ?? "").Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>A typed recovery code in Identity's form (XXXXX-XXXXX, upper case), whatever the case or dash.</summary>
    public static string RecoveryCode(string? typed)
    {
        var chars = new StringBuilder();
        foreach (var c in typed ?? "")
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                chars.Append(char.ToUpperInvariant(c));
            }
        }
        return chars.Length == 10 ? chars.Insert(5, '-').ToString() : chars.ToString();
    }
}
