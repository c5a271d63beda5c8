using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Api;
using SanLing.Domain.Common;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Evaluation;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Api;

/// <summary>One demo-town portal for the API tests, with a second town (one village) beside it and a low rate limit.</summary>
public sealed class ApiFixture : IDisposable
{
    public const int PerMinute = 40;

    public SanLingFactory Factory { get; } = DemoTown.Start(kestrel: false, f => f.Settings["Api:RequestsPerMinute"] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public int TownA { get; }
    public int TownB { get; }

    public ApiFixture()
    {
        TownA = Factory.WithDbAsync(db => db.Towns.Select(t => t.Id).SingleAsync()).GetAwaiter().GetResult();
        TownB = Factory.WithDbAsync(async db =>
        {
            var town = new Town { Code = "TOWNB", Name = "乙镇" };
            db.Towns.Add(town);
            await db.SaveChangesAsync();
            db.Actor.ActAsSystem(town.Id, "test");
            db.Subjects.Add(new Subject { Code = "BCUN01", Name = "乙村", Kind = SubjectKind.Village, EstablishedOn = new DateOnly(2020, 1, 1) });
            await db.SaveChangesAsync();
            return town.Id;
        }).GetAwaiter().GetResult();
        // The current year's provisional run (预评) of town A, as the nightly job stores it.
        Factory.WithDbAsync(db => new AsOfRefresher(db, Factory.Clock).RefreshAsync()).GetAwaiter().GetResult();
    }

    public void Dispose() => Factory.Dispose();
}

public sealed class ApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string[] Endpoints =
    [
        "/api/v1/towns", "/api/v1/rates", "/api/v1/rates?year=2025", "/api/v1/rates?year=2026", "/api/v1/verdicts?year=2025&pageSize=200",
        "/api/v1/verdicts?year=2026&page=2&pageSize=200", "/api/v1/completeness?year=2025", "/api/v1/incidents?year=2025", "/api/v1/incidents?year=2026",
    ];

    private SanLingFactory Factory => fixture.Factory;

    /// <summary>A token stored as the admin page stores it (hash only).</summary>
    private async Task<(int Id, string Token)> TokenAsync(int? townId, DateTimeOffset? expiresAt = null, bool revoked = false)
    {
        var (token, prefix, hash) = ApiRules.NewToken();
        var id = await Factory.WithDbAsync(async db =>
        {
            var row = new ApiToken
            {
                TownId = townId, Name = "test", Prefix = prefix, SecretHash = hash, CreatedAt = Factory.Clock.GetUtcNow(), ExpiresAt = expiresAt,
                RevokedAt = revoked ? Factory.Clock.GetUtcNow() : null,
            };
            db.ApiTokens.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        return (id, token);
    }

    private HttpClient Api(string? token)
    {
        var client = Factory.CreateBrowserlessClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task A_town_token_reads_its_town_from_stored_runs_with_stable_names_and_chinese_labels()
    {
        var (_, token) = await TokenAsync(fixture.TownA);
        using var api = Api(token);

        var towns = await JsonAsync(await api.GetAsync("/api/v1/towns"));
        Assert.Equal(["DEMO"], towns.EnumerateArray().Select(t => t.GetProperty("code").GetString()));

        var rates = await JsonAsync(await api.GetAsync("/api/v1/rates?year=2025"));
        Assert.Equal("annual", rates.GetProperty("run").GetProperty("kind").GetString());
        Assert.False(rates.GetProperty("run").GetProperty("provisional").GetBoolean());
        var village = rates.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "villageCommunity");
        Assert.Equal("村（社区）", village.GetProperty("groupLabel").GetString());
        Assert.Equal(25, village.GetProperty("counts").GetProperty("subjects").GetInt32());
        var kinds = rates.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("kindLabel").GetString());
        Assert.Equal("村", kinds["village"]);
        Assert.Equal("企业", kinds["enterprise"]);
        // The figures are the stored run's: the same counts the database holds for that run.
        var stored = await Factory.WithDbAsync(db => db.EvaluationResults.CountAsync(r => db.EvaluationRuns.Any(run => run.Id == r.RunId && run.Year == 2025 && run.IsPublished)));
        Assert.Equal(stored, rates.GetProperty("kinds").EnumerateArray().Sum(k => k.GetProperty("counts").GetProperty("subjects").GetInt32()));
        Assert.NotEmpty(rates.GetProperty("territories").EnumerateArray());

        var current = await JsonAsync(await api.GetAsync("/api/v1/rates?year=2026"));
        Assert.Equal("asOf", current.GetProperty("run").GetProperty("kind").GetString());
        Assert.True(current.GetProperty("run").GetProperty("provisional").GetBoolean());
        Assert.All(current.GetProperty("groups").EnumerateArray(), g => Assert.Equal(JsonValueKind.Null, g.GetProperty("targetMet").ValueKind));

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/rates?year=2019")).StatusCode);

        var verdicts = await JsonAsync(await api.GetAsync("/api/v1/verdicts?year=2025&subject=CUN01"));
        var subject = Assert.Single(verdicts.GetProperty("subjects").EnumerateArray());
        Assert.Equal("村", subject.GetProperty("kindLabel").GetString());
        var item = subject.GetProperty("items").EnumerateArray().First();
        Assert.False(string.IsNullOrEmpty(item.GetProperty("name").GetString()));
        Assert.Contains(item.GetProperty("verdictLabel").GetString(), new[] { "达标", "不达标", "待评定", "不适用" });
        Assert.False(item.TryGetProperty("reason", out _));

        var completeness = await JsonAsync(await api.GetAsync("/api/v1/completeness?year=2025"));
        Assert.Equal(12, completeness.GetProperty("months").GetArrayLength());
        Assert.True(completeness.GetProperty("months")[0].GetProperty("expected").GetInt32() > 0);

        var incidents = await JsonAsync(await api.GetAsync("/api/v1/incidents?year=2025"));
        var petitions = await Factory.WithDbAsync(db => db.Petitions.CountAsync(p => p.OccurredOn.Year == 2025));
        Assert.Equal(petitions, incidents.GetProperty("months").EnumerateArray().Sum(m => m.GetProperty("petitions").GetInt32()));
        Assert.True(incidents.GetProperty("supervision").GetProperty("open").GetInt32() >= 0);
    }

    [Fact]
    public async Task A_token_of_another_town_cannot_read_this_town()
    {
        var (_, tokenB) = await TokenAsync(fixture.TownB);
        using var api = Api(tokenB);
        var towns = await JsonAsync(await api.GetAsync("/api/v1/towns"));
        Assert.Equal(["TOWNB"], towns.EnumerateArray().Select(t => t.GetProperty("code").GetString()));
        // Town A's published years and subjects do not exist for town B's token.
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/rates?year=2025")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/verdicts?year=2025&subject=CUN01")).StatusCode);
        var incidents = await JsonAsync(await api.GetAsync("/api/v1/incidents?year=2025"));
        Assert.All(incidents.GetProperty("months").EnumerateArray(), m => Assert.Equal(0, m.GetProperty("petitions").GetInt32() + m.GetProperty("cases").GetInt32()));
        var completeness = await JsonAsync(await api.GetAsync("/api/v1/completeness?year=2025"));
        // Town B has a village without grids: nothing expected of it, and none of town A's hundreds of grids.
        Assert.All(completeness.GetProperty("months").EnumerateArray(), m => Assert.Equal(0, m.GetProperty("expected").GetInt32()));
        foreach (var url in Endpoints)
        {
            var body = await (await api.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("\"DEMO\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("CUN01", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Revoked_expired_unknown_county_and_cookie_callers_get_401()
    {
        var revoked = await TokenAsync(fixture.TownA, revoked: true);
        var expired = await TokenAsync(fixture.TownA, expiresAt: Factory.Clock.GetUtcNow().AddMinutes(-1));
        var county = await TokenAsync(null);
        var (_, good) = await TokenAsync(fixture.TownA);
        var forged = good[..^4] + (good.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        foreach (var token in new[] { revoked.Token, expired.Token, county.Token, forged, "sl_nonsense", null })
        {
            using var api = Api(token);
            var response = await api.GetAsync("/api/v1/towns");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        // A signed-in administrator's cookie is no API credential.
        using var admin = await Factory.CreateBrowserlessClient().LoggedInAsync("admin");
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/v1/towns")).StatusCode);
        // Nothing was logged for refused callers.
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ApiCallLogs.CountAsync(c => c.TokenId == revoked.Id || c.TokenId == expired.Id || c.TokenId == county.Id)));
    }

    [Fact]
    public async Task No_answer_holds_personal_data()
    {
        var (_, token) = await TokenAsync(fixture.TownA);
        using var api = Api(token);
        var people = await Factory.WithDbAsync(async db =>
        {
            var names = new List<string>();
            names.AddRange(await db.KeyPersons.Select(k => k.Name).ToListAsync());
            names.AddRange(await db.KeyPersons.Select(k => k.Number).ToListAsync());
            names.AddRange(await db.KeyPersons.Select(k => k.IdNumberMasked).ToListAsync());
            names.AddRange(await db.Subjects.Where(s => s.PrincipalName != null).Select(s => s.PrincipalName!).ToListAsync());
            names.AddRange(await db.Subjects.Where(s => s.ContactPerson != null).Select(s => s.ContactPerson!).ToListAsync());
            names.AddRange(await db.Subjects.Where(s => s.LeaderInChargeName != null).Select(s => s.LeaderInChargeName!).ToListAsync());
            names.AddRange(await db.Grids.Where(g => g.WorkerName != null).Select(g => g.WorkerName!).ToListAsync());
            names.AddRange(await db.RentalHouses.Where(r => r.Landlord != null).Select(r => r.Landlord!).ToListAsync());
            names.AddRange(await db.Petitions.Select(p => p.Number).ToListAsync());
            names.AddRange(await db.Cases.Select(c => c.Number).ToListAsync());
            return names.Where(n => n.Length >= 2).ToHashSet(StringComparer.Ordinal);
        });
        Assert.True(people.Count > 100, "the demo seed has people to look for");
        var idNumber = new Regex(@"(?<!\d)\d{17}[\dXx](?!\d)|\d{6}\*{8}\d{3}[\dXx*]");
        var phone = new Regex(@"(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)");
        var scanned = 0;
        foreach (var url in Endpoints)
        {
            var body = (await JsonAsync(await api.GetAsync(url))).GetRawText();
            var text = JsonSerializer.Deserialize<JsonElement>(body).ToString();
            Assert.DoesNotMatch(idNumber, body);
            Assert.DoesNotMatch(phone, body);
            var found = people.Where(p => body.Contains(p, StringComparison.Ordinal)).ToList();
            Assert.True(found.Count == 0, $"{url} names {string.Join(", ", found.Take(5))}");
            scanned += text.Length;
        }
        Assert.True(scanned > 100_000, $"the scan read {scanned} characters");
    }

    [Fact]
    public async Task The_openapi_document_is_valid_and_lists_every_endpoint()
    {
        using var anonymous = Api(null);
        var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        var read = await Microsoft.OpenApi.OpenApiDocument.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), "json");
        var document = read.Document;
        Assert.NotNull(document);
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Equal(
            ["/api/v1/completeness", "/api/v1/incidents", "/api/v1/rates", "/api/v1/towns", "/api/v1/verdicts"],
            document.Paths.Keys.Order(StringComparer.Ordinal));
        Assert.All(document.Paths.Values, p => Assert.Equal([HttpMethod.Get], p.Operations!.Keys));
        Assert.Contains("bearer", document.Components!.SecuritySchemes!.Keys);
        Assert.DoesNotContain("/Users", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_calls_get_429_with_retry_after_and_every_call_is_logged()
    {
        var (id, token) = await TokenAsync(fixture.TownA);
        var (otherId, other) = await TokenAsync(fixture.TownA);
        using var api = Api(token);
        for (var i = 0; i < ApiFixture.PerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/towns")).StatusCode);
        }
        var refused = await api.GetAsync("/api/v1/towns");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        // The limit is per token: another token of the same town still reads.
        using var second = Api(other);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/towns?x=1")).StatusCode);

        var logged = await Factory.WithDbAsync(db => db.ApiCallLogs.Where(c => c.TokenId == id || c.TokenId == otherId)
            .Select(c => new { c.TokenId, c.Path, c.Status }).ToListAsync());
        Assert.Equal(ApiFixture.PerMinute + 1, logged.Count(c => c.TokenId == id));
        Assert.Equal(ApiFixture.PerMinute, logged.Count(c => c.TokenId == id && c.Status == 200 && c.Path == "/api/v1/towns"));
        Assert.Single(logged, c => c.TokenId == id && c.Status == 429);
        Assert.Single(logged, c => c.TokenId == otherId && c.Path == "/api/v1/towns?x=1");
    }

    [Fact]
    public async Task The_admin_page_shows_a_new_token_once_stores_its_hash_and_revokes_it()
    {
        using var admin = await Factory.CreateBrowserlessClient().LoggedInAsync("admin");
        var form = await admin.GetPageAsync("/ApiTokens/Create");
        Assert.Contains("本镇", form.QuerySelector("#token-form")!.TextContent, StringComparison.Ordinal);
        var bad = await admin.PostFormAsync("/ApiTokens/Create", PortalClient.TokenOf(form), [new("Name", ""), new("ExpiresOn", "2020-01-01")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Null((await bad.ParseAsync()).QuerySelector("#new-token"));

        var created = await admin.PostFormAsync("/ApiTokens/Create", PortalClient.TokenOf(form), [new("Name", "县综治中心大屏"), new("ExpiresOn", "2027-12-31")]);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var token = (await created.ParseAsync()).QuerySelector("#new-token")!.TextContent.Trim();
        Assert.StartsWith(ApiRules.Marker, token, StringComparison.Ordinal);

        var row = await Factory.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Name == "县综治中心大屏"));
        Assert.Equal(fixture.TownA, row.TownId);
        Assert.Equal(ApiRules.Hash(token), row.SecretHash);
        Assert.Equal(token.Substring(ApiRules.Marker.Length, ApiRules.PrefixLength), row.Prefix);
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ApiToken) && a.EntityId == row.Id.ToString())));

        using var api = Api(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/towns")).StatusCode);

        // Never again: not on the list, not in the database, not on the form.
        var list = await admin.GetAsync("/ApiTokens/Index");
        var listHtml = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, listHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(token[(ApiRules.Marker.Length + ApiRules.PrefixLength)..], listHtml, StringComparison.Ordinal);
        Assert.Contains("县综治中心大屏", listHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(token, await (await admin.GetAsync("/ApiTokens/Create")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = await admin.GetPageAsync("/ApiTokens/Index");
        var revoke = await admin.PostFormAsync($"/ApiTokens/Revoke/{row.Id}", PortalClient.TokenOf(page), []);
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/towns")).StatusCode);

        // Another town's token is not this administrator's to revoke.
        var (otherTown, _) = await TokenAsync(fixture.TownB);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync($"/ApiTokens/Revoke/{otherTown}", PortalClient.TokenOf(page), [])).StatusCode);
        Assert.Null(await Factory.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == otherTown).Select(t => t.RevokedAt).SingleAsync()));
    }
}
