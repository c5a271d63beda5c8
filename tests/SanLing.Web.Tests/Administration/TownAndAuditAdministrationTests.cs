using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Administration;

/// <summary>镇设置 and 审计日志: saved and audited, stale and bad input refused, the trail filtered, exported and checked.</summary>
public sealed class TownAndAuditAdministrationTests(AdminTownFixture town) : IClassFixture<AdminTownFixture>
{
    private SanLingFactory Factory => town.Factory;

    [Fact]
    public async Task Town_settings_are_saved_with_an_audit_line_and_a_stale_form_is_refused()
    {
        var admin = await Factory.AdminAsync();
        var stalePage = await admin.GetPageAsync("/Settings");

        var saved = await admin.PostPageFormAsync("/Settings", "#town-settings-form", "/Settings", v =>
        {
            v["Name"] = "青山镇（新）";
            v["InspectionDueDay"] = "10";
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (name, day, id) = await Factory.WithDbAsync(async db =>
        {
            var t = await db.Towns.SingleAsync();
            return (t.Name, t.InspectionDueDay, t.Id);
        });
        Assert.Equal(("青山镇（新）", 10), (name, day));
        var line = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Town" && a.Action == AuditAction.Update).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), line.EntityId);
        Assert.Contains("\"InspectionDueDay\":[", line.Changes, StringComparison.Ordinal);
        Assert.Contains("青山镇（新）", line.Changes, StringComparison.Ordinal);
        Assert.Contains("青山镇（新）", (await admin.GetPageAsync("/")).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        var before = await Factory.SnapshotAsync();
        var values = PortalClient.FormValues(stalePage, "#town-settings-form");
        values["InspectionDueDay"] = "7";
        var stale = await admin.PostFormAsync("/Settings", PortalClient.TokenOf(stalePage), values);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("已被他人修改", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Factory.SnapshotAsync());
    }

    [Theory]
    [InlineData("", "", "Name", "请填写镇名称")]
    [InlineData("某镇", "", "InspectionDueDay", "请填写月度排查截止日")]
    [InlineData("某镇", "29", "InspectionDueDay", "1 到 28")]
    [InlineData("某镇", "0", "InspectionDueDay", "1 到 28")]
    [InlineData("某镇", "五号", "InspectionDueDay", "不是有效的值")]
    [InlineData("某镇", "99999999999999", "InspectionDueDay", "不是有效的值")]
    public async Task Bad_town_settings_get_a_message_by_the_field_and_write_nothing(string name, string day, string field, string message)
    {
        var admin = await Factory.AdminAsync();
        var before = await Factory.SnapshotAsync();
        var response = await admin.PostPageFormAsync("/Settings", "#town-settings-form", "/Settings", v =>
        {
            v["Name"] = name;
            v["InspectionDueDay"] = day;
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ParseAsync()).QuerySelector($"[data-field='{field}']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Factory.SnapshotAsync());
    }

    [Fact]
    public async Task A_tampered_version_is_refused_with_a_message()
    {
        var admin = await Factory.AdminAsync();
        var before = await Factory.SnapshotAsync();
        var response = await admin.PostPageFormAsync("/Settings", "#town-settings-form", "/Settings", v => v["Version"] = "not-a-guid");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("页面已过期", (await response.ParseAsync()).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Factory.SnapshotAsync());
    }

    [Fact]
    public async Task An_over_long_town_name_is_refused()
    {
        var admin = await Factory.AdminAsync();
        var before = await Factory.SnapshotAsync();
        var response = await admin.PostPageFormAsync("/Settings", "#town-settings-form", "/Settings", v => v["Name"] = new string('镇', 101));
        Assert.Contains("不能超过 100", (await response.ParseAsync()).QuerySelector("[data-field='Name']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Factory.SnapshotAsync());
    }

    [Fact]
    public async Task The_trail_is_filtered_by_user_type_record_action_and_dates_and_paged()
    {
        var admin = await Factory.AdminAsync();
        var cun01 = await Factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == "CUN01").Select(s => s.Id).SingleAsync());
        await Factory.WithDbAsync(async db =>
        {
            var subject = await db.Subjects.SingleAsync(s => s.Id == cun01);
            subject.Phone = "13800000001";
            await db.SaveChangesAsync();
        });

        var page = await admin.GetPageAsync($"/Audit?type=Subject&recordId={cun01}&action=Update&user=test");
        var rows = page.QuerySelectorAll("#audit-list tbody tr");
        Assert.Single(rows);
        Assert.Contains("13800000001", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("修改", rows[0].TextContent, StringComparison.Ordinal);

        var today = Factory.Clock.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var dated = await admin.GetPageAsync($"/Audit?type=Subject&recordId={cun01}&from={today}&to={today}");
        Assert.Single(dated.QuerySelectorAll("#audit-list tbody tr"));
        var yesterday = Factory.Clock.Now.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var before = await admin.GetPageAsync($"/Audit?type=Subject&recordId={cun01}&to={yesterday}&action=Update");
        Assert.Empty(before.QuerySelectorAll("#audit-list tbody tr td.audit-changes"));

        // Enough lines for two pages, then the first page holds 50 and the pager offers the next.
        await Factory.WithDbAsync(async db =>
        {
            var subjects = await db.Subjects.OrderBy(s => s.Id).Take(60).ToListAsync();
            foreach (var s in subjects)
            {
                s.Address = "分页测试";
            }
            await db.SaveChangesAsync();
        });
        var all = await admin.GetPageAsync("/Audit");
        Assert.Equal(50, all.QuerySelectorAll("#audit-list tbody tr").Length);
        Assert.Contains("下一页", all.QuerySelector(".pagination")!.TextContent, StringComparison.Ordinal);
        var second = await admin.GetPageAsync("/Audit?page=2");
        Assert.NotEqual(all.QuerySelector("#audit-list tbody td")!.TextContent, second.QuerySelector("#audit-list tbody td")!.TextContent);
    }

    [Theory]
    [InlineData("/Audit?action=garbage", "Action")]
    [InlineData("/Audit?from=2026-13-45", "From")]
    [InlineData("/Audit?from=2026-05-01&to=2026-04-01", "To")]
    public async Task A_garbage_filter_gets_a_message_not_an_error(string url, string field)
    {
        var admin = await Factory.AdminAsync();
        var page = await admin.GetPageAsync(url);
        Assert.NotNull(page.QuerySelector("#filter-errors"));
        Assert.NotEqual("", page.QuerySelector($"[data-field='{field}']")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync(url.Replace("/Audit", "/Audit/Export", StringComparison.Ordinal))).StatusCode);
    }

    [Fact]
    public async Task The_export_holds_the_filtered_lines_and_is_itself_audited_with_its_row_count()
    {
        var admin = await Factory.AdminAsync();
        var expected = await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Seed));

        var response = await admin.GetAsync("/Audit/Export?action=Seed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet("审计日志");
        Assert.Equal(expected, sheet.LastRowUsed().RowNumber() - 1);
        Assert.Equal("初始化数据", sheet.Cell(2, 5).GetString());
        var line = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.Export && a.EntityType == "AuditEntry").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal($"{{\"rows\":{expected}}}", line.Changes);
        Assert.Equal("admin", line.UserName);
    }

    [Fact]
    public async Task Verify_now_records_the_result_and_the_page_shows_it_and_a_broken_chain_is_named()
    {
        var admin = await Factory.AdminAsync();
        var token = PortalClient.TokenOf(await admin.GetPageAsync("/Audit"));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Audit/Verify", token, [])).StatusCode);
        var page = await admin.GetPageAsync("/Audit");
        Assert.Equal("完整", page.QuerySelector("#chain-badge")!.TextContent.Trim());
        Assert.Contains("admin", page.QuerySelector("#chain-last")!.TextContent, StringComparison.Ordinal);
        var line = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.VerifyChain).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Contains("\"intact\":true", line.Changes, StringComparison.Ordinal);

        // Someone edits a line behind the portal's back: the next check names it, and the page says so.
        var tampered = await Factory.WithDbAsync(async db =>
        {
            var target = await db.AuditEntries.OrderBy(a => a.Id).Skip(3).Select(a => new { a.Id, a.UserName }).FirstAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE AuditEntries SET UserName = 'intruder' WHERE Id = {target.Id}");
            return target;
        });
        try
        {
            await admin.PostFormAsync("/Audit/Verify", token, []);
            var broken = await admin.GetPageAsync("/Audit");
            Assert.Contains(tampered.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), broken.QuerySelector("#chain-badge")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE AuditEntries SET UserName = {tampered.UserName} WHERE Id = {tampered.Id}"));
        }
    }
}
