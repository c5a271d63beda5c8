using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SanLing.Domain.Auditing;
using SanLing.Web.Security;
using SanLing.Web.Tests.Administration;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// The second factor (TOTP): enrolment with a code computed here from the key the page shows, sign-in with a code or a
/// recovery code, wrong codes, the requirement for admin and office in Production, its exemption, and the admin's reset.
/// </summary>
public sealed class TwoFactorTests
{
    private const string WrongCode = "验证码不正确。";

    [Fact]
    public async Task In_production_office_is_sent_to_enrolment_enrols_with_a_code_from_the_shown_key_and_then_signs_in_with_a_code()
    {
        // requireTwoFactor: null leaves the shipped default, which requires it in Production.
        using var factory = DemoTown.Start(kestrel: false, environment: "Production", requireTwoFactor: null);
        var office = await factory.CreateBrowserlessClient().LoggedInAsync("office");

        AssertSentTo("/TwoFactor", await office.GetAsync("/Subjects"));
        AssertSentTo("/TwoFactor", await office.GetAsync("/"));
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/css/site.css")).StatusCode);
        Assert.NotNull((await office.GetPageAsync("/TwoFactor")).QuerySelector("#must-enrol-notice"));

        var (key, codes) = await EnrolAsync(factory, office, "office");
        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/Subjects")).StatusCode);
        Assert.Equal(1, await factory.CountAsync(AuditAction.TwoFactorEnable, await factory.UserIdAsync("office")));
        // The key and the recovery codes are stored encrypted: the database file alone does not give the second factor away.
        var stored = await factory.WithDbAsync(db => db.UserTokens.Select(t => t.Value ?? "").ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.DoesNotContain(stored, v => v.Contains(key, StringComparison.Ordinal) || codes.Any(c => v.Contains(c, StringComparison.Ordinal)));
        foreach (var file in new[] { factory.DatabasePath, factory.DatabasePath + "-wal" }.Where(File.Exists))
        {
            Assert.DoesNotContain(key, System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }

        // The next sign-in asks for a code after the password; the password alone opens nothing.
        var next = factory.CreateBrowserlessClient();
        AssertSentTo("/TwoFactor/Verify", await next.LoginAsync("office", Setup.DemoAccounts.Password));
        AssertSentTo("/Account/Login", await next.GetAsync("/Subjects"));
        var signedIn = await VerifyAsync(next, Totp.Code(key, DateTimeOffset.UtcNow));
        AssertSentTo("/", signedIn);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/Subjects")).StatusCode);
        Assert.Equal(1, await factory.CountAsync(AuditAction.TwoFactorSignIn, await factory.UserIdAsync("office")));
    }

    [Fact]
    public async Task The_enrolment_page_offers_a_qr_code_and_the_key_in_groups_of_4_and_a_wrong_code_enables_nothing()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var grid = await factory.CreateBrowserlessClient().LoggedInAsync("grid");
        AssertSentTo("/TwoFactor/Enrol", await grid.PostFormAsync("/TwoFactor/Start", await grid.AntiforgeryTokenAsync("/TwoFactor"), []));

        var page = await grid.GetPageAsync("/TwoFactor/Enrol");
        var grouped = page.QuerySelector("#shared-key")!.TextContent.Trim();
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", grouped);
        var key = grouped.Replace(" ", "", StringComparison.Ordinal);
        var uri = page.QuerySelector("#otpauth-uri")!.TextContent.Trim();
        Assert.StartsWith("otpauth://totp/SanLing%3A", uri, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("/grid"), uri, StringComparison.Ordinal);
        Assert.Contains($"secret={key}&issuer=SanLing", uri, StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector("img#qr-code")!.GetAttribute("src"), StringComparison.Ordinal);

        var refused = await grid.PostFormAsync("/TwoFactor/Enrol", PortalClient.TokenOf(page), [new("Code", Totp.WrongCode(key))]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(WrongCode, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var letters = await grid.PostFormAsync("/TwoFactor/Enrol", PortalClient.TokenOf(page), [new("Code", "abcdef")]);
        Assert.Contains("验证码为 6 位数字", await letters.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull((await grid.GetPageAsync("/TwoFactor")).QuerySelector("#two-factor-off"));
        Assert.Equal(0, await factory.CountAsync(AuditAction.TwoFactorEnable));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_then_stops_working()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var grid = await factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var (_, codes) = await EnrolAsync(factory, grid, "grid");

        var first = factory.CreateBrowserlessClient();
        AssertSentTo("/TwoFactor/Verify", await first.LoginAsync("grid", Setup.DemoAccounts.Password));
        Assert.NotNull((await first.GetPageAsync("/TwoFactor/Verify")).QuerySelector("a#use-recovery-code"));
        // Typed in lower case, as people do: still the code.
        AssertSentTo("/", await VerifyAsync(first, codes[0].ToLowerInvariant(), recovery: true));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/Subjects")).StatusCode);
        Assert.Contains("9", (await first.GetPageAsync("/TwoFactor")).QuerySelector("#recovery-codes-left")!.TextContent, StringComparison.Ordinal);

        var again = factory.CreateBrowserlessClient();
        await again.LoginAsync("grid", Setup.DemoAccounts.Password);
        var reused = await VerifyAsync(again, codes[0], recovery: true);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains(WrongCode, await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertSentTo("/Account/Login", await again.GetAsync("/Subjects"));
        AssertSentTo("/", await VerifyAsync(again, codes[1], recovery: true));
    }

    [Fact]
    public async Task Renewed_recovery_codes_replace_the_old_ones()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var grid = await factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var (_, old) = await EnrolAsync(factory, grid, "grid");

        var renewed = await grid.PostFormAsync("/TwoFactor/RecoveryCodes", await grid.AntiforgeryTokenAsync("/TwoFactor"), []);
        var fresh = (await renewed.ParseAsync()).QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(old));
        Assert.Equal(1, await factory.CountAsync(AuditAction.RecoveryCodesRenew));

        var client = factory.CreateBrowserlessClient();
        await client.LoginAsync("grid", Setup.DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(client, old[2], recovery: true)).StatusCode);
        AssertSentTo("/", await VerifyAsync(client, fresh[2], recovery: true));
    }

    [Fact]
    public async Task Wrong_codes_get_one_message_and_lock_the_account_like_wrong_passwords()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var office = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var (key, codes) = await EnrolAsync(factory, office, "office");

        var client = factory.CreateBrowserlessClient();
        await client.LoginAsync("office", Setup.DemoAccounts.Password);
        var wrongTotp = await VerifyAsync(client, Totp.WrongCode(key));
        var wrongRecovery = await VerifyAsync(client, "BBBBB-CCCCC", recovery: true);
        foreach (var response in new[] { wrongTotp, wrongRecovery })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var alert = (await response.ParseAsync()).QuerySelector(".alert-danger")!.TextContent.Trim();
            Assert.Equal(WrongCode, alert);
        }
        HttpResponseMessage fifth = null!;
        for (var attempt = 3; attempt <= 5; attempt++)
        {
            fifth = await VerifyAsync(client, Totp.WrongCode(key));
        }
        Assert.Contains("锁定", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Locked: neither a right code nor a recovery code gets in now, nor the password.
        Assert.Contains("锁定", await (await VerifyAsync(client, Totp.Code(key, DateTimeOffset.UtcNow))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("锁定", await (await VerifyAsync(client, codes[0], recovery: true)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertSentTo("/Account/Login", await client.GetAsync("/Subjects"));
        var password = await factory.CreateBrowserlessClient().LoginAsync("office", Setup.DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, password.StatusCode);
        Assert.Equal(7, await factory.CountAsync(AuditAction.TwoFactorSignInFailed));
        // The codes' lock-out is the first of the same progression as passwords' (the next one lasts longer).
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "office").Select(u => u.ConsecutiveLockouts).SingleAsync()));
        Assert.Equal(1, await factory.CountAsync(AuditAction.Lockout));
    }

    [Fact]
    public async Task In_production_admin_and_office_must_enrol_but_a_grid_worker_need_not_and_cannot_be_made_to()
    {
        using var factory = DemoTown.Start(kestrel: false, environment: "Production", requireTwoFactor: true);
        var admin = await factory.CreateBrowserlessClient().LoggedInAsync("admin");
        AssertSentTo("/TwoFactor", await admin.GetAsync("/Users"));
        AssertSentTo("/TwoFactor", await admin.GetAsync("/Audit"));
        // Changing one's password and logging out stay open.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Account/ChangePassword")).StatusCode);

        var office = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        AssertSentTo("/TwoFactor", await office.GetAsync("/Petitions"));

        var grid = await factory.CreateBrowserlessClient().LoggedInAsync("grid");
        Assert.Equal(HttpStatusCode.OK, (await grid.GetAsync("/Subjects")).StatusCode);
        Assert.Null((await grid.GetPageAsync("/TwoFactor")).QuerySelector("#must-enrol-notice"));

        // Once enrolled, the admin reaches the pages, and may not turn the second factor off.
        await EnrolAsync(factory, admin, "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Users")).StatusCode);
        var status = await admin.GetPageAsync("/TwoFactor");
        Assert.Null(status.QuerySelector("#disable-button"));
        AssertSentTo("/TwoFactor", await admin.PostFormAsync("/TwoFactor/Disable", PortalClient.TokenOf(status), []));
        Assert.NotNull((await admin.GetPageAsync("/TwoFactor")).QuerySelector("#two-factor-on"));
        Assert.Equal(0, await factory.CountAsync(AuditAction.TwoFactorDisable));

        // A grid worker who enrolled by choice may turn it off again.
        await EnrolAsync(factory, grid, "grid");
        AssertSentTo("/TwoFactor", await grid.PostFormAsync("/TwoFactor/Disable", await grid.AntiforgeryTokenAsync("/TwoFactor"), []));
        Assert.NotNull((await grid.GetPageAsync("/TwoFactor")).QuerySelector("#two-factor-off"));
        Assert.Equal(1, await factory.CountAsync(AuditAction.TwoFactorDisable));
        AssertSentTo("/", await factory.CreateBrowserlessClient().LoginAsync("grid", Setup.DemoAccounts.Password));
    }

    [Fact]
    public async Task Setting_the_requirement_off_exempts_a_production_test_deployment()
    {
        using var factory = DemoTown.Start(kestrel: false, environment: "Production", requireTwoFactor: false);
        var office = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/Subjects")).StatusCode);
        var admin = await factory.CreateBrowserlessClient().LoggedInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Users")).StatusCode);
        // The start-up warning is written for exactly this case.
        Assert.True(factory.Services.GetRequiredService<TwoFactorPolicy>().IsExplicitlyExempt);
    }

    [Theory]
    [InlineData("Production", null, true, false)]
    [InlineData("Production", "true", true, false)]
    [InlineData("Production", "false", false, true)]
    [InlineData("Development", null, false, false)]
    [InlineData("Staging", null, false, false)]
    [InlineData("Development", "true", true, false)]
    [InlineData("Development", "false", false, false)]
    public void The_requirement_defaults_to_on_in_production_only_and_warns_only_when_production_turns_it_off(
        string environment, string? setting, bool required, bool warned)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(setting is null ? [] : [new KeyValuePair<string, string?>(TwoFactorPolicy.Setting, setting)])
            .Build();
        var policy = TwoFactorPolicy.From(configuration, new FakeEnvironment(environment));
        Assert.Equal(required, policy.IsRequired);
        Assert.Equal(warned, policy.IsExplicitlyExempt);
        Assert.Equal(required, policy.IsRequiredFor(["综治办"]));
        Assert.False(policy.IsRequiredFor(["网格员"]));
    }

    [Fact]
    public async Task An_admin_reset_ends_the_users_sessions_and_the_user_enrols_again_at_the_next_sign_in()
    {
        using var factory = DemoTown.Start(kestrel: false, environment: "Production", requireTwoFactor: true);
        var admin = await factory.CreateBrowserlessClient().LoggedInAsync("admin");
        await EnrolAsync(factory, admin, "admin");
        var office = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var (oldKey, _) = await EnrolAsync(factory, office, "office");
        var id = await factory.UserIdAsync("office");

        var edit = await admin.GetPageAsync($"/Users/Edit/{id}");
        Assert.NotNull(edit.QuerySelector("#reset-two-factor-button"));
        var reset = await admin.PostFormAsync($"/Users/ResetTwoFactor/{id}", PortalClient.TokenOf(edit), []);
        AssertSentTo($"/Users/Edit/{id}", reset);
        Assert.Equal(1, await factory.CountAsync(AuditAction.TwoFactorReset, id));
        Assert.Null((await admin.GetPageAsync($"/Users/Edit/{id}")).QuerySelector("#reset-two-factor-button"));

        AssertSentTo("/Account/Login", await office.GetAsync("/Subjects"));
        // The password alone signs in now, straight to enrolment with a new key.
        var again = factory.CreateBrowserlessClient();
        AssertSentTo("/", await again.LoginAsync("office", Setup.DemoAccounts.Password));
        AssertSentTo("/TwoFactor", await again.GetAsync("/Subjects"));
        var (newKey, _) = await EnrolAsync(factory, again, "office");
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Subjects")).StatusCode);

        // Only admins may reset; another town's or an unknown id is not found.
        var grid = await factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var forbidden = await grid.PostFormAsync($"/Users/ResetTwoFactor/{id}", await grid.AntiforgeryTokenAsync("/TwoFactor"), []);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/Users/ResetTwoFactor/no-such-account", await admin.AntiforgeryTokenAsync("/Users"), [])).StatusCode);
        Assert.Equal(1, await factory.CountAsync(AuditAction.TwoFactorReset, id));
    }

    /// <summary>Enrols the signed-in client's user through the pages; returns the shared key and the recovery codes shown.</summary>
    private static async Task<(string Key, List<string> Codes)> EnrolAsync(SanLingFactory factory, HttpClient client, string userName)
    {
        var started = await client.PostFormAsync("/TwoFactor/Start", await client.AntiforgeryTokenAsync("/TwoFactor"), []);
        AssertSentTo("/TwoFactor/Enrol", started);
        var page = await client.GetPageAsync("/TwoFactor/Enrol");
        var key = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).Trim();
        var confirmed = await client.PostFormAsync("/TwoFactor/Enrol", PortalClient.TokenOf(page), [new("Code", Totp.Code(key, DateTimeOffset.UtcNow))]);
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, $"enrol {userName}: {(int)confirmed.StatusCode}");
        var codes = (await confirmed.ParseAsync()).QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.True(codes.Count == 10, $"enrol {userName}: {codes.Count} recovery codes");
        Assert.All(codes, c => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", c));
        Assert.True(await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).TwoFactorEnabled)));
        return (key, codes);
    }

    /// <summary>Posts the second sign-in step (the client has just given a right password).</summary>
    private static async Task<HttpResponseMessage> VerifyAsync(HttpClient client, string code, bool recovery = false)
    {
        var token = await client.AntiforgeryTokenAsync(recovery ? "/TwoFactor/Verify?recovery=true" : "/TwoFactor/Verify");
        return await client.PostFormAsync("/TwoFactor/Verify", token, [new("Code", code), new("Recovery", recovery ? "true" : "false")]);
    }

    private static void AssertSentTo(string path, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect to {path}, got {(int)response.StatusCode}");
        var location = response.Headers.Location!;
        Assert.Equal(path, location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
    }

    private sealed class FakeEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "SanLing.Web";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}

/// <summary>
/// RFC 6238 time-based codes (HMAC-SHA1, 30-second steps, 6 digits), as an authenticator app computes them from the
/// base32 key. Identity checks codes against the real clock (not the app's TimeProvider), so these use it too.
/// </summary>
internal static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6238 as authenticator apps and Identity compute it is HMAC-SHA1.")]
    public static string Code(string base32Key, DateTimeOffset at)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
        var offset = hash[^1] & 0x0F;
        var number = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF;
        return (number % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>A 6-digit code that none of the steps Identity accepts around now (±2) would produce.</summary>
    public static string WrongCode(string base32Key)
    {
        var now = DateTimeOffset.UtcNow;
        var valid = Enumerable.Range(-3, 7).Select(step => Code(base32Key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => (123456 + i).ToString(CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    private static byte[] FromBase32(string text)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }
}
