using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SanLing.Domain.Auditing;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Data;
using SanLing.Domain.Evaluation;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;
using Xunit.Abstractions;

namespace SanLing.Web.Tests.Ledgers;

/// <summary>批量评定: one post sets the missing A items of many subjects to 达标, leaves judgements on file alone, audits one line.</summary>
public sealed class BulkAttestationTests(ITestOutputHelper output)
{
    private const int Year = 2026;

    private static async Task<(SanLingFactory Factory, BuiltTown Town)> TownAsync(int enterprises = 2)
    {
        var factory = new SanLingFactory(demo: false);
        var builder = new TownBuilder().WithRuleSet().WithResponsiblePersons()
            .Village("CUN01", "上塘村").Village("CUN02", "下塘村").Village("CUN03", "中塘村")
            .User("office", Roles.Office).User("leader", Roles.Leadership).User("grid1", Roles.GridWorker, "CUN01").User("liaison", Roles.Liaison, "CUN01");
        for (var i = 1; i <= enterprises; i++)
        {
            builder.Enterprise($"QY{i:0000}", $"企业{i}", territory: "CUN01");
        }
        var town = await builder.BuildAsync(factory);
        return (factory, town);
    }

    private static Task<HttpClient> AsAsync(SanLingFactory factory, string user) => factory.CreateBrowserlessClient().LoggedInAsync(user, TownBuilder.Password);

    private static Task<HttpResponseMessage> BulkAsync(HttpClient client, string token, params (string Key, string Value)[] fields) =>
        client.PostFormAsync("/Attestations/Bulk", token,
            fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("Year", Year.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>Follows the redirect and returns the flash message shown.</summary>
    private static async Task<string> FlashAfterAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        return page.QuerySelector(".alert")?.TextContent.Trim() ?? "";
    }

    private static List<string> ItemsOf(SubjectKind kind) => DefaultRuleSet.Create2020().AttestedItemsFor(kind).Select(i => i.Code).ToList();

    [Fact]
    public async Task Ticked_subjects_get_the_missing_items_set_judgements_on_file_stay_and_exceptions_are_marked_afterwards()
    {
        var (factory, town) = await TownAsync();
        using var _ = factory;
        var village = ItemsOf(SubjectKind.Village);
        var failed = village[1];
        await factory.WithDbAsync(async db =>
        {
            db.Attestations.Add(new Attestation { SubjectId = town.Id("CUN01"), Year = Year, ItemCode = failed, Result = AttestationResult.Fail, Note = "未见台账" });
            await db.SaveChangesAsync();
        });
        var office = await AsAsync(factory, "office");
        var list = await office.GetPageAsync($"/Attestations?year={Year}");
        Assert.NotNull(list.QuerySelector($"#bulk-attestation input[name=SubjectIds][value='{town.Id("CUN02")}']"));
        var auditBefore = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var response = await BulkAsync(office, PortalClient.TokenOf(list), ("SubjectIds", town.Id("CUN01").ToString()), ("SubjectIds", town.Id("CUN02").ToString()));

        var flash = await FlashAfterAsync(office, response);
        Assert.Contains($"批量评定：2 个单位，{2 * village.Count - 1} 项设为达标，1 项已有评定，保持不变。", flash, StringComparison.Ordinal);
        var rows = await factory.WithDbAsync(db => db.Attestations.AsNoTracking().Where(a => a.Year == Year).ToListAsync());
        Assert.Equal(2 * village.Count, rows.Count);
        var kept = rows.Single(r => r.SubjectId == town.Id("CUN01") && r.ItemCode == failed);
        Assert.Equal((AttestationResult.Fail, "未见台账"), (kept.Result, kept.Note));
        Assert.All(rows.Where(r => r != kept), r => Assert.Equal(AttestationResult.Pass, r.Result));
        Assert.DoesNotContain(rows, r => r.SubjectId == town.Id("CUN03"));

        // One audit line for the whole action, naming the subjects and counts; the chain stays intact.
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).Skip(auditBefore).ToListAsync());
        var line = Assert.Single(audit, a => a.EntityType == nameof(Attestation));
        Assert.Equal((AuditAction.Create, "office"), (line.Action, line.UserName));
        Assert.Contains("\"CUN01\"", line.Changes, StringComparison.Ordinal);
        Assert.Contains($"\"set\":{2 * village.Count - 1},\"leftAlone\":1", line.Changes, StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => AuditChain.FirstBrokenLineAsync(db)));

        // The exception is then marked on the subject's grid, as before.
        var gridUrl = $"/Attestations/Grid/{town.Id("CUN02")}?year={Year}";
        var grid = await office.GetPageAsync(gridUrl);
        var exception = village[2];
        var saved = await PostGridAsync(office, grid, gridUrl, code => code == exception ? "Fail" : "Pass");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var cun02 = await factory.WithDbAsync(db => db.Attestations.AsNoTracking().Where(a => a.SubjectId == town.Id("CUN02") && a.Year == Year).ToListAsync());
        Assert.Equal(AttestationResult.Fail, cun02.Single(a => a.ItemCode == exception).Result);
        Assert.Equal(village.Count - 1, cun02.Count(a => a.Result == AttestationResult.Pass));

        // A whole village (itself and its enterprises) in one action: only what is missing is set, the exception stays.
        var again = await office.GetPageAsync($"/Attestations?year={Year}&territoryId={town.Id("CUN01")}");
        var whole = await BulkAsync(office, PortalClient.TokenOf(again), ("All", "true"), ("TerritoryId", town.Id("CUN01").ToString()));
        var enterprise = ItemsOf(SubjectKind.Enterprise);
        Assert.Contains($"批量评定：3 个单位，{2 * enterprise.Count} 项设为达标，{village.Count} 项已有评定，保持不变。", await FlashAfterAsync(office, whole), StringComparison.Ordinal);
        Assert.Equal(AttestationResult.Fail, (await factory.WithDbAsync(db => db.Attestations.SingleAsync(a => a.Id == kept.Id))).Result);

        // Nothing chosen: said so, nothing written.
        var none = await BulkAsync(office, PortalClient.TokenOf(again));
        Assert.Contains("请先勾选单位", await FlashAfterAsync(office, none), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("grid1")]
    [InlineData("liaison")]
    public async Task Only_the_office_may_attest_in_bulk(string user)
    {
        var (factory, _) = await TownAsync();
        using var owned = factory;
        var client = await AsAsync(factory, user);
        // The user's own landing page (every page carries the sign-out form and its token).
        var home = await client.GetAsync("/");
        var token = await client.AntiforgeryTokenAsync(home.Headers.Location?.OriginalString ?? "/");

        var response = await BulkAsync(client, token, ("All", "true"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Attestations.CountAsync()));
    }

    [Fact]
    public async Task A_bulk_attestation_of_1000_subjects_is_one_fast_action()
    {
        var (factory, _) = await TownAsync(enterprises: 1000);
        using var __ = factory;
        var office = await AsAsync(factory, "office");
        var list = await office.GetPageAsync($"/Attestations?year={Year}&kind=Enterprise");
        var enterprise = ItemsOf(SubjectKind.Enterprise);

        var clock = Stopwatch.StartNew();
        var response = await BulkAsync(office, PortalClient.TokenOf(list), ("All", "true"), ("Kind", "Enterprise"));
        clock.Stop();

        Assert.Contains($"批量评定：1000 个单位，{1000 * enterprise.Count} 项设为达标，0 项已有评定，保持不变。", await FlashAfterAsync(office, response), StringComparison.Ordinal);
        output.WriteLine($"Bulk attestation of 1000 subjects ({1000 * enterprise.Count} items): {clock.ElapsedMilliseconds} ms");
        Assert.Equal(1000 * enterprise.Count, await factory.WithDbAsync(db => db.Attestations.CountAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Attestation))));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");

        // Run again: everything is on file, nothing is written.
        var again = await BulkAsync(office, PortalClient.TokenOf(list), ("All", "true"), ("Kind", "Enterprise"));
        Assert.Contains($"批量评定：1000 个单位，0 项设为达标，{1000 * enterprise.Count} 项已有评定，保持不变。", await FlashAfterAsync(office, again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_attestation_filter_offers_the_subject_picker()
    {
        var (factory, _) = await TownAsync();
        using var __ = factory;
        var office = await AsAsync(factory, "office");
        var page = await office.GetPageAsync($"/Attestations?year={Year}");
        Assert.Equal("/Subjects/Search", page.QuerySelector("#q")!.GetAttribute("data-subject-picker"));
        var search = await office.GetAsync("/Subjects/Search?q=stc");
        Assert.Contains("CUN01", await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Posts the grid as the browser would (every line, results as given).</summary>
    private static async Task<HttpResponseMessage> PostGridAsync(HttpClient client, IHtmlDocument page, string url, Func<string, string?> resultOf)
    {
        using var content = new MultipartFormDataContent { { new StringContent(PortalClient.TokenOf(page)), "__RequestVerificationToken" } };
        var lines = page.QuerySelectorAll(".attestation-line").ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var code = lines[i].GetAttribute("data-item")!;
            content.Add(new StringContent(code), $"Items[{i}].ItemCode");
            content.Add(new StringContent(lines[i].QuerySelector($"input[name='Items[{i}].Version']")!.GetAttribute("value") ?? ""), $"Items[{i}].Version");
            content.Add(new StringContent(resultOf(code) ?? ""), $"Items[{i}].Result");
        }
        return await client.PostAsync(url, content);
    }
}
