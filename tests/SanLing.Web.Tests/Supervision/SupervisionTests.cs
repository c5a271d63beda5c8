using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Domain.Supervision;
using SanLing.Web.Tests.Administration;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Supervision;

/// <summary>督办 through the portal: issue from a late task, answer in scope only, verify or send back, cards by the town's calendar.</summary>
public sealed class SupervisionTests : IAsyncLifetime, IDisposable
{
    private readonly SanLingFactory _factory = new(demo: false);
    private SupervisionTown _town = null!;

    public async Task InitializeAsync() => _town = await SupervisionTown.SeedAsync(_factory);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private Task<HttpClient> AsAsync(string user) => _factory.CreateBrowserlessClient().LoggedInAsync(user, TownBuilder.Password);

    /// <summary>Opens the issue form from <paramref name="url"/>, changes it, posts it; returns the new order's id.</summary>
    private static async Task<int> IssueAsync(HttpClient office, string url, Action<Dictionary<string, string>>? change = null)
    {
        var page = await office.GetPageAsync(url);
        var values = PortalClient.FormValues(page, "#issue-form");
        change?.Invoke(values);
        var response = await office.PostFormAsync("/Supervision/Issue", PortalClient.TokenOf(page), values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<SupervisionOrder> OrderAsync(int id) => _factory.WithDbAsync(db => db.SupervisionOrders.AsNoTracking().SingleAsync(o => o.Id == id));

    [Fact]
    public async Task An_order_from_an_overdue_hazard_goes_to_its_grid_worker_who_alone_answers_and_the_office_returns_then_closes_it()
    {
        var office = await AsAsync("office");
        // The work list names the grid's worker and offers 督办.
        var list = await office.GetPageAsync("/InspectionReview/WorkList?list=hazards");
        var row = list.QuerySelector($"#overdue-hazards tr[data-finding='{_town.Hazard("CUN01")}']")!;
        Assert.Equal("张三", row.QuerySelector(".responsible")!.TextContent.Trim());
        var issueUrl = row.QuerySelector("a.issue-link")!.GetAttribute("href")!;

        var id = await IssueAsync(office, issueUrl, v => v["LimitDays"] = "3");
        var order = await OrderAsync(id);
        Assert.Equal((SupervisionSource.OverdueHazard, _town.Town.UserIds["grid1"], "grid1", _town.Hazard("CUN01")), (order.Source, order.AssigneeUserId, order.AssigneeName, order.FindingId));
        Assert.Equal(new DateOnly(2026, 11, 30), order.DueOn); // Wed 25 + Thu, Fri, Mon
        // The row now links to its order instead of offering a second one.
        list = await office.GetPageAsync("/InspectionReview/WorkList?list=hazards");
        Assert.Equal($"/Supervision/Details/{id}", list.QuerySelector($"tr[data-finding='{_town.Hazard("CUN01")}'] a.order-link")!.GetAttribute("href"));

        // Another village's grid worker and the enterprise's liaison neither see nor answer it.
        foreach (var other in new[] { "grid2", "liaison" })
        {
            var client = await AsAsync(other);
            Assert.Empty((await client.GetPageAsync("/Supervision")).QuerySelectorAll("#supervision-list tr[data-order]"));
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Supervision/Details/{id}")).StatusCode);
            var token = await client.AntiforgeryTokenAsync("/Supervision");
            var refused = await client.PostFormAsync($"/Supervision/Answer/{id}", token, [new("Answer", "不是我的"), new("Version", order.Version.ToString())]);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
        // The office does not answer in the grid worker's place.
        Assert.Null((await office.GetPageAsync($"/Supervision/Details/{id}")).QuerySelector("#answer-form"));
        var officeToken = await office.AntiforgeryTokenAsync("/Supervision");
        Assert.Equal(HttpStatusCode.NotFound, (await office.PostFormAsync($"/Supervision/Answer/{id}", officeToken, [new("Answer", "代答"), new("Version", order.Version.ToString())])).StatusCode);
        Assert.Equal(SupervisionStatus.Issued, (await OrderAsync(id)).Status);
        // Nor may a grid worker close or issue.
        var grid1 = await AsAsync("grid1");
        var gridToken = await grid1.AntiforgeryTokenAsync("/Supervision");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid1.PostFormAsync($"/Supervision/Close/{id}", gridToken, [new("version", order.Version.ToString())])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await grid1.GetAsync(issueUrl)).StatusCode);

        // The addressee sees it and answers; an empty answer is refused and writes nothing.
        var mine = await grid1.GetPageAsync("/Supervision");
        Assert.NotNull(mine.QuerySelector($"#supervision-list tr[data-order='{id}']"));
        var details = await grid1.GetPageAsync($"/Supervision/Details/{id}");
        var values = PortalClient.FormValues(details, "#answer-form");
        values["Answer"] = "  ";
        await grid1.PostFormAsync($"/Supervision/Answer/{id}", PortalClient.TokenOf(details), values);
        Assert.Equal(SupervisionStatus.Issued, (await OrderAsync(id)).Status);
        values["Answer"] = "已清理消防通道，拍照留存。";
        Assert.Equal(HttpStatusCode.Redirect, (await grid1.PostFormAsync($"/Supervision/Answer/{id}", PortalClient.TokenOf(details), values)).StatusCode);
        Assert.Equal(SupervisionStatus.Answered, (await OrderAsync(id)).Status);

        // The office sends it back with a reason (and without one: refused).
        _factory.Clock.Now = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)); // Friday
        // Sessions end after 12 hours: sign in again on the new day.
        office = await AsAsync("office");
        grid1 = await AsAsync("grid1");
        var verify = await office.GetPageAsync($"/Supervision/Details/{id}");
        var back = PortalClient.FormValues(verify, "#return-form");
        back["Reason"] = "";
        await office.PostFormAsync($"/Supervision/Return/{id}", PortalClient.TokenOf(verify), back);
        Assert.Equal(SupervisionStatus.Answered, (await OrderAsync(id)).Status);
        back["Reason"] = "请补充整改后照片";
        await office.PostFormAsync($"/Supervision/Return/{id}", PortalClient.TokenOf(verify), back);
        order = await OrderAsync(id);
        Assert.Equal((SupervisionStatus.Returned, "请补充整改后照片", new DateOnly(2026, 12, 2)), (order.Status, order.ReturnReason, order.DueOn));

        // The worker sees the reason and answers again; the office closes.
        details = await grid1.GetPageAsync($"/Supervision/Details/{id}");
        Assert.Equal("请补充整改后照片", details.QuerySelector("#return-reason")!.TextContent.Trim());
        values = PortalClient.FormValues(details, "#answer-form");
        values["Answer"] = "已补充照片。";
        await grid1.PostFormAsync($"/Supervision/Answer/{id}", PortalClient.TokenOf(details), values);
        verify = await office.GetPageAsync($"/Supervision/Details/{id}");
        await office.PostFormAsync($"/Supervision/Close/{id}", PortalClient.TokenOf(verify), PortalClient.FormValues(verify, "#close-form"));
        Assert.Equal(SupervisionStatus.Closed, (await OrderAsync(id)).Status);

        // Every step is in the audit trail: issued, answered, returned, answered, closed.
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(SupervisionOrder) && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditAction.Create, AuditAction.Update, AuditAction.Update, AuditAction.Update, AuditAction.Update], audit);
    }

    [Fact]
    public async Task Cards_follow_the_towns_calendar_and_a_red_card_escalates_to_the_leadership_count()
    {
        // The admin declares Monday 30 November a holiday and keeps the default thresholds (yellow 1, escalate after 2).
        var admin = await AsAsync("admin");
        var saved = await admin.PostPageFormAsync("/Settings", "#town-settings-form", "/Settings", v => v["Holidays"] = "2026-11-30 调休\n");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("2026-11-30 调休", (await admin.GetPageAsync("/Settings")).QuerySelector("#Holidays")!.TextContent, StringComparison.Ordinal);
        var bad = await admin.PostPageFormAsync("/Settings", "#town-settings-form", "/Settings", v => v["Holidays"] = "2026-11-31");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("节假日第 1 行无效", (await bad.ParseAsync()).QuerySelector("#town-settings-form")!.TextContent, StringComparison.Ordinal);

        _factory.Clock.Now = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(8)); // Thursday
        var office = await AsAsync("office");
        var id = await IssueAsync(office, $"/Supervision/Issue?Source=RiskyDispute&Id={_town.RiskyDispute("CUN02")}", v => v["LimitDays"] = "2");
        Assert.Equal(new DateOnly(2026, 12, 1), (await OrderAsync(id)).DueOn); // Fri, (weekend, holiday) Tue

        async Task<(string Card, string Red, string Yellow, string Escalated, string Leadership)> ReadAsync(DateTimeOffset at)
        {
            _factory.Clock.Now = at;
            // Sessions end after 12 hours: sign in again on each day.
            office = await AsAsync("office");
            var leader = await AsAsync("leader");
            var row = (await office.GetPageAsync("/Supervision")).QuerySelector($"tr[data-order='{id}']")!;
            var work = await office.GetPageAsync("/Dashboard/Office");
            var lead = await leader.GetPageAsync("/Dashboard");
            return (row.QuerySelector(".card-badge")?.GetAttribute("data-card") ?? "none", work.QuerySelector("#orders-red")!.TextContent.Trim(),
                work.QuerySelector("#orders-yellow")!.TextContent.Trim(), work.QuerySelector("#orders-escalated")!.TextContent,
                lead.QuerySelector("#escalated-orders .fw-bold")!.TextContent.Trim());
        }

        Assert.Equal(("none", "0", "0", "已升级 0", "0"), await ReadAsync(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(8))));
        Assert.Equal(("yellow", "0", "1", "已升级 0", "0"), await ReadAsync(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.FromHours(8)))); // Saturday
        Assert.Equal(("yellow", "0", "1", "已升级 0", "0"), await ReadAsync(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8)))); // the holiday
        Assert.Equal(("red", "1", "0", "已升级 0", "0"), await ReadAsync(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8))));
        Assert.Equal(("red", "1", "0", "已升级 1", "1"), await ReadAsync(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(8))));

        // Escalated to the subject's 第一责任人, by name on the order, as a number only for leadership.
        var details = await office.GetPageAsync($"/Supervision/Details/{id}");
        Assert.Contains("赵一", details.QuerySelector("#escalated")!.TextContent, StringComparison.Ordinal);
        var escalatedList = await office.GetPageAsync("/Supervision?Escalated=true");
        Assert.Single(escalatedList.QuerySelectorAll("#supervision-list tr[data-order]"));
        var lead = await AsAsync("leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/Supervision")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/Supervision/Details/{id}")).StatusCode);
    }

    [Fact]
    public async Task Orders_come_from_a_missing_inspection_or_a_backlog_petition_and_the_list_exports_to_excel()
    {
        var office = await AsAsync("office");
        var missing = await office.GetPageAsync("/InspectionReview/Missing");
        var issue = missing.QuerySelector($"#missing-list tr[data-grid='CUN01-G2'] a.issue-link")!.GetAttribute("href")!;
        Assert.Contains("Month=2026-11", issue, StringComparison.Ordinal); // 25 Nov: November (due 5 Dec) is the month due now
        var fromMissing = await IssueAsync(office, issue);
        Assert.Equal((SupervisionSource.MissingInspection, new DateOnly(2026, 11, 1)), ((await OrderAsync(fromMissing)).Source, (await OrderAsync(fromMissing)).Month));

        // The enterprise has no grid: its order goes to its liaison by default, or to its 直接责任人 (no account).
        var petition = await _factory.WithDbAsync(db => db.Petitions.Where(p => p.Number == "XF-CUN01").Select(p => p.Id).SingleAsync());
        var backlog = await office.GetPageAsync("/InspectionReview/WorkList?list=backlog");
        Assert.Equal("孙副镇长", backlog.QuerySelector($"#backlog-list tr[data-petition='{petition}'] .responsible")!.TextContent.Trim());
        var fromBacklog = await IssueAsync(office, backlog.QuerySelector($"#backlog-list tr[data-petition='{petition}'] a.issue-link")!.GetAttribute("href")!,
            v => v["Assignee"] = "leader");
        var order = await OrderAsync(fromBacklog);
        Assert.Equal((AssigneeKind.SubjectLeader, (string?)null, "钱二"), (order.AssigneeKind, order.AssigneeUserId, order.AssigneeName));
        // The leader has no account: the office records the answer.
        var leaderOrder = await office.GetPageAsync($"/Supervision/Details/{fromBacklog}");
        var answer = PortalClient.FormValues(leaderOrder, "#answer-form");
        answer["Answer"] = "包案领导已约谈信访人";
        await office.PostFormAsync($"/Supervision/Answer/{fromBacklog}", PortalClient.TokenOf(leaderOrder), answer);
        Assert.Equal(SupervisionStatus.Answered, (await OrderAsync(fromBacklog)).Status);

        // An assignee outside the subject's people is refused and nothing is written.
        var page = await office.GetPageAsync($"/Supervision/Issue?Source=OverdueHazard&Id={_town.Hazard("CUN02")}");
        var values = PortalClient.FormValues(page, "#issue-form");
        values["Assignee"] = _town.Town.UserIds["grid1"];
        var refused = await office.PostFormAsync("/Supervision/Issue", PortalClient.TokenOf(page), values);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.SupervisionOrders.CountAsync()));
        values["Assignee"] = _town.Town.UserIds["grid2"];
        values["LimitDays"] = "0";
        Assert.Equal(HttpStatusCode.OK, (await office.PostFormAsync("/Supervision/Issue", PortalClient.TokenOf(page), values)).StatusCode);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.SupervisionOrders.CountAsync()));

        // The subject's detail lists its orders.
        var subject = await office.GetPageAsync($"/Subjects/Details/{_town.Town.Id("CUN01")}");
        Assert.Equal(2, subject.QuerySelectorAll("#subject-orders li[data-order]").Length);

        var export = await office.GetAsync("/Supervision/Export?Source=Backlog");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var workbook = new ClosedXML.Excel.XLWorkbook(await export.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(1);
        Assert.Equal("督办编号", sheet.Cell(1, 1).GetString());
        Assert.Equal(fromBacklog.ToString(System.Globalization.CultureInfo.InvariantCulture), sheet.Cell(2, 1).GetString());
        Assert.Equal(ClosedXML.Excel.XLDataType.Text, sheet.Cell(2, 1).DataType);
        Assert.Equal("钱二", sheet.Cell(2, 8).GetString());
        Assert.True(sheet.Column(9).Width >= 30);
        Assert.True(sheet.Cell(3, 1).IsEmpty());
        var grid1 = await AsAsync("grid1");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid1.GetAsync("/Supervision/Export")).StatusCode);
    }
}
