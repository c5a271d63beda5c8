using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Infrastructure.Identity;
using SanLing.Infrastructure.Seed;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.County;

/// <summary>
/// The county center publishes a rule set that every town of the county uses; a town's own variant is refused until the
/// county allows variants, then used by that town's runs only; each run shows which set it used. Through the pages.
/// The demo town (DEMO, office account <c>office</c>) and a second town of the demo county (T2, <c>t2office</c>).
/// </summary>
public sealed class CountyRuleSetTests : IClassFixture<CountyRuleSetTests.CountyOfTwoTowns>
{
    private readonly CountyOfTwoTowns _county;

    public CountyRuleSetTests(CountyOfTwoTowns county) => _county = county;

    public sealed class CountyOfTwoTowns : IDisposable
    {
        public SanLingFactory Factory { get; } = DemoTown.Start(kestrel: false);
        public int CountyId { get; }
        public int DemoTownId { get; }
        public int SecondTownId { get; }

        public CountyOfTwoTowns()
        {
            CountyId = Factory.WithDbAsync(db => db.Counties.Where(c => c.Code == DemoTownSeeder.CountyCode).Select(c => c.Id).SingleAsync()).GetAwaiter().GetResult();
            DemoTownId = Factory.WithDbAsync(db => db.Towns.Where(t => t.Code == DemoTownSeeder.TownCode).Select(t => t.Id).SingleAsync()).GetAwaiter().GetResult();
            SecondTownId = new TownBuilder("T2", "白水镇").InCounty(CountyId).Village("BS01", "白水村").Enterprise("BSQY01", "白水纸业", "BS01")
                .User("t2office", Roles.Office)
                .BuildAsync(Factory).GetAwaiter().GetResult().Town.Id;
        }

        public void Dispose() => Factory.Dispose();
    }

    private Task<HttpClient> LoginAsync(string user, string? password = null) =>
        _county.Factory.CreateBrowserlessClient().LoggedInAsync(user, password ?? Web.Setup.DemoAccounts.Password);

    private static async Task<HttpResponseMessage> PostPageFormAsync(HttpClient client, string pageUrl, string formSelector, string postUrl, Action<Dictionary<string, string>> change)
    {
        var page = await client.GetPageAsync(pageUrl);
        var values = PortalClient.FormValues(page, formSelector);
        change(values);
        return await client.PostFormAsync(postUrl, PortalClient.TokenOf(page), values);
    }

    private Task<List<(int TownId, int Year, string Name, int? CountyRuleSetId)>> RuleSetsAsync() =>
        _county.Factory.WithDbAsync(async db => (await db.RuleSets.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.TownId == _county.DemoTownId || r.TownId == _county.SecondTownId)
            .Select(r => new { r.TownId, r.Year, r.Name, r.CountyRuleSetId }).ToListAsync())
            .Select(r => (r.TownId, r.Year, r.Name, r.CountyRuleSetId)).ToList());

    /// <summary>Runs a year as the town's office and returns the results page's rule set name and origin.</summary>
    private static async Task<(string Name, string Origin)> RunAsync(HttpClient office, int year)
    {
        var token = await office.AntiforgeryTokenAsync("/Evaluation/Index");
        var run = await office.PostFormAsync("/Evaluation/Run", token, [new("Year", year.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.True(run.StatusCode == HttpStatusCode.Redirect, $"run answered {(int)run.StatusCode}");
        var results = await office.GetPageAsync(run.Headers.Location!.OriginalString);
        return (results.QuerySelector("#run-ruleset")!.TextContent.Trim(), results.QuerySelector("#run-ruleset-origin")!.TextContent.Trim());
    }

    private static string Flash(IHtmlDocument page) => string.Join(" ", page.QuerySelectorAll("[data-flash]").Select(f => f.TextContent.Trim()));

    [Fact]
    public async Task A_county_rule_set_is_used_by_every_town_and_a_town_variant_only_once_the_county_allows_it()
    {
        var center = await LoginAsync("county");
        const string countyName = "2025年临江县三零创建评定细则";

        // The center publishes the county's 2025 set from the 2020 catalogue, with its own village target.
        var published = await PostPageFormAsync(center, "/CountyRuleSets/Publish", "#publish-form", "/CountyRuleSets/Publish", v =>
        {
            v["Year"] = "2025";
            v["Name"] = countyName;
            v["VillageCommunityTargetPercent"] = "85";
        });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var details = await center.GetPageAsync(published.Headers.Location!.OriginalString);
        Assert.Contains("85%", details.Body!.TextContent, StringComparison.Ordinal);
        var copies = (await RuleSetsAsync()).Where(r => r.CountyRuleSetId is not null && r.Year == 2025).ToList();
        Assert.Equal([_county.DemoTownId, _county.SecondTownId], copies.Select(c => c.TownId).Order());
        Assert.All(copies, c => Assert.Equal((2025, countyName), (c.Year, c.Name)));

        // Every town's run of 2025 uses the county's set, and says so.
        var demoOffice = await LoginAsync("office");
        var secondOffice = await LoginAsync("t2office", TownBuilder.Password);
        Assert.Equal((countyName, "县级细则"), await RunAsync(demoOffice, 2025));
        Assert.Equal((countyName, "县级细则"), await RunAsync(secondOffice, 2025));

        // While the county keeps every town on its sets, a town's derive is refused and writes nothing.
        var secondCopy = await _county.Factory.WithDbAsync(db => db.RuleSets.IgnoreQueryFilters()
            .Where(r => r.TownId == _county.SecondTownId && r.CountyRuleSetId != null && r.Year == 2025).Select(r => r.Id).SingleAsync());
        var refusedPage = await secondOffice.GetAsync($"/RuleSets/Derive/{secondCopy}");
        Assert.Equal(HttpStatusCode.Redirect, refusedPage.StatusCode);
        var detailsPage = await secondOffice.GetPageAsync(refusedPage.Headers.Location!.OriginalString);
        Assert.Contains("未允许乡镇自定评定细则", Flash(detailsPage), StringComparison.Ordinal);
        Assert.Null(detailsPage.QuerySelector($"a[href='/RuleSets/Derive/{secondCopy}']"));
        var before = (await RuleSetsAsync()).Count;
        var refusedPost = await secondOffice.PostFormAsync($"/RuleSets/Derive/{secondCopy}", PortalClient.TokenOf(detailsPage),
            [new("Year", "2026"), new("Name", "白水镇细则"), new("VillageCommunityTargetPercent", "90"), new("EnterpriseUnitTargetPercent", "95")]);
        Assert.Equal(HttpStatusCode.Redirect, refusedPost.StatusCode);
        Assert.Equal(before, (await RuleSetsAsync()).Count);

        // The center allows variants (audited); the second town derives its own 2025 set from the county's.
        var auditBefore = await _county.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "County" && a.Action == AuditAction.Update));
        var allowed = await PostPageFormAsync(center, "/CountyRuleSets/Index", "#variants-form", "/CountyRuleSets/Variants", _ => { });
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.True(await _county.Factory.WithDbAsync(db => db.Counties.Where(c => c.Id == _county.CountyId).Select(c => c.AllowsTownVariants).SingleAsync()));
        Assert.Equal(auditBefore + 1, await _county.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "County" && a.Action == AuditAction.Update)));
        var derived = await PostPageFormAsync(secondOffice, $"/RuleSets/Derive/{secondCopy}", "#derive-form", $"/RuleSets/Derive/{secondCopy}", v =>
        {
            v["Year"] = "2025";
            v["Name"] = "白水镇2025年细则";
        });
        Assert.Equal(HttpStatusCode.Redirect, derived.StatusCode);

        // The variant judges the second town's runs only; the demo town keeps the county's set.
        Assert.Equal(("白水镇2025年细则", "本镇细则"), await RunAsync(secondOffice, 2025));
        Assert.Equal((countyName, "县级细则"), await RunAsync(demoOffice, 2025));
        var index = await center.GetPageAsync("/CountyRuleSets/Index");
        var inUse = index.QuerySelectorAll("#county-towns-rulesets tbody tr").ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children[2].TextContent.Trim());
        Assert.Contains(countyName, inUse[DemoTownSeeder.TownCode], StringComparison.Ordinal);
        Assert.Contains("白水镇2025年细则", inUse["T2"], StringComparison.Ordinal);

        // Switched back, the county's set wins again over the variant.
        await PostPageFormAsync(center, "/CountyRuleSets/Index", "#variants-form", "/CountyRuleSets/Variants", _ => { });
        Assert.Equal((countyName, "县级细则"), await RunAsync(secondOffice, 2025));
    }

    [Theory]
    [InlineData("Year", "", "请填写适用年度")]
    [InlineData("Year", "1999", "适用年度应在 2000 至 2100 之间")]
    [InlineData("Name", "", "请填写名称")]
    [InlineData("VillageCommunityTargetPercent", "150", "目标应在 0 至 100 之间")]
    [InlineData("EnterpriseUnitTargetPercent", "", "请填写企业和单位目标")]
    public async Task Bad_publications_are_answered_with_a_message_and_write_nothing(string field, string value, string message)
    {
        var center = await LoginAsync("county");
        var before = await _county.Factory.WithDbAsync(db => db.CountyRuleSets.CountAsync());
        var copies = (await RuleSetsAsync()).Count;

        var answer = await PostPageFormAsync(center, "/CountyRuleSets/Publish", "#publish-form", "/CountyRuleSets/Publish", v =>
        {
            v["Year"] = "2031";
            v[field] = value;
        });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains(message, (await answer.ParseAsync()).QuerySelector("#publish-form")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await _county.Factory.WithDbAsync(db => db.CountyRuleSets.CountAsync()));
        Assert.Equal(copies, (await RuleSetsAsync()).Count);
    }

    [Fact]
    public async Task A_year_the_county_has_already_published_is_refused_and_another_county_s_set_is_not_found()
    {
        var center = await LoginAsync("county");
        var first = await PostPageFormAsync(center, "/CountyRuleSets/Publish", "#publish-form", "/CountyRuleSets/Publish", v => v["Year"] = "2040");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var copies = (await RuleSetsAsync()).Count;

        var again = await PostPageFormAsync(center, "/CountyRuleSets/Publish", "#publish-form", "/CountyRuleSets/Publish", v => v["Year"] = "2040");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("本县该年度已有评定细则", (await again.ParseAsync()).QuerySelector("#publish-form")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(copies, (await RuleSetsAsync()).Count);

        var otherCountySet = await _county.Factory.WithDbAsync(async db =>
        {
            var other = new Domain.Common.County { Code = "ELSEWHERE", Name = "邻县" };
            db.Counties.Add(other);
            await db.SaveChangesAsync();
            var set = new Domain.Standards.CountyRuleSet { CountyId = other.Id, Year = 2030, Name = "邻县细则" };
            db.CountyRuleSets.Add(set);
            await db.SaveChangesAsync();
            return set.Id;
        });
        Assert.Equal(HttpStatusCode.NotFound, (await center.GetAsync($"/CountyRuleSets/Details/{otherCountySet}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await center.GetAsync($"/CountyRuleSets/Publish/{otherCountySet}")).StatusCode);
    }
}
