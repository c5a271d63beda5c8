using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Standards;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Ledgers;

[Collection(DemoTownCollection.Name)]
public sealed class AttestationTests(DemoTownFixture demo)
{
    private const int Year = 2027;
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    private Task<int> SubjectId(string code) => demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    private Task<List<Attestation>> RowsAsync(int subjectId) =>
        demo.Factory.WithDbAsync(db => db.Attestations.AsNoTracking().Where(a => a.SubjectId == subjectId && a.Year == Year).ToListAsync());

    /// <summary>Posts the grid as the browser would: every line's fields, with results and files changed as given.</summary>
    private static async Task<HttpResponseMessage> PostGridAsync(HttpClient client, IHtmlDocument page, string url,
        Func<string, string?> resultOf, Dictionary<string, (string Name, byte[] Bytes)>? files = null)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(PortalClient.TokenOf(page)), "__RequestVerificationToken" },
        };
        var lines = page.QuerySelectorAll(".attestation-line").ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var code = lines[i].GetAttribute("data-item")!;
            content.Add(new StringContent(code), $"Items[{i}].ItemCode");
            content.Add(new StringContent(lines[i].QuerySelector($"input[name='Items[{i}].Version']")!.GetAttribute("value") ?? ""), $"Items[{i}].Version");
            var result = resultOf(code);
            content.Add(new StringContent(result ?? ""), $"Items[{i}].Result");
            content.Add(new StringContent(result is null ? "" : $"说明 {code}"), $"Items[{i}].Note");
            if (files is not null && files.TryGetValue(code, out var file))
            {
                content.Add(new ByteArrayContent(file.Bytes), $"Items[{i}].Evidence", file.Name);
            }
        }
        return await client.PostAsync(url, content);
    }

    [Fact]
    public async Task One_post_saves_every_item_and_a_second_post_updates_them()
    {
        var subjectId = await SubjectId("CUN09");
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var url = $"/Attestations/Grid/{subjectId}?year={Year}";
        var page = await client.GetPageAsync(url);
        var codes = page.QuerySelectorAll(".attestation-line").Select(l => l.GetAttribute("data-item")!).ToList();
        Assert.Contains("1.3", codes);
        Assert.Contains("7.3", codes);
        Assert.DoesNotContain("1.2", codes); // a data item is not attested

        var response = await PostGridAsync(client, page, url, _ => "Pass");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rows = await RowsAsync(subjectId);
        Assert.Equal(codes.Order(), rows.Select(r => r.ItemCode).Order());
        Assert.All(rows, r => Assert.Equal(AttestationResult.Pass, r.Result));

        var again = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await PostGridAsync(client, again, url, code => code == "2.1" ? "Fail" : "Pass")).StatusCode);
        var updated = await RowsAsync(subjectId);
        Assert.Equal(codes.Count, updated.Count);
        Assert.Equal(AttestationResult.Fail, updated.Single(r => r.ItemCode == "2.1").Result);

        // The first page's tokens are stale now: saving it again is refused and nothing changes.
        var stale = await PostGridAsync(client, page, url, _ => "Pass");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("已被他人修改", (await stale.ParseAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(AttestationResult.Fail, (await RowsAsync(subjectId)).Single(r => r.ItemCode == "2.1").Result);

        var list = await client.GetPageAsync($"/Attestations?year={Year}&q=CUN09");
        Assert.Contains($"{codes.Count} / {codes.Count}", list.QuerySelector("#attestation-list .attested-count")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_applicable_is_refused_where_the_item_does_not_allow_it()
    {
        var subjectId = await SubjectId("CUN10");
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var url = $"/Attestations/Grid/{subjectId}?year={Year}";
        var page = await client.GetPageAsync(url);

        var response = await PostGridAsync(client, page, url, code => code is "1.3" or "5.2" ? "NotApplicable" : "Pass");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await response.ParseAsync()).QuerySelector("main")!.TextContent;
        Assert.Contains("1.3“机构运行稳定”不允许选择“不适用”", text, StringComparison.Ordinal);
        Assert.DoesNotContain("5.2“", text, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(subjectId));

        var allowed = await PostGridAsync(client, page, url, code => code is "5.2" ? "NotApplicable" : "Pass");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal(AttestationResult.NotApplicable, (await RowsAsync(subjectId)).Single(r => r.ItemCode == "5.2").Result);
    }

    [Fact]
    public async Task An_evidence_file_that_is_not_an_image_or_pdf_is_refused()
    {
        var subjectId = await SubjectId("CUN11");
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var url = $"/Attestations/Grid/{subjectId}?year={Year}";
        var page = await client.GetPageAsync(url);
        var exe = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00 };

        var response = await PostGridAsync(client, page, url, _ => "Pass", new() { ["2.2"] = ("证明.pdf", exe) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("只能是图片（JPG、PNG）或 PDF 文件", (await response.ParseAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(subjectId));
    }

    [Fact]
    public async Task Stored_evidence_is_downloaded_as_an_attachment_by_office_staff_only_and_is_not_served_statically()
    {
        var subjectId = await SubjectId("CUN12");
        var office = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var url = $"/Attestations/Grid/{subjectId}?year={Year}";
        var page = await office.GetPageAsync(url);

        var response = await PostGridAsync(office, page, url, code => code == "2.3" ? "Pass" : null, new() { ["2.3"] = ("监控验收报告.pdf", Pdf) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = (await RowsAsync(subjectId)).Single();
        Assert.Equal("监控验收报告.pdf", row.EvidenceFileName);
        Assert.Equal("application/pdf", row.EvidenceContentType);
        Assert.NotEqual(row.EvidenceFileName, row.EvidenceStoredName);
        var after = await office.GetPageAsync(url);
        var link = after.QuerySelector(".evidence-link")!.GetAttribute("href")!;

        var download = await office.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("监控验收报告.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        foreach (var path in new[] { $"/App_Data/evidence/{row.EvidenceStoredName}", $"/evidence/{row.EvidenceStoredName}", $"/{row.EvidenceStoredName}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync(path)).StatusCode);
        }
        foreach (var user in new[] { "grid", "liaison", "leader" })
        {
            var other = await demo.Factory.CreateBrowserlessClient().LoggedInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(link)).StatusCode);
        }
    }

    [Theory]
    [InlineData("grid")]
    [InlineData("liaison")]
    [InlineData("leader")]
    public async Task Only_office_staff_open_the_attestation_pages(string user)
    {
        var subjectId = await SubjectId("CUN01");
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Attestations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Attestations/Grid/{subjectId}?year={Year}")).StatusCode);
    }

    [Fact]
    public async Task The_overview_lists_subjects_with_pending_items()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var page = await client.GetPageAsync($"/Attestations?year={Year}&pending=true&kind=Enterprise&q=QY0001");
        var count = page.QuerySelector("#attestation-list .attested-count")!.TextContent;
        Assert.Contains("未完成", count, StringComparison.Ordinal);
        Assert.Contains("0 /", count, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_runs_the_same_number_of_queries_for_one_subject_and_for_a_full_page()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        await client.GetPageAsync($"/Attestations?year={Year}");

        async Task<(int Queries, int Rows)> Measure(string url)
        {
            using var counter = new QueryCounter(demo.Factory.DatabasePath);
            var page = await client.GetPageAsync(url);
            return (counter.Count, page.QuerySelectorAll("#attestation-list tbody tr .attested-count").Length);
        }

        var one = await Measure($"/Attestations?year={Year}&q=QY0001");
        var full = await Measure($"/Attestations?year={Year}");

        Assert.Equal(1, one.Rows);
        Assert.Equal(30, full.Rows);
        Assert.Equal(one.Queries, full.Queries);
        Assert.InRange(full.Queries, 5, 9); // the year's rule set (chosen with the county's variant switch), its items, count, page, territories (+ sign-in checks)
    }
}
