using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Inspections;

/// <summary>
/// Monthly sign-off on the hand-built town of <see cref="InspectionTownFixture"/> (today 2026-11-25, due day the 5th:
/// October is reviewable, November is not). Submitted inspections: 西村 V2-G1 in September, October and November;
/// 东村 V1 both grids in September and October; E1 (no workshops) in September, October and November. E2's workshops
/// and E3 submitted nothing.
/// </summary>
public sealed class SignOffTests(InspectionTownFixture town) : IClassFixture<InspectionTownFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (await town.Factory.WithDbAsync(db => db.Inspections.AnyAsync()))
        {
            return;
        }
        await town.Factory.WithDbAsync(async db =>
        {
            void Add(string subject, string? grid, int month)
            {
                var m = new DateOnly(2026, month, 1);
                db.Inspections.Add(new Inspection
                {
                    SubjectId = town.Subjects[subject], GridId = grid is null ? null : town.Grids[grid], Month = m, InspectedOn = m.AddDays(20),
                    Inspector = "测试", Status = InspectionStatus.Submitted, SubmittedAt = DateTimeOffset.UtcNow, NothingFound = true,
                });
            }
            foreach (var month in new[] { 9, 10, 11 })
            {
                Add("V2", "V2-G1", month);
                Add("E1", null, month);
            }
            foreach (var month in new[] { 9, 10 })
            {
                Add("V1", "V1-G1", month);
                Add("V1", "V1-G2", month);
            }
            await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string EditUrl(int subjectId, int? gridId, string month) =>
        $"/Inspections/Edit?subjectId={subjectId}" + (gridId is null ? "" : $"&gridId={gridId}") + $"&month={month}";

    private Task<Inspection> InspectionAsync(string subject, string? grid, int month) => town.Factory.WithDbAsync(db =>
        db.Inspections.AsNoTracking().SingleAsync(i => i.SubjectId == town.Subjects[subject] && i.GridId == (grid == null ? null : town.Grids[grid]) && i.Month == new DateOnly(2026, month, 1)));

    /// <summary>Posts a form of the page and follows the redirect to the page that shows the outcome.</summary>
    private static async Task<IHtmlDocument> PostAndFollowAsync(HttpClient client, IHtmlDocument page, string url, Dictionary<string, string> values)
    {
        var response = await client.PostFormAsync(url, PortalClient.TokenOf(page), values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetPageAsync(response.Headers.Location!.OriginalString);
    }

    private static string Flash(IHtmlDocument page) => string.Join(" ", page.QuerySelectorAll("[data-flash]").Select(e => e.TextContent.Trim()));

    [Fact]
    public async Task A_returned_inspection_reaches_the_worker_with_its_reason_and_the_resubmission_reaches_the_office()
    {
        var office = await town.ClientAsync("o1");
        var page = await office.GetPageAsync(EditUrl(town.Subjects["V2"], town.Grids["V2-G1"], "2026-10"));
        var form = PortalClient.FormValues(page, "#return-form");
        form["Reason"] = "请写明排查的具体地点";
        var after = await PostAndFollowAsync(office, page, "/InspectionReview/Return", form);
        Assert.Contains("已退回", Flash(after), StringComparison.Ordinal);
        Assert.Equal("请写明排查的具体地点", after.QuerySelector("#return-reason")?.TextContent);
        var returned = await InspectionAsync("V2", "V2-G1", 10);
        Assert.Equal(ReviewState.Returned, returned.ReviewState);
        Assert.Equal("o1", returned.ReturnedBy);
        // Still counted as submitted (decision 0015): the not-submitted list does not name it.
        var missing = await office.GetPageAsync("/InspectionReview/Missing?month=2026-10");
        Assert.DoesNotContain(missing.QuerySelectorAll("#missing-list tbody tr"), r => r.TextContent.Contains("西一网格", StringComparison.Ordinal));
        // The return is audited with its reason.
        var audited = await town.Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Inspection) && a.EntityId == returned.Id.ToString()).Select(a => a.Changes).ToListAsync());
        Assert.Contains(audited, c => c != null && c.Contains("请写明排查的具体地点", StringComparison.Ordinal));

        // The grid worker sees it on top of 待办, with the reason, and opens it.
        var worker = await town.ClientAsync("w3");
        var worklist = await worker.GetPageAsync("/Worklist");
        var item = worklist.QuerySelector("#returned-inspections [data-kind=returned]");
        Assert.NotNull(item);
        Assert.Contains("请写明排查的具体地点", item.TextContent, StringComparison.Ordinal);
        Assert.Same(worklist.QuerySelector("main section"), worklist.QuerySelector("#returned-inspections"));
        // …and in their notification list, linked to the form; nobody else of the town is told.
        var bell = await worker.GetPageAsync("/Notifications");
        var notice = Assert.Single(bell.QuerySelectorAll("a.notification-text"));
        Assert.Contains("请写明排查的具体地点", notice.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-10", notice.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(1, await town.Factory.WithDbAsync(db => db.Notifications.IgnoreQueryFilters().CountAsync(n => n.Kind == SanLing.Domain.Notifications.NotificationKind.InspectionReturned)));
        var edit = await worker.GetPageAsync(item.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal("请写明排查的具体地点", edit.QuerySelector("#return-reason")?.TextContent);
        Assert.Null(edit.QuerySelector("#return-form"));
        Assert.Contains("重新提交", edit.QuerySelector("#submit-button")!.TextContent, StringComparison.Ordinal);

        // They correct and resubmit: Returned → Resubmitted, off their worklist, into the office's queue.
        var values = PortalClient.FormValues(edit);
        values["Inspector"] = "李三（村委会北侧）";
        values["Command"] = "submit";
        var response = await worker.PostFormAsync("/Inspections/Edit", PortalClient.TokenOf(edit), values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var resubmitted = await InspectionAsync("V2", "V2-G1", 10);
        Assert.Equal(ReviewState.Resubmitted, resubmitted.ReviewState);
        Assert.NotNull(resubmitted.ResubmittedAt);
        Assert.Null((await worker.GetPageAsync("/Worklist")).QuerySelector("#returned-inspections"));
        var queue = await office.GetPageAsync("/InspectionReview/SignOff?month=2026-10");
        var queued = queue.QuerySelector($"#resubmitted-list [data-inspection='{resubmitted.Id}']");
        Assert.NotNull(queued);
        Assert.Contains("请写明排查的具体地点", queued.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_locks_the_subjects_month_for_its_workers_and_a_second_approval_is_answered_with_a_message()
    {
        var office = await town.ClientAsync("o1");
        var page = await office.GetPageAsync("/InspectionReview/SignOff?month=2026-10");
        var row = page.QuerySelector("#signoff-list tr[data-subject='V1']")!;
        var form = PortalClient.FormValues((IHtmlFormElement)row.QuerySelector("form")!);
        var after = await PostAndFollowAsync(office, page, "/InspectionReview/Approve", form);
        Assert.Contains("已审核通过", Flash(after), StringComparison.Ordinal);
        Assert.Equal("true", after.QuerySelector("#signoff-list tr[data-subject='V1']")!.GetAttribute("data-approved"));
        var approval = await town.Factory.WithDbAsync(db => db.MonthLocks.AsNoTracking().SingleAsync(m => m.SubjectId == town.Subjects["V1"] && m.Month == new DateOnly(2026, 10, 1)));
        Assert.Equal("o1", approval.LockedBy);
        Assert.Equal(town.Factory.Clock.Now, approval.LockedAt);

        // The same form posted again: a message, nothing written.
        after = await PostAndFollowAsync(office, page, "/InspectionReview/Approve", form);
        Assert.Contains("已审核通过，无需再次审核", Flash(after), StringComparison.Ordinal);

        // The grid worker can no longer change it: a clear message, no 500, nothing written.
        var worker = await town.ClientAsync("w1");
        var edit = await worker.GetPageAsync(EditUrl(town.Subjects["V1"], town.Grids["V1-G1"], "2026-10"));
        Assert.NotNull(edit.QuerySelector("#lock-notice"));
        var values = PortalClient.FormValues(edit);
        values["Inspector"] = "改过";
        values["Command"] = "submit";
        var response = await worker.PostFormAsync("/Inspections/Edit", PortalClient.TokenOf(edit), values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已由综治办审核锁定", (await response.ParseAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("测试", (await InspectionAsync("V1", "V1-G1", 10)).Inspector);
        // Another village's month is not locked by it.
        Assert.Null((await (await town.ClientAsync("w3")).GetPageAsync(EditUrl(town.Subjects["V2"], town.Grids["V2-G1"], "2026-09"))).QuerySelector("#lock-notice"));
    }

    [Fact]
    public async Task Unlocking_needs_a_reason_and_writes_it_into_the_audit_line()
    {
        var office = await town.ClientAsync("o1");
        var page = await office.GetPageAsync("/InspectionReview/SignOff?month=2026-09&territoryId=" + town.Subjects["V2"]);
        var approve = PortalClient.FormValues((IHtmlFormElement)page.QuerySelector("#signoff-list tr[data-subject='V2'] form")!);
        page = await PostAndFollowAsync(office, page, "/InspectionReview/Approve", approve);
        var unlock = PortalClient.FormValues((IHtmlFormElement)page.QuerySelector("#signoff-list tr[data-subject='V2'] details.unlock form")!);

        unlock["Reason"] = "  ";
        var after = await PostAndFollowAsync(office, page, "/InspectionReview/Unlock", unlock);
        Assert.Contains("请填写解锁理由", Flash(after), StringComparison.Ordinal);
        Assert.Equal("true", after.QuerySelector("#signoff-list tr[data-subject='V2']")!.GetAttribute("data-approved"));

        unlock["Reason"] = "网格员补报隐患，需更正";
        after = await PostAndFollowAsync(office, page, "/InspectionReview/Unlock", unlock);
        Assert.Contains("已解锁", Flash(after), StringComparison.Ordinal);
        var row = after.QuerySelector("#signoff-list tr[data-subject='V2']")!;
        Assert.Equal("false", row.GetAttribute("data-approved"));
        Assert.Contains("网格员补报隐患，需更正", row.TextContent, StringComparison.Ordinal);
        var line = await town.Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(MonthLock)).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("o1", line.UserName);
        Assert.Contains("网格员补报隐患，需更正", line.Changes, StringComparison.Ordinal);
        Assert.Contains("UnlockReason", line.Changes, StringComparison.Ordinal);

        // The worker may change the month again.
        Assert.Null((await (await town.ClientAsync("w3")).GetPageAsync(EditUrl(town.Subjects["V2"], town.Grids["V2-G1"], "2026-09"))).QuerySelector("#lock-notice"));
    }

    [Fact]
    public async Task A_village_is_approved_in_bulk_and_its_unready_subjects_are_counted_by_reason()
    {
        var office = await town.ClientAsync("o1");
        var page = await office.GetPageAsync("/InspectionReview/SignOff?month=2026-09&territoryId=" + town.Subjects["V1"]);
        var after = await PostAndFollowAsync(office, page, "/InspectionReview/ApproveTerritory", PortalClient.FormValues(page, "#approve-territory-form"));
        Assert.Contains("已审核通过 2 个单位", Flash(after), StringComparison.Ordinal);
        Assert.Contains("2 个：该单位本月还有网格未提交排查", Flash(after), StringComparison.Ordinal);
        var approved = await town.Factory.WithDbAsync(db => db.MonthLocks.AsNoTracking()
            .Where(m => m.Month == new DateOnly(2026, 9, 1) && m.UnlockedAt == null).Select(m => m.Subject!.Code).ToListAsync());
        Assert.Contains("V1", approved);
        Assert.Contains("E1", approved);
        Assert.DoesNotContain("E2", approved);
        Assert.DoesNotContain("E3", approved);
    }

    [Fact]
    public async Task Returning_before_the_due_day_is_answered_with_a_message_and_writes_nothing()
    {
        var office = await town.ClientAsync("o1");
        var page = await office.GetPageAsync(EditUrl(town.Subjects["E1"], null, "2026-11"));
        Assert.Null(page.QuerySelector("#return-form"));
        var inspection = await InspectionAsync("E1", null, 11);
        var after = await PostAndFollowAsync(office, page, "/InspectionReview/Return", new()
        {
            ["InspectionId"] = inspection.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Version"] = inspection.Version.ToString(),
            ["Reason"] = "太早了",
        });
        Assert.Contains("尚未过截止日", Flash(after), StringComparison.Ordinal);
        Assert.Equal(ReviewState.None, (await InspectionAsync("E1", null, 11)).ReviewState);

        var approve = await office.PostFormAsync("/InspectionReview/Approve", PortalClient.TokenOf(page), [new("subjectId", town.Subjects["E1"].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("month", "2026-11")]);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Contains("尚未过截止日", Flash(await office.GetPageAsync(approve.Headers.Location!.OriginalString)), StringComparison.Ordinal);
        Assert.False(await town.Factory.WithDbAsync(db => db.MonthLocks.AnyAsync(m => m.Month == new DateOnly(2026, 11, 1))));
    }

    [Fact]
    public async Task A_grid_worker_can_neither_approve_nor_return()
    {
        var worker = await town.ClientAsync("w1");
        var token = PortalClient.TokenOf(await worker.GetPageAsync(EditUrl(town.Subjects["V1"], town.Grids["V1-G1"], "2026-10")));
        var inspection = await InspectionAsync("V1", "V1-G1", 10);
        var approve = await worker.PostFormAsync("/InspectionReview/Approve", token, [new("subjectId", town.Subjects["V1"].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("month", "2026-10")]);
        var territory = await worker.PostFormAsync("/InspectionReview/ApproveTerritory", token, [new("territoryId", town.Subjects["V1"].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("month", "2026-09")]);
        var giveBack = await worker.PostFormAsync("/InspectionReview/Return", token, [new("InspectionId", inspection.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Version", inspection.Version.ToString()), new("Reason", "自己退回")]);
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, territory.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, giveBack.StatusCode);
        Assert.Equal(ReviewState.None, (await InspectionAsync("V1", "V1-G1", 10)).ReviewState);
    }

    [Fact]
    public async Task The_sign_off_page_runs_the_same_number_of_queries_for_a_small_and_a_large_town()
    {
        var office = await town.ClientAsync("o1");
        string[] urls = ["/InspectionReview/SignOff?month=2026-10", "/InspectionReview/SignOff?month=2026-10&territoryId=" + town.Subjects["V2"]];
        foreach (var url in urls)
        {
            await office.GetAsync(url); // warm up
        }
        using var counter = new QueryCounter(town.Factory.DatabasePath);
        var before = new List<int>();
        foreach (var url in urls)
        {
            before.Add(await counter.CountAsync(() => office.GetAsync(url)));
        }

        await town.Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 80; i++)
            {
                var subject = new Subject { Code = $"SO{i:000}", Name = $"审核企业{i}", Kind = SubjectKind.Enterprise, TerritoryId = town.Subjects["V2"] };
                if (i % 2 == 0)
                {
                    subject.Grids.Add(new Grid { Code = $"SO{i:000}-C1", Name = "车间", WorkerName = "某人", WorkerPhone = "13900000000" });
                }
                db.Subjects.Add(subject);
            }
            await db.SaveChangesAsync();
            var added = await db.Subjects.Where(s => s.Code.StartsWith("SO")).Select(s => new { s.Id, Grid = s.Grids.Select(g => (int?)g.Id).FirstOrDefault() }).ToListAsync();
            foreach (var s in added)
            {
                db.Inspections.Add(new Inspection
                {
                    SubjectId = s.Id, GridId = s.Grid, Month = new DateOnly(2026, 10, 1), InspectedOn = new DateOnly(2026, 10, 20), Status = InspectionStatus.Submitted, NothingFound = true,
                    ReviewState = s.Id % 3 == 0 ? ReviewState.Resubmitted : s.Id % 3 == 1 ? ReviewState.Returned : ReviewState.None, ReturnReason = "请补充",
                });
            }
            await db.SaveChangesAsync();
        });

        var after = new List<int>();
        foreach (var url in urls)
        {
            after.Add(await counter.CountAsync(() => office.GetAsync(url)));
        }
        Assert.Equal(before, after);
        Assert.All(after, n => Assert.InRange(n, 1, 14));
        var page = await office.GetPageAsync(urls[1]);
        Assert.Equal(SanLing.Web.Features.InspectionReview.SignOffQueries.PageSize, page.QuerySelectorAll("#signoff-list tbody tr").Length);
    }
}
