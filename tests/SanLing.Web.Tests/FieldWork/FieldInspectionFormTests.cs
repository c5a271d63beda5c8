using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.KeyPopulations;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.FieldWork;

/// <summary>
/// The inspection form built for thumbs, as the server answers it: statuses per finding type, "本月未发现问题" against
/// findings, open findings of earlier months carried into the form, and a repeated post of the same submission
/// stored once.
/// </summary>
public sealed class FieldInspectionFormTests(FieldWorkTownFixture town) : IClassFixture<FieldWorkTownFixture>
{
    private string EditUrl(string subject, string grid, string month) =>
        $"/Inspections/Edit?subjectId={town.Subjects[subject]}&gridId={town.Grids[grid]}&month={month}";

    private static void Hazard(Dictionary<string, string> v, int row, string description, string status = "")
    {
        v[$"Findings[{row}].Type"] = "Hazard";
        v[$"Findings[{row}].HazardCategory"] = "Fire";
        v[$"Findings[{row}].RiskLevel"] = "General";
        v[$"Findings[{row}].Description"] = description;
        v[$"Findings[{row}].RectifyBy"] = "2026-12-10";
        v[$"Findings[{row}].Status"] = status;
    }

    private Task<List<Inspection>> InspectionsAsync(string grid) => town.Factory.WithDbAsync(db =>
    {
        var gridId = town.Grids[grid];
        return db.Inspections.AsNoTracking().Include(i => i.Findings).Where(i => i.GridId == gridId).ToListAsync();
    });

    [Fact]
    public void Each_finding_type_has_its_own_statuses()
    {
        Assert.Equal([FindingStatus.Mediating, FindingStatus.Resolved, FindingStatus.Escalated], FindingRules.StatusesFor(FindingType.Dispute));
        Assert.Equal([FindingStatus.Rectifying, FindingStatus.Rectified], FindingRules.StatusesFor(FindingType.Hazard));
    }

    [Fact]
    public void The_month_due_now_turns_after_the_due_day_and_rental_numbers_follow_the_highest()
    {
        Assert.Equal(new DateOnly(2026, 11, 1), MonthPeriod.DueNow(new DateOnly(2026, 12, 1), 5));
        Assert.Equal(new DateOnly(2026, 11, 1), MonthPeriod.DueNow(new DateOnly(2026, 12, 5), 5));
        Assert.Equal(new DateOnly(2026, 12, 1), MonthPeriod.DueNow(new DateOnly(2026, 12, 6), 5));
        Assert.Equal(-1, MonthPeriod.DaysLeft(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 6), 5));
        Assert.Equal("CZ-0001", RentalHouseRules.NextNumber([]));
        Assert.Equal("CZ-0013", RentalHouseRules.NextNumber(["CZ-0002", "CZ-0012", "旧-99", "CZ-ABC"]));
    }

    [Fact]
    public async Task A_hazards_form_offers_only_hazard_statuses_and_a_dispute_status_on_a_hazard_is_refused()
    {
        town.SetToday(2026, 11, 25);
        var client = await town.ClientAsync("w1");
        var page = await client.GetPageAsync(EditUrl("V1", "V1-G1", "2026-10"));
        var values = PortalClient.FormValues(page);
        Hazard(values, 0, "配电箱未上锁", status: "Resolved");
        values["Command"] = "submit";

        var refused = await client.PostFormAsync("/Inspections/Edit", PortalClient.TokenOf(page), values);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = await refused.ParseAsync();
        Assert.NotEmpty(string.Concat(form.QuerySelectorAll(".alert-danger, .invalid-feedback").Select(e => e.TextContent)).Trim());
        Assert.Empty(await InspectionsAsync("V1-G1"));
        var statuses = form.QuerySelectorAll("select[name='Findings[0].Status'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", "Rectifying", "Rectified"], statuses);
    }

    [Fact]
    public async Task Nothing_found_with_a_finding_is_refused_and_writes_nothing()
    {
        town.SetToday(2026, 11, 25);
        var client = await town.ClientAsync("w1");
        var page = await client.GetPageAsync(EditUrl("V1", "V1-G1", "2026-09"));
        var values = PortalClient.FormValues(page);
        values["NothingFound"] = "true";
        Hazard(values, 0, "楼道堆放杂物");
        values["Command"] = "submit";

        var refused = await client.PostFormAsync("/Inspections/Edit", PortalClient.TokenOf(page), values);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("本月未发现问题", (await refused.ParseAsync()).QuerySelector("[data-field=NothingFound]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(await InspectionsAsync("V1-G1"), i => i.Month == new DateOnly(2026, 9, 1));
    }

    [Fact]
    public async Task Open_findings_of_earlier_months_are_carried_into_the_new_month_and_one_tap_closes_them()
    {
        town.SetToday(2026, 11, 25);
        var client = await town.ClientAsync("w2");
        var october = await client.GetPageAsync(EditUrl("V2", "V2-G1", "2026-10"));
        var values = PortalClient.FormValues(october);
        Hazard(values, 0, "河堤护栏松动");
        values["Command"] = "submit";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Inspections/Edit", PortalClient.TokenOf(october), values)).StatusCode);
        var finding = (await InspectionsAsync("V2-G1")).Single(i => i.Month == new DateOnly(2026, 10, 1)).Findings.Single();

        var novemberUrl = EditUrl("V2", "V2-G1", "2026-11");
        var november = await client.GetPageAsync(novemberUrl);

        var carried = november.QuerySelector($"#carried-findings [data-finding='{finding.Id}']");
        Assert.NotNull(carried);
        Assert.Contains("河堤护栏松动", carried.TextContent, StringComparison.Ordinal);
        var followUp = carried.QuerySelector("form")!;
        var fields = PortalClient.FormValues(november, $"#finding-{finding.Id} form");
        fields["Outcome"] = "Rectified";
        var done = await client.PostFormAsync(followUp.GetAttribute("action")!, PortalClient.TokenOf(november), fields);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(novemberUrl, done.Headers.Location!.OriginalString);
        var closed = (await InspectionsAsync("V2-G1")).Single(i => i.Month == new DateOnly(2026, 10, 1)).Findings.Single();
        Assert.Equal(FindingStatus.Rectified, closed.Status);
        Assert.Null((await client.GetPageAsync(novemberUrl)).QuerySelector("#carried-findings"));
    }

    [Fact]
    public async Task The_inspector_is_pre_filled_with_the_workers_name()
    {
        town.SetToday(2026, 11, 25);
        var client = await town.ClientAsync("w1");
        var page = await client.GetPageAsync(EditUrl("V1", "V1-G1", "2026-08"));
        Assert.Equal("w1", page.QuerySelector("#Inspector")!.GetAttribute("value"));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("input[name=SubmissionKey]")!.GetAttribute("value")));
    }

    [Fact]
    public async Task The_same_submission_posted_twice_is_stored_once_and_answered_already_received()
    {
        town.SetToday(2026, 11, 25);
        var client = await town.ClientAsync("w1");
        var page = await client.GetPageAsync(EditUrl("V1", "V1-G1", "2026-11"));
        var values = PortalClient.FormValues(page);
        values["NothingFound"] = "true";
        values["Command"] = "submit";
        var token = PortalClient.TokenOf(page);

        var first = await client.PostFormAsync("/Inspections/Edit", token, values);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var audit = await town.Factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var again = await client.PostFormAsync("/Inspections/Edit", token, values);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var index = await client.GetPageAsync(again.Headers.Location!.OriginalString);
        Assert.Contains("已经收到", index.QuerySelector("[data-flash=warning]")!.TextContent, StringComparison.Ordinal);

        // The offline queue asks for JSON and reads "duplicate".
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Inspections/Edit")
        {
            Content = new FormUrlEncodedContent(values.Append(new("__RequestVerificationToken", token))),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var queued = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        Assert.Contains("\"duplicate\"", await queued.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stored = (await InspectionsAsync("V1-G1")).Where(i => i.Month == new DateOnly(2026, 11, 1)).ToList();
        var inspection = Assert.Single(stored);
        Assert.Equal(Inspection.SubmissionKeyOf(values["SubmissionKey"], submit: true), inspection.SubmissionKey);
        Assert.Equal(audit, await town.Factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }
}
