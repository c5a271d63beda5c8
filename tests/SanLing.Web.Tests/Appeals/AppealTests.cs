using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Appeals;

/// <summary>申诉复核 through the portal, in an <see cref="AppealTown"/>.</summary>
public sealed class AppealTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();

    private readonly SanLingFactory _factory = new(demo: false);
    private BuiltTown _town = null!;
    private string _item = "";
    private int _runId;

    public async Task InitializeAsync() => (_town, _item, _runId) = await AppealTown.BuildAsync(_factory);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private Task<HttpClient> AsAsync(string user) => _factory.CreateBrowserlessClient().LoggedInAsync(user, TownBuilder.Password);

    private static async Task<HttpResponseMessage> FileAsync(HttpClient client, string token, int runId, int subjectId, string[] items, string reason,
        params (string Name, byte[] Bytes)[] files)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(runId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "RunId" },
            { new StringContent(subjectId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "SubjectId" },
            { new StringContent(reason), "Reason" },
        };
        foreach (var item in items)
        {
            content.Add(new StringContent(item), "Items");
        }
        foreach (var (name, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), "Files", name);
        }
        return await client.PostAsync("/Appeals/Submit", content);
    }

    /// <summary>The liaison files against the failed item with a PDF; returns the appeal's id.</summary>
    private async Task<int> LiaisonFilesAsync()
    {
        var liaison = await AsAsync("liaison");
        var page = await liaison.GetPageAsync("/Appeals/Mine");
        Assert.NotNull(page.QuerySelector($"#appeal-form input#item-{_item.Replace(".", "\\.", StringComparison.Ordinal)}"));
        Assert.Contains("2026-11-25 至 2026-12-01", page.QuerySelector("#appeal-period")!.TextContent, StringComparison.Ordinal);
        var response = await FileAsync(liaison, PortalClient.TokenOf(page), _runId, _town.Id("QY01"), [_item], "管理制度已于年内建立，见附件", ("制度.pdf", Pdf));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await _factory.WithDbAsync(db => db.Appeals.Select(a => a.Id).SingleAsync());
    }

    private Task<Appeal> AppealAsync(int id) =>
        _factory.WithDbAsync(db => db.Appeals.AsNoTracking().Include(a => a.Items).Include(a => a.Evidence).SingleAsync(a => a.Id == id));

    private Task<ItemVerdict> VerdictAsync(int runId, string subject, string item) => _factory.WithDbAsync(db =>
        db.EvaluationItemResults.Where(i => i.ItemCode == item && db.EvaluationResults.Any(r => r.Id == i.ResultId && r.RunId == runId && r.SubjectId == _town.Id(subject)))
            .Select(i => i.Verdict).SingleAsync());

    [Fact]
    public async Task An_appeal_filed_in_the_period_is_upheld_by_a_new_run_that_records_it_while_the_original_run_stays()
    {
        var id = await LiaisonFilesAsync();
        var appeal = await AppealAsync(id);
        Assert.Equal((AppealStatus.Filed, AppellantRole.Liaison, ItemVerdict.Fail, 1), (appeal.Status, appeal.FiledAs, appeal.Items.Single().Before, appeal.Evidence.Count));
        Assert.Equal("application/pdf", appeal.Evidence[0].ContentType);

        // The office sees it waiting on 今日工作 and in the queue, reads the evidence, and corrects the attestation.
        var office = await AsAsync("office");
        Assert.Equal("1", (await office.GetPageAsync("/Dashboard/Office")).QuerySelector("#appeals-waiting .figure")!.TextContent.Trim());
        Assert.NotNull((await office.GetPageAsync("/Appeals")).QuerySelector($"#appeal-queue tr[data-appeal='{id}'][data-status='Filed']"));
        var details = await office.GetPageAsync($"/Appeals/Details/{id}");
        Assert.NotNull(details.QuerySelector("#attestation-link"));
        var file = await office.GetAsync(details.QuerySelector("#appeal-evidence a")!.GetAttribute("href"));
        Assert.Equal(Pdf, await file.Content.ReadAsByteArrayAsync());
        await _factory.WithDbAsync(async db =>
        {
            var attestation = await db.Attestations.SingleAsync(a => a.SubjectId == _town.Id("QY01") && a.ItemCode == _item);
            attestation.Result = AttestationResult.Pass;
            await db.SaveChangesAsync();
        });
        var before = await _factory.WithDbAsync(db => db.EvaluationResults.Where(r => r.RunId == _runId).OrderBy(r => r.SubjectId).Select(r => new { r.SubjectId, r.Verdict }).ToListAsync());

        var response = await office.PostFormAsync($"/Appeals/Uphold/{id}", PortalClient.TokenOf(details),
            [new("Decision", "已核实制度，更正年度评定"), new("Version", appeal.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        appeal = await AppealAsync(id);
        Assert.Equal(AppealStatus.Upheld, appeal.Status);
        var correction = await _factory.WithDbAsync(db => db.EvaluationRuns.AsNoTracking().SingleAsync(r => r.Id == appeal.CorrectionRunId));
        Assert.Equal(((int?)id, true, 2025), (correction.AnswersAppealId, correction.IsPublished, correction.Year));
        Assert.Equal((ItemVerdict.Fail, (ItemVerdict?)ItemVerdict.Pass), (appeal.Items.Single().Before, appeal.Items.Single().After));
        Assert.Equal(ItemVerdict.Pass, await VerdictAsync(correction.Id, "QY01", _item));
        // The original run is unchanged; the new run holds every subject.
        Assert.Equal(ItemVerdict.Fail, await VerdictAsync(_runId, "QY01", _item));
        Assert.Equal(before, await _factory.WithDbAsync(db => db.EvaluationResults.Where(r => r.RunId == _runId).OrderBy(r => r.SubjectId).Select(r => new { r.SubjectId, r.Verdict }).ToListAsync()));
        Assert.Equal(before.Count, await _factory.WithDbAsync(db => db.EvaluationResults.CountAsync(r => r.RunId == correction.Id)));
        Assert.Equal(appeal.VerdictAfter, await _factory.WithDbAsync(db => db.EvaluationResults.Where(r => r.RunId == correction.Id && r.SubjectId == _town.Id("QY01")).Select(r => (SubjectVerdict?)r.Verdict).SingleAsync()));

        // The final list marks the result changed on appeal; the original run's page shows the 公示 notice.
        var results = await office.GetPageAsync($"/Evaluation/Results/{correction.Id}");
        Assert.NotNull(results.QuerySelector($"#appeal-changes tr[data-appeal='{id}']"));
        Assert.NotNull(results.QuerySelector("#answers-appeal"));
        var original = await office.GetPageAsync($"/Evaluation/Results/{_runId}");
        Assert.Null(original.QuerySelector("#appeal-changes"));
        Assert.Equal("2026-12-01", original.QuerySelector("#appeal-notice")!.GetAttribute("data-last-day"));
        Assert.NotNull(original.QuerySelector("#appeal-where"));

        // The appellant reads the decision; the workbook's 申诉 sheet lists it with the changed verdict.
        var liaison = await AsAsync("liaison");
        var mine = await liaison.GetPageAsync("/Appeals/Mine");
        Assert.Equal("Upheld", mine.QuerySelector($".appeal-row[data-appeal='{id}']")!.GetAttribute("data-status"));
        Assert.Contains("已核实制度", mine.QuerySelector($".appeal-row[data-appeal='{id}'] .appeal-decision")!.TextContent, StringComparison.Ordinal);
        using (var book = new XLWorkbook(await (await office.GetAsync($"/Evaluation/Report/{correction.Id}")).Content.ReadAsStreamAsync()))
        {
            var sheet = book.Worksheet("申诉");
            Assert.Equal("申诉编号", sheet.Cell(1, 1).GetString());
            Assert.Equal(("QY01", _item, "申诉成立", "已核实制度，更正年度评定", $"{_item} 不达标→达标"),
                (sheet.Cell(2, 2).GetString(), sheet.Cell(2, 6).GetString(), sheet.Cell(2, 8).GetString(), sheet.Cell(2, 10).GetString(), sheet.Cell(2, 13).GetString()));
            Assert.Equal("管理制度已于年内建立，见附件", sheet.Cell(2, 7).GetString());
        }

        // Every step audited: filed (appeal, item, evidence), decided, and the new run.
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(e => new { e.EntityType, e.EntityId, e.Action }).ToListAsync());
        Assert.Contains(audit, e => e.EntityType == nameof(Appeal) && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Action == AuditAction.Create);
        Assert.Contains(audit, e => e.EntityType == nameof(Appeal) && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Action == AuditAction.Update);
        Assert.Contains(audit, e => e.EntityType == nameof(AppealEvidence) && e.Action == AuditAction.Create);
        Assert.Contains(audit, e => e.EntityType == nameof(EvaluationRun) && e.EntityId == correction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Action == AuditAction.Create);

        // Decided once: a second decision is refused.
        await office.PostFormAsync($"/Appeals/Reject/{id}", PortalClient.TokenOf(details), [new("Decision", "再驳回"), new("Version", appeal.Version.ToString())]);
        Assert.Equal(AppealStatus.Upheld, (await AppealAsync(id)).Status);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_the_appellant_reads_it()
    {
        var id = await LiaisonFilesAsync();
        var appeal = await AppealAsync(id);
        var office = await AsAsync("office");
        var token = await office.AntiforgeryTokenAsync($"/Appeals/Details/{id}");
        await office.PostFormAsync($"/Appeals/Reject/{id}", token, [new("Decision", " "), new("Version", appeal.Version.ToString())]);
        Assert.Equal(AppealStatus.Filed, (await AppealAsync(id)).Status);

        var response = await office.PostFormAsync($"/Appeals/Reject/{id}", token, [new("Decision", "附件未能证明制度在评定年度内建立"), new("Version", appeal.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        appeal = await AppealAsync(id);
        Assert.Equal((AppealStatus.Rejected, (string?)"附件未能证明制度在评定年度内建立", (int?)null), (appeal.Status, appeal.Decision, appeal.CorrectionRunId));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.EvaluationRuns.CountAsync()));

        var liaison = await AsAsync("liaison");
        var details = await liaison.GetPageAsync($"/Appeals/Details/{id}");
        Assert.Contains("附件未能证明", details.QuerySelector("#appeal-decision")!.TextContent, StringComparison.Ordinal);
        Assert.Null(details.QuerySelector("#appeal-review"));
        var told = Assert.Single((await liaison.GetPageAsync("/Notifications")).QuerySelectorAll("a.notification-text"));
        Assert.Contains("未采纳", told.TextContent, StringComparison.Ordinal);
        Assert.Contains("附件未能证明", told.TextContent, StringComparison.Ordinal);
        using var book = new XLWorkbook(await (await office.GetAsync($"/Evaluation/Report/{_runId}")).Content.ReadAsStreamAsync());
        Assert.Equal(("申诉不成立", "附件未能证明制度在评定年度内建立", ""), (book.Worksheet("申诉").Cell(2, 8).GetString(), book.Worksheet("申诉").Cell(2, 10).GetString(), book.Worksheet("申诉").Cell(2, 13).GetString()));
    }

    [Fact]
    public async Task After_the_period_an_appeal_is_refused_with_a_message_and_nothing_is_written()
    {
        // The day after the period's last day (2026-12-01), signed in afresh.
        _factory.Clock.Now = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.FromHours(8));
        var liaison = await AsAsync("liaison");
        var page = await liaison.GetPageAsync("/Appeals/Mine");
        var response = await FileAsync(liaison, PortalClient.TokenOf(page), _runId, _town.Id("QY01"), [_item], "迟交的申诉", ("制度.pdf", Pdf));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("公示期已过", (await response.ParseAsync()).QuerySelector(".validation-summary-errors, [data-valmsg-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await _factory.WithDbAsync(db => db.Appeals.AnyAsync()));
        var mine = await liaison.GetPageAsync("/Appeals/Mine");
        Assert.Null(mine.QuerySelector("#appeal-form"));
        Assert.NotNull(mine.QuerySelector("#appeal-why-not"));
    }

    [Fact]
    public async Task Only_the_subjects_own_liaison_or_grid_worker_appeals_and_reads_the_evidence()
    {
        var id = await LiaisonFilesAsync();
        var evidenceId = (await AppealAsync(id)).Evidence[0].Id;

        // Another enterprise's liaison, and the village's grid worker for an enterprise: refused, nothing written.
        foreach (var user in new[] { "liaison2", "grid1" })
        {
            var client = await AsAsync(user);
            var token = await client.AntiforgeryTokenAsync("/Appeals/Mine");
            var refused = await FileAsync(client, token, _runId, _town.Id("QY01"), [_item], "代为申诉", ("制度.pdf", Pdf));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Appeals/Details/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Appeals/Evidence/{evidenceId}")).StatusCode);
        }
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Appeals.CountAsync()));
        // The grid worker's own page is the village's.
        var grid = await AsAsync("grid1");
        Assert.Contains("上塘村", (await grid.GetPageAsync("/Appeals/Mine")).QuerySelector("h1 + p")!.TextContent, StringComparison.Ordinal);

        // Leadership has no part: no page, no evidence.
        var leader = await AsAsync("leader");
        foreach (var url in new[] { "/Appeals/Mine", "/Appeals", $"/Appeals/Details/{id}", $"/Appeals/Evidence/{evidenceId}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync(url)).StatusCode);
        }
        // The appellant reads their own evidence.
        var liaison = await AsAsync("liaison");
        Assert.Equal(HttpStatusCode.OK, (await liaison.GetAsync($"/Appeals/Evidence/{evidenceId}")).StatusCode);
    }

    [Fact]
    public async Task Evidence_is_checked_by_its_bytes_size_and_count()
    {
        var liaison = await AsAsync("liaison");
        var page = await liaison.GetPageAsync("/Appeals/Mine");
        var token = PortalClient.TokenOf(page);
        var subject = _town.Id("QY01");
        var renamedText = "这不是 PDF，只是改了扩展名"u8.ToArray();
        var oversized = new byte[AppealRules.MaxEvidenceBytes + 1];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(oversized, 0);
        var tooMany = Enumerable.Range(1, AppealRules.MaxEvidenceFiles + 1).Select(i => ($"{i}.pdf", Pdf)).ToArray();

        foreach (var (files, message) in new[]
        {
            (new[] { ("制度.pdf", renamedText) }, "证明材料只能是图片"),
            (new[] { ("照片.png", oversized) }, "不能超过 5 MB"),
            (tooMany, "最多"),
        })
        {
            var response = await FileAsync(liaison, token, _runId, subject, [_item], "理由", files);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, (await response.ParseAsync()).QuerySelector("#appeal-form")!.TextContent, StringComparison.Ordinal);
        }
        // A missing reason is refused too.
        var noReason = await FileAsync(liaison, token, _runId, subject, [_item], "", ("制度.pdf", Pdf));
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.False(await _factory.WithDbAsync(db => db.Appeals.AnyAsync()));
        var folder = Path.Combine(Path.GetDirectoryName(_factory.DatabasePath)!, Path.GetFileNameWithoutExtension(_factory.DatabasePath) + "-appeal-evidence");
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0);
    }
}
