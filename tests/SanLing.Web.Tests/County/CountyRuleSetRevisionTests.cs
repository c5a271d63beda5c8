using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.County;

/// <summary>
/// The county center corrects a published county rule set by a revision (修订) with a reason: every town's next run of
/// that year uses it, stored runs keep the set they used, a town's own variant stays in force, and every refusal writes
/// nothing. Through the pages. The demo town (DEMO, <c>office</c>) and a second town of the demo county (T2, <c>t2office</c>);
/// each test works on a year of its own.
/// </summary>
public sealed class CountyRuleSetRevisionTests(CountyRuleSetTests.CountyOfTwoTowns county) : IClassFixture<CountyRuleSetTests.CountyOfTwoTowns>
{
    private Task<HttpClient> LoginAsync(string user, string? password = null) =>
        county.Factory.CreateBrowserlessClient().LoggedInAsync(user, password ?? Web.Setup.DemoAccounts.Password);

    private static async Task<HttpResponseMessage> PostPageFormAsync(HttpClient client, string pageUrl, string formSelector, string postUrl, Action<Dictionary<string, string>> change)
    {
        var page = await client.GetPageAsync(pageUrl);
        var values = PortalClient.FormValues(page, formSelector);
        change(values);
        return await client.PostFormAsync(postUrl, PortalClient.TokenOf(page), values);
    }

    private static string Flash(IHtmlDocument page) => string.Join(" ", page.QuerySelectorAll("[data-flash]").Select(f => f.TextContent.Trim()));

    private static string Text(IHtmlDocument page, string selector) => page.QuerySelector(selector)?.TextContent.Trim() ?? "";

    /// <summary>Publishes the county's set of a year from the 2020 catalogue; its id.</summary>
    private static async Task<int> PublishAsync(HttpClient center, int year, string name, string villageCommunityTargetPercent = "90")
    {
        var published = await PostPageFormAsync(center, "/CountyRuleSets/Publish", "#publish-form", "/CountyRuleSets/Publish", v =>
        {
            v["Year"] = year.ToString(CultureInfo.InvariantCulture);
            v["Name"] = name;
            v["VillageCommunityTargetPercent"] = villageCommunityTargetPercent;
        });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        return int.Parse(published.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    /// <summary>Everything a revision writes: county sets, the towns' copies, audit lines.</summary>
    private Task<(int CountySets, int TownSets, int AuditLines)> WrittenAsync() => county.Factory.WithDbAsync(async db =>
        (await db.CountyRuleSets.CountAsync(), await db.RuleSets.IgnoreQueryFilters().CountAsync(), await db.AuditEntries.IgnoreQueryFilters().CountAsync()));

    /// <summary>Runs a year as a town's office: the results page's address, rule set name and revision mark.</summary>
    private static async Task<(string Url, string Name, string Origin, string Revision)> RunAsync(HttpClient office, int year)
    {
        var token = await office.AntiforgeryTokenAsync("/Evaluation/Index");
        var run = await office.PostFormAsync("/Evaluation/Run", token, [new("Year", year.ToString(CultureInfo.InvariantCulture))]);
        Assert.True(run.StatusCode == HttpStatusCode.Redirect, $"run answered {(int)run.StatusCode}");
        var url = run.Headers.Location!.OriginalString;
        return await ResultsAsync(office, url);
    }

    private static async Task<(string Url, string Name, string Origin, string Revision)> ResultsAsync(HttpClient office, string url)
    {
        var results = await office.GetPageAsync(url);
        return (url, Text(results, "#run-ruleset"), Text(results, "#run-ruleset-origin"), Text(results, "#run-ruleset-revision"));
    }

    /// <summary>The county set (id and revision) a stored run's rule set is the copy of.</summary>
    private Task<(int? CountySet, int Revision)> RunSetAsync(string resultsUrl) => county.Factory.WithDbAsync(async db =>
    {
        var runId = int.Parse(resultsUrl.Split('?')[0].Split('/')[^1], CultureInfo.InvariantCulture);
        var set = await db.EvaluationRuns.IgnoreQueryFilters().Where(r => r.Id == runId)
            .Join(db.RuleSets.IgnoreQueryFilters(), r => r.RuleSetId, s => s.Id, (r, s) => new { s.CountyRuleSetId, s.CountyRevision }).SingleAsync();
        return (set.CountyRuleSetId, set.CountyRevision);
    });

    [Fact]
    public async Task A_revision_judges_every_town_s_next_run_while_a_stored_run_keeps_the_set_it_used()
    {
        var center = await LoginAsync("county");
        const string name = "2025年临江县三零创建评定细则";
        // Published with a mistake: the village target at 85 %.
        var original = await PublishAsync(center, 2025, name, villageCommunityTargetPercent: "85");
        var demoOffice = await LoginAsync("office");
        var secondOffice = await LoginAsync("t2office", TownBuilder.Password);
        var before = await RunAsync(demoOffice, 2025);
        Assert.Equal((name, "县级细则", ""), (before.Name, before.Origin, before.Revision));
        Assert.Equal((original, 0), await RunSetAsync(before.Url));

        // The center corrects the village target (85 → 90 %), with a reason.
        var details = await center.GetPageAsync($"/CountyRuleSets/Details/{original}");
        Assert.NotNull(details.QuerySelector("#revise-link"));
        var auditBefore = await county.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "CountyRuleSet" && a.Action == AuditAction.Create));
        var revised = await PostPageFormAsync(center, $"/CountyRuleSets/Revise/{original}", "#revise-form", $"/CountyRuleSets/Revise/{original}", v =>
        {
            Assert.Equal("2025", v["Year"]);
            v["Reason"] = "村（社区）目标应为 90%，误发为 85%";
            v["VillageCommunityTargetPercent"] = "90";
            v["Year"] = "2031";   // ignored: a revision keeps its set's year
        });
        Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);
        var revisionUrl = revised.Headers.Location!.OriginalString;
        var revision = int.Parse(revisionUrl.Split('/')[^1], CultureInfo.InvariantCulture);

        // Stored once for the county (superseding the original), copied into both towns, audited like the publication.
        var stored = await county.Factory.WithDbAsync(db => db.CountyRuleSets.Where(r => r.Id == revision)
            .Select(r => new { r.Year, r.Revision, r.SupersedesId, r.RevisionReason, r.VillageCommunityTarget }).SingleAsync());
        Assert.Equal((2025, 1, (int?)original, "村（社区）目标应为 90%，误发为 85%", 0.90m),
            (stored.Year, stored.Revision, stored.SupersedesId, stored.RevisionReason, stored.VillageCommunityTarget));
        var copies = await county.Factory.WithDbAsync(db => db.RuleSets.IgnoreQueryFilters().Where(r => r.CountyRuleSetId == revision)
            .Select(r => new { r.TownId, r.CountyRevision, r.Year }).ToListAsync());
        Assert.Equal([county.DemoTownId, county.SecondTownId], copies.Select(c => c.TownId).Order());
        Assert.All(copies, c => Assert.Equal((1, 2025), (c.CountyRevision, c.Year)));
        var audit = await county.Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "CountyRuleSet" && a.Action == AuditAction.Create)
            .OrderBy(a => a.Id).Select(a => new { a.EntityId, a.Changes }).ToListAsync());
        Assert.Equal(auditBefore + 1, audit.Count);
        Assert.Equal(revision.ToString(CultureInfo.InvariantCulture), audit[^1].EntityId);
        Assert.Contains("误发为 85%", audit[^1].Changes ?? "", StringComparison.Ordinal);

        // The revision's page says what it is, why, and that both towns use it; the original's says it is superseded.
        var revisionPage = await center.GetPageAsync(revisionUrl);
        Assert.Contains("已发布修订", Flash(revisionPage), StringComparison.Ordinal);
        Assert.Equal("第 1 次修订", Text(revisionPage, "h1 .revision"));
        Assert.Contains("误发为 85%", Text(revisionPage, "#revision-reason"), StringComparison.Ordinal);
        Assert.Equal(["1", "0"], revisionPage.QuerySelectorAll("#ruleset-revisions tbody tr").Select(r => r.GetAttribute("data-revision")!).ToList());
        Assert.All(revisionPage.QuerySelectorAll("#county-towns-rulesets tbody tr"), r => Assert.Contains("第 1 次修订", r.TextContent, StringComparison.Ordinal));
        var originalPage = await center.GetPageAsync($"/CountyRuleSets/Details/{original}");
        Assert.NotNull(originalPage.QuerySelector("#superseded-note"));
        Assert.Null(originalPage.QuerySelector("#revise-link"));
        var index = await center.GetPageAsync("/CountyRuleSets/Index");
        Assert.Contains("已被修订", Text(index, $"#county-rulesets tr[data-ruleset='{original}'] .revision-cell"), StringComparison.Ordinal);
        Assert.Contains("误发为 85%", Text(index, $"#county-rulesets tr[data-ruleset='{revision}'] .revision-cell"), StringComparison.Ordinal);

        // The town's own list shows both copies: the revision, and the set it superseded.
        var townList = await demoOffice.GetPageAsync("/RuleSets/Index");
        var marks = townList.QuerySelectorAll("#ruleset-list tbody tr").Where(r => r.TextContent.Contains(name, StringComparison.Ordinal))
            .Select(r => (r.QuerySelector(".revision")?.TextContent.Trim() ?? "", r.QuerySelector(".superseded") is not null)).ToList();
        Assert.Equal([("第 1 次修订", false), ("", true)], marks);

        // Every town's next run of 2025 uses the revision, and says so.
        var after = await RunAsync(demoOffice, 2025);
        Assert.Equal((name, "县级细则", "第 1 次修订"), (after.Name, after.Origin, after.Revision));
        Assert.Equal((revision, 1), await RunSetAsync(after.Url));
        var second = await RunAsync(secondOffice, 2025);
        Assert.Equal("第 1 次修订", second.Revision);
        Assert.Equal((revision, 1), await RunSetAsync(second.Url));

        // The run stored before the revision still names the original, on its page and in the database.
        Assert.NotEqual(before.Url, after.Url);
        var (_, storedName, storedOrigin, storedRevision) = await ResultsAsync(demoOffice, before.Url);
        Assert.Equal((name, "县级细则", ""), (storedName, storedOrigin, storedRevision));
        Assert.Equal((original, 0), await RunSetAsync(before.Url));
    }

    [Fact]
    public async Task Refused_revisions_are_answered_with_a_message_and_write_nothing()
    {
        var center = await LoginAsync("county");
        var set = await PublishAsync(center, 2032, "2032年临江县评定细则");
        var written = await WrittenAsync();

        // No reason.
        var noReason = await PostPageFormAsync(center, $"/CountyRuleSets/Revise/{set}", "#revise-form", $"/CountyRuleSets/Revise/{set}", v =>
        {
            v["Reason"] = "  ";
            v["VillageCommunityTargetPercent"] = "80";
        });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("请填写修订理由", Text(await noReason.ParseAsync(), "#revise-form"), StringComparison.Ordinal);
        Assert.Equal(written, await WrittenAsync());

        // Nothing to revise: the form as the set has it.
        var unchanged = await PostPageFormAsync(center, $"/CountyRuleSets/Revise/{set}", "#revise-form", $"/CountyRuleSets/Revise/{set}", v => v["Reason"] = "核对");
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Contains("修订内容与现行细则相同", Text(await unchanged.ParseAsync(), "#revise-form"), StringComparison.Ordinal);
        Assert.Equal(written, await WrittenAsync());

        // A stale page: another revision was published since this page was read.
        var stalePage = await center.GetPageAsync($"/CountyRuleSets/Revise/{set}");
        var first = await PostPageFormAsync(center, $"/CountyRuleSets/Revise/{set}", "#revise-form", $"/CountyRuleSets/Revise/{set}", v =>
        {
            v["Reason"] = "企业和单位目标更正";
            v["EnterpriseUnitTargetPercent"] = "96";
        });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        written = await WrittenAsync();
        var staleValues = PortalClient.FormValues(stalePage, "#revise-form");
        staleValues["Reason"] = "村（社区）目标更正";
        staleValues["VillageCommunityTargetPercent"] = "88";
        var stale = await center.PostFormAsync($"/CountyRuleSets/Revise/{set}", PortalClient.TokenOf(stalePage), staleValues);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Contains("该细则已被他人修订", Flash(await center.GetPageAsync(stale.Headers.Location!.OriginalString)), StringComparison.Ordinal);
        Assert.Equal(written, await WrittenAsync());
        // Its revise page now leads to the set's page, which names the revision in force.
        var superseded = await center.GetAsync($"/CountyRuleSets/Revise/{set}");
        Assert.Equal(HttpStatusCode.Redirect, superseded.StatusCode);
        Assert.Contains("只能修订现行的一版", Flash(await center.GetPageAsync(superseded.Headers.Location!.OriginalString)), StringComparison.Ordinal);

        // Another county's set: not found, for the page and the post.
        var otherCountySet = await county.Factory.WithDbAsync(async db =>
        {
            var other = new Domain.Common.County { Code = "REVOTHER", Name = "邻县" };
            db.Counties.Add(other);
            await db.SaveChangesAsync();
            var rules = new Domain.Standards.CountyRuleSet { CountyId = other.Id, Year = 2032, Name = "邻县细则" };
            db.CountyRuleSets.Add(rules);
            await db.SaveChangesAsync();
            return rules.Id;
        });
        written = await WrittenAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await center.GetAsync($"/CountyRuleSets/Revise/{otherCountySet}")).StatusCode);
        var token = PortalClient.TokenOf(await center.GetPageAsync("/CountyRuleSets/Index"));
        var foreign = await center.PostFormAsync($"/CountyRuleSets/Revise/{otherCountySet}", token,
            [new("Reason", "改"), new("Year", "2032"), new("Name", "邻县细则"), new("VillageCommunityTargetPercent", "50"), new("EnterpriseUnitTargetPercent", "50")]);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(written, await WrittenAsync());

        // A town's office and the county leader may not revise.
        var current = await county.Factory.WithDbAsync(db => db.CountyRuleSets.Where(r => r.SupersedesId == set).Select(r => r.Id).SingleAsync());
        var others = new List<HttpClient>();
        foreach (var (user, password) in new[] { ("office", (string?)null), ("countyleader", null), ("t2office", TownBuilder.Password) })
        {
            others.Add(await LoginAsync(user, password));
        }
        written = await WrittenAsync();   // the sign-ins are audited
        foreach (var client in others)
        {
            var refused = await client.PostFormAsync($"/CountyRuleSets/Revise/{current}", await client.AntiforgeryTokenAsync("/Account/ChangePassword"),
                [new("Reason", "改"), new("Year", "2032"), new("Name", "改名"), new("VillageCommunityTargetPercent", "50"), new("EnterpriseUnitTargetPercent", "50")]);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        Assert.Equal(written, await WrittenAsync());
    }

    [Fact]
    public async Task A_town_s_own_variant_of_the_year_stays_in_force_and_the_county_sees_which_towns_are_on_the_revision()
    {
        var center = await LoginAsync("county");
        const string name = "2024年临江县三零创建评定细则";
        var original = await PublishAsync(center, 2024, name);
        var secondOffice = await LoginAsync("t2office", TownBuilder.Password);
        var demoOffice = await LoginAsync("office");

        // The county allows variants; the second town derives its own 2024 set from the county's.
        var allowed = await PostPageFormAsync(center, "/CountyRuleSets/Index", "#variants-form", "/CountyRuleSets/Variants", v => v["Allow"] = "true");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        try
        {
            var copy = await county.Factory.WithDbAsync(db => db.RuleSets.IgnoreQueryFilters()
                .Where(r => r.TownId == county.SecondTownId && r.CountyRuleSetId == original).Select(r => r.Id).SingleAsync());
            var derived = await PostPageFormAsync(secondOffice, $"/RuleSets/Derive/{copy}", "#derive-form", $"/RuleSets/Derive/{copy}", v =>
            {
                v["Year"] = "2024";
                v["Name"] = "白水镇2024年细则";
            });
            Assert.Equal(HttpStatusCode.Redirect, derived.StatusCode);

            var revised = await PostPageFormAsync(center, $"/CountyRuleSets/Revise/{original}", "#revise-form", $"/CountyRuleSets/Revise/{original}", v =>
            {
                v["Reason"] = "企业和单位目标更正为 95%";
                v["EnterpriseUnitTargetPercent"] = "94";
            });
            Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);

            // The demo town's run uses the revision; the second town keeps its variant.
            Assert.Equal("第 1 次修订", (await RunAsync(demoOffice, 2024)).Revision);
            var second = await RunAsync(secondOffice, 2024);
            Assert.Equal(("白水镇2024年细则", "本镇细则", ""), (second.Name, second.Origin, second.Revision));

            // The county sees which towns are on the revision and which are not.
            var page = await center.GetPageAsync(revised.Headers.Location!.OriginalString);
            Assert.Contains("第 1 次修订", Text(page, $"#county-towns-rulesets tr[data-town='{Infrastructure.Seed.DemoTownSeeder.TownCode}']"), StringComparison.Ordinal);
            var secondRow = Text(page, "#county-towns-rulesets tr[data-town='T2']");
            Assert.Contains("白水镇2024年细则", secondRow, StringComparison.Ordinal);
            Assert.Contains("未使用县级现行细则", secondRow, StringComparison.Ordinal);
            Assert.Contains("第 1 次修订", Text(page, "#not-county-T2"), StringComparison.Ordinal);
        }
        finally
        {
            await PostPageFormAsync(center, "/CountyRuleSets/Index", "#variants-form", "/CountyRuleSets/Variants", v => v["Allow"] = "false");
        }
    }

    [Fact]
    public async Task The_revision_pages_and_messages_in_english_show_no_chinese_but_the_county_s_data()
    {
        var center = await LoginAsync("county");
        var set = await PublishAsync(center, 2033, "2033年临江县评定细则");
        await center.PostFormAsync("/Account/SetLanguage", await center.AntiforgeryTokenAsync("/CountyRuleSets/Index"), [new("culture", "en"), new("returnUrl", "/")]);
        var offending = new SortedDictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);

        var stalePage = await center.GetPageAsync($"/CountyRuleSets/Revise/{set}");
        Security.EnglishCrawlTests.Check("GET Revise", stalePage, offending);
        var noReason = await PostPageFormAsync(center, $"/CountyRuleSets/Revise/{set}", "#revise-form", $"/CountyRuleSets/Revise/{set}", v => v["Reason"] = "");
        Assert.Contains("Enter the reason", Text(await noReason.ParseAsync(), "#revise-form"), StringComparison.Ordinal);
        Security.EnglishCrawlTests.Check("POST Revise (no reason)", await noReason.ParseAsync(), offending);
        var unchanged = await PostPageFormAsync(center, $"/CountyRuleSets/Revise/{set}", "#revise-form", $"/CountyRuleSets/Revise/{set}", v => v["Reason"] = "check");
        Security.EnglishCrawlTests.Check("POST Revise (unchanged)", await unchanged.ParseAsync(), offending);
        var revised = await PostPageFormAsync(center, $"/CountyRuleSets/Revise/{set}", "#revise-form", $"/CountyRuleSets/Revise/{set}", v =>
        {
            v["Reason"] = "enterprise target";
            v["EnterpriseUnitTargetPercent"] = "96";
        });
        Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);
        Security.EnglishCrawlTests.Check("GET Details (revision)", await center.GetPageAsync(revised.Headers.Location!.OriginalString), offending);
        var staleValues = PortalClient.FormValues(stalePage, "#revise-form");
        staleValues["Reason"] = "again";
        staleValues["VillageCommunityTargetPercent"] = "80";
        var stale = await center.PostFormAsync($"/CountyRuleSets/Revise/{set}", PortalClient.TokenOf(stalePage), staleValues);
        var staleAnswer = await center.GetPageAsync(stale.Headers.Location!.OriginalString);
        Assert.NotEmpty(Flash(staleAnswer));
        Security.EnglishCrawlTests.Check("POST Revise (stale) → Details (superseded)", staleAnswer, offending);
        Security.EnglishCrawlTests.Check("GET Index", await center.GetPageAsync("/CountyRuleSets/Index"), offending);

        Assert.True(offending.Count == 0, string.Join("; ", offending.Select(o => $"{o.Key}: {string.Join(" | ", o.Value.Distinct())}")));
    }
}
