using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Api;
using SanLing.Infrastructure.Evaluation;
using SanLing.Infrastructure.Seed;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Api;

/// <summary>
/// County-scope API tokens: the 县综治中心 creates them (shown once, stored hashed, audited) and revokes them; such a token
/// reads every town of its county (named by ?town=CODE), never a town of another county; a town token still reads only
/// its own town.
/// </summary>
public sealed class CountyApiTokenTests(CountyApiTokenTests.Deployment deployment) : IClassFixture<CountyApiTokenTests.Deployment>
{
    /// <summary>The demo county (the demo town and 白水镇) and another county (红石镇).</summary>
    public sealed class Deployment : IDisposable
    {
        public SanLingFactory Factory { get; } = DemoTown.Start(kestrel: false);
        public int CountyId { get; }
        public int OtherCountyId { get; }
        public int DemoTownId { get; }
        public int OtherCountyTownId { get; }

        public Deployment()
        {
            CountyId = Factory.WithDbAsync(db => db.Counties.Where(c => c.Code == DemoTownSeeder.CountyCode).Select(c => c.Id).SingleAsync()).GetAwaiter().GetResult();
            DemoTownId = Factory.WithDbAsync(db => db.Towns.Where(t => t.Code == DemoTownSeeder.TownCode).Select(t => t.Id).SingleAsync()).GetAwaiter().GetResult();
            new TownBuilder("BAISHUI", "白水镇").InCounty(CountyId).WithRuleSet().Village("BS01", "白水村").Enterprise("BSQY01", "白水纸业", "BS01")
                .BuildAsync(Factory).GetAwaiter().GetResult();
            OtherCountyId = Factory.WithDbAsync(async db =>
            {
                var county = new Domain.Common.County { Code = "LINXIAN", Name = "邻县" };
                db.Counties.Add(county);
                await db.SaveChangesAsync();
                return county.Id;
            }).GetAwaiter().GetResult();
            OtherCountyTownId = new TownBuilder("HONGSHI", "红石镇").InCounty(OtherCountyId).WithRuleSet().Village("HS01", "红石村")
                .BuildAsync(Factory).GetAwaiter().GetResult().Town.Id;
            // The current year's provisional run of the demo town, as the nightly job stores it.
            Factory.WithDbAsync(db => new AsOfRefresher(db, Factory.Clock).RefreshAsync()).GetAwaiter().GetResult();
        }

        public void Dispose() => Factory.Dispose();
    }

    private SanLingFactory Factory => deployment.Factory;

    private async Task<(int Id, string Token)> TokenAsync(int? townId, int? countyId)
    {
        var (token, prefix, hash) = ApiRules.NewToken();
        var id = await Factory.WithDbAsync(async db =>
        {
            var row = new ApiToken { TownId = townId, CountyId = countyId, Name = "test", Prefix = prefix, SecretHash = hash, CreatedAt = Factory.Clock.GetUtcNow() };
            db.ApiTokens.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        return (id, token);
    }

    private HttpClient Api(string token)
    {
        var client = Factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static List<string?> Codes(JsonElement towns) => towns.EnumerateArray().Select(t => t.GetProperty("code").GetString()).ToList();

    [Fact]
    public async Task The_center_creates_a_county_token_once_stored_hashed_and_audited_and_revokes_it()
    {
        using var center = await Factory.CreateBrowserlessClient().LoggedInAsync("county");
        var form = await center.GetPageAsync("/CountyApiTokens/Create");
        Assert.Contains("全县各乡镇", form.QuerySelector("#token-form")!.TextContent, StringComparison.Ordinal);
        var bad = await center.PostFormAsync("/CountyApiTokens/Create", PortalClient.TokenOf(form), [new("Name", ""), new("ExpiresOn", "2020-01-01")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Null((await bad.ParseAsync()).QuerySelector("#new-token"));
        Assert.False(await Factory.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.Name == "")));

        var created = await center.PostFormAsync("/CountyApiTokens/Create", PortalClient.TokenOf(form), [new("Name", "市综治中心大屏"), new("ExpiresOn", "2027-12-31")]);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var token = (await created.ParseAsync()).QuerySelector("#new-token")!.TextContent.Trim();

        var row = await Factory.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Name == "市综治中心大屏"));
        Assert.Null(row.TownId);
        Assert.Equal(deployment.CountyId, row.CountyId);
        Assert.Equal(ApiRules.Hash(token), row.SecretHash);
        Assert.Equal("county", row.CreatedBy);
        // Audited, in no town's trail: the county's business.
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(ApiToken) && a.EntityId == row.Id.ToString())
            .Select(a => new { a.TownId, a.UserName }).SingleAsync());
        Assert.Null(audit.TownId);
        Assert.Equal("county", audit.UserName);

        using var api = Api(token);
        Assert.Equal(["BAISHUI", "DEMO"], Codes(await JsonAsync(await api.GetAsync("/api/v1/towns"))));

        // Listed on the county page (never in full), not on the town administrator's page.
        var list = await (await center.GetAsync("/CountyApiTokens/Index")).Content.ReadAsStringAsync();
        Assert.Contains("市综治中心大屏", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token[(ApiRules.Marker.Length + ApiRules.PrefixLength)..], list, StringComparison.Ordinal);
        using var admin = await Factory.CreateBrowserlessClient().LoggedInAsync("admin");
        Assert.DoesNotContain("市综治中心大屏", await (await admin.GetAsync("/ApiTokens/Index")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The town's administrator cannot revoke it; the center cannot revoke a town's token.
        var adminPage = await admin.GetPageAsync("/ApiTokens/Index");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync($"/ApiTokens/Revoke/{row.Id}", PortalClient.TokenOf(adminPage), [])).StatusCode);
        var (townToken, _) = await TokenAsync(deployment.DemoTownId, null);
        var page = await center.GetPageAsync("/CountyApiTokens/Index");
        Assert.Equal(HttpStatusCode.NotFound, (await center.PostFormAsync($"/CountyApiTokens/Revoke/{townToken}", PortalClient.TokenOf(page), [])).StatusCode);
        Assert.Null(await Factory.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == townToken).Select(t => t.RevokedAt).SingleAsync()));
        // Nor another county's token.
        var (otherCounty, _) = await TokenAsync(null, deployment.OtherCountyId);
        Assert.Equal(HttpStatusCode.NotFound, (await center.PostFormAsync($"/CountyApiTokens/Revoke/{otherCounty}", PortalClient.TokenOf(page), [])).StatusCode);

        var revoke = await center.PostFormAsync($"/CountyApiTokens/Revoke/{row.Id}", PortalClient.TokenOf(page), []);
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/towns")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/rates?town=DEMO")).StatusCode);
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ApiToken) && a.EntityId == row.Id.ToString() && a.Action == Domain.Auditing.AuditAction.Disable)));
    }

    [Fact]
    public async Task The_county_leader_and_town_users_cannot_create_county_tokens()
    {
        using var leader = await Factory.CreateBrowserlessClient().LoggedInAsync("countyleader");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/CountyApiTokens/Index")).StatusCode);
        var token = await leader.AntiforgeryTokenAsync("/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostFormAsync("/CountyApiTokens/Create", token, [new("Name", "县领导的令牌")])).StatusCode);
        using var admin = await Factory.CreateBrowserlessClient().LoggedInAsync("admin");
        var adminToken = await admin.AntiforgeryTokenAsync("/ApiTokens/Index");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostFormAsync("/CountyApiTokens/Create", adminToken, [new("Name", "镇管理员的令牌")])).StatusCode);
        Assert.False(await Factory.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.Name == "县领导的令牌" || t.Name == "镇管理员的令牌")));
    }

    [Fact]
    public async Task A_county_token_reads_every_town_of_its_county_by_code_and_no_town_of_another()
    {
        var (_, token) = await TokenAsync(null, deployment.CountyId);
        using var api = Api(token);

        Assert.Equal(["BAISHUI", "DEMO"], Codes(await JsonAsync(await api.GetAsync("/api/v1/towns"))));
        Assert.Equal(["DEMO"], Codes(await JsonAsync(await api.GetAsync("/api/v1/towns?town=DEMO"))));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/towns?town=HONGSHI")).StatusCode);

        // The demo town's figures, the same as its own town token reads.
        var (_, demoToken) = await TokenAsync(deployment.DemoTownId, null);
        using var demo = Api(demoToken);
        foreach (var path in new[] { "/api/v1/rates?year=2025", "/api/v1/verdicts?year=2025&subject=CUN01", "/api/v1/completeness?year=2025", "/api/v1/incidents?year=2025" })
        {
            var county = await JsonAsync(await api.GetAsync(path + "&town=DEMO"));
            Assert.Equal("DEMO", county.GetProperty("town").GetString());
            Assert.Equal((await JsonAsync(await demo.GetAsync(path))).GetRawText(), county.GetRawText());
        }
        // The second town of the county: its own (empty) figures, none of the demo town's.
        var baishui = await JsonAsync(await api.GetAsync("/api/v1/incidents?year=2025&town=BAISHUI"));
        Assert.Equal("BAISHUI", baishui.GetProperty("town").GetString());
        Assert.All(baishui.GetProperty("months").EnumerateArray(), m => Assert.Equal(0, m.GetProperty("petitions").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/rates?year=2025&town=BAISHUI")).StatusCode);

        // Another county's town, or an unknown code: not found. No town named: 400, saying what is missing.
        foreach (var path in new[] { "/api/v1/rates?town=HONGSHI", "/api/v1/incidents?year=2025&town=HONGSHI", "/api/v1/completeness?year=2025&town=NOSUCH" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(path)).StatusCode);
        }
        var unnamed = await api.GetAsync("/api/v1/incidents?year=2025");
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Contains("town", await unnamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Every call logged, refusals included.
        var calls = await Factory.WithDbAsync(db => db.ApiCallLogs.Where(c => db.ApiTokens.Any(t => t.Id == c.TokenId && t.CountyId == deployment.CountyId))
            .Select(c => c.Status).ToListAsync());
        Assert.Contains(404, calls);
        Assert.Contains(400, calls);
    }

    [Fact]
    public async Task A_town_token_reads_only_its_town_whatever_town_it_names_and_another_county_s_token_reads_none_of_this_county()
    {
        var (_, demoToken) = await TokenAsync(deployment.DemoTownId, null);
        using var demo = Api(demoToken);
        Assert.Equal(["DEMO"], Codes(await JsonAsync(await demo.GetAsync("/api/v1/towns"))));
        Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("/api/v1/rates?year=2025&town=DEMO")).StatusCode);
        foreach (var other in new[] { "BAISHUI", "HONGSHI" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await demo.GetAsync($"/api/v1/towns?town={other}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await demo.GetAsync($"/api/v1/incidents?year=2025&town={other}")).StatusCode);
        }

        var (_, otherToken) = await TokenAsync(null, deployment.OtherCountyId);
        using var neighbour = Api(otherToken);
        Assert.Equal(["HONGSHI"], Codes(await JsonAsync(await neighbour.GetAsync("/api/v1/towns"))));
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync("/api/v1/rates?year=2025&town=DEMO")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync("/api/v1/verdicts?year=2025&town=DEMO")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync("/api/v1/incidents?year=2025&town=BAISHUI")).StatusCode);
    }

    [Fact]
    public async Task A_county_token_s_answers_hold_no_personal_data()
    {
        var (_, token) = await TokenAsync(null, deployment.CountyId);
        using var api = Api(token);
        var people = await Factory.WithDbAsync(async db =>
        {
            var names = new List<string>();
            names.AddRange(await db.KeyPersons.IgnoreQueryFilters().Select(k => k.Name).ToListAsync());
            names.AddRange(await db.KeyPersons.IgnoreQueryFilters().Select(k => k.Number).ToListAsync());
            names.AddRange(await db.Subjects.IgnoreQueryFilters().Where(s => s.PrincipalName != null).Select(s => s.PrincipalName!).ToListAsync());
            names.AddRange(await db.Subjects.IgnoreQueryFilters().Where(s => s.ContactPerson != null).Select(s => s.ContactPerson!).ToListAsync());
            names.AddRange(await db.Grids.IgnoreQueryFilters().Where(g => g.WorkerName != null).Select(g => g.WorkerName!).ToListAsync());
            names.AddRange(await db.Petitions.IgnoreQueryFilters().Select(p => p.Number).ToListAsync());
            return names.Where(n => n.Length >= 2).ToHashSet(StringComparer.Ordinal);
        });
        Assert.True(people.Count > 100, "the demo seed has people to look for");
        var idNumber = new Regex(@"(?<!\d)\d{17}[\dXx](?!\d)|\d{6}\*{8}\d{3}[\dXx*]");
        var phone = new Regex(@"(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)");
        var scanned = 0;
        foreach (var url in new[]
        {
            "/api/v1/towns", "/api/v1/rates?town=DEMO", "/api/v1/rates?town=DEMO&year=2025", "/api/v1/verdicts?town=DEMO&year=2025&pageSize=200",
            "/api/v1/verdicts?town=DEMO&year=2026&page=2&pageSize=200", "/api/v1/completeness?town=DEMO&year=2025", "/api/v1/incidents?town=DEMO&year=2025",
            "/api/v1/incidents?town=BAISHUI&year=2026",
        })
        {
            var body = (await JsonAsync(await api.GetAsync(url))).GetRawText();
            Assert.DoesNotMatch(idNumber, body);
            Assert.DoesNotMatch(phone, body);
            var found = people.Where(p => body.Contains(p, StringComparison.Ordinal)).ToList();
            Assert.True(found.Count == 0, $"{url} names {string.Join(", ", found.Take(5))}");
            scanned += body.Length;
        }
        Assert.True(scanned > 100_000, $"the scan read {scanned} characters");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_town_parameter_of_every_endpoint()
    {
        using var anonymous = Factory.CreateBrowserlessClient();
        var json = await (await anonymous.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        var read = await Microsoft.OpenApi.OpenApiDocument.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), "json");
        Assert.Empty(read.Diagnostic!.Errors);
        foreach (var (path, item) in read.Document!.Paths)
        {
            var operation = item.Operations![HttpMethod.Get];
            var town = Assert.Single(operation.Parameters!, p => p.Name == "town");
            Assert.Equal(Microsoft.OpenApi.ParameterLocation.Query, town.In);
            Assert.False(town.Required, path);
            Assert.Contains("county token", town.Description, StringComparison.Ordinal);
            Assert.Contains("404", operation.Responses!.Keys);
        }
        Assert.Contains("county token", read.Document.Info.Description, StringComparison.Ordinal);
    }
}
