using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Inspections;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Inspections;

/// <summary>Grid workers and liaisons submit, correct and follow up monthly inspections; locks and scope are enforced.</summary>
public sealed class InspectionSubmitTests(InspectionTownFixture town) : IClassFixture<InspectionTownFixture>
{
    private static string EditUrl(int subjectId, int? gridId, string month) =>
        $"/Inspections/Edit?subjectId={subjectId}" + (gridId is null ? "" : $"&gridId={gridId}") + $"&month={month}";

    /// <summary>Opens the unit's form (which must be allowed), fills it and posts it.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, int subjectId, int? gridId, string month, string command, Action<Dictionary<string, string>> fill)
    {
        var page = await client.GetPageAsync(EditUrl(subjectId, gridId, month));
        var values = PortalClient.FormValues(page);
        fill(values);
        values["Command"] = command;
        return await client.PostFormAsync("/Inspections/Edit", PortalClient.TokenOf(page), values);
    }

    private static void Hazard(Dictionary<string, string> v, int row, string description, string? rectifyBy = "2026-12-10")
    {
        v[$"Findings[{row}].Type"] = "Hazard";
        v[$"Findings[{row}].HazardCategory"] = "Fire";
        v[$"Findings[{row}].RiskLevel"] = "General";
        v[$"Findings[{row}].Description"] = description;
        v[$"Findings[{row}].RectifyBy"] = rectifyBy ?? "";
    }

    private Task<Inspection?> InspectionAsync(string subject, string? grid, DateOnly month) => town.Factory.WithDbAsync(db =>
    {
        var subjectId = town.Subjects[subject];
        int? gridId = grid is null ? null : town.Grids[grid];
        return db.Inspections.AsNoTracking().Include(i => i.Findings)
            .FirstOrDefaultAsync(i => i.SubjectId == subjectId && i.GridId == gridId && i.Month == month);
    });

    private Task<int> AuditCountAsync() => town.Factory.WithDbAsync(db => db.AuditEntries.CountAsync());

    private static string ErrorsOf(AngleSharp.Html.Dom.IHtmlDocument page) =>
        string.Join(" ", page.QuerySelectorAll(".alert-danger, .invalid-feedback").Select(e => e.TextContent.Trim()));

    [Fact]
    public async Task A_grid_worker_sees_only_their_own_grids_with_this_months_state()
    {
        var client = await town.ClientAsync("w1");
        var page = await client.GetPageAsync("/Inspections");

        var cards = page.QuerySelectorAll("#unit-list .unit-card");
        Assert.Equal(["V1-G1"], cards.Select(c => c.GetAttribute("data-grid") ?? "").ToArray());
        Assert.Contains(cards[0].QuerySelector(".unit-state")!.TextContent, new[] { "未提交", "已提交", "草稿" });
        // October was due on 5 November: an unsubmitted October shows as overdue.
        var october = await client.GetPageAsync("/Inspections?month=2026-06");
        Assert.Equal("逾期", october.QuerySelector("#unit-list .unit-state")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_grid_worker_submits_a_hazard_on_time_and_corrects_it_afterwards()
    {
        var client = await town.ClientAsync("w1");
        var response = await PostAsync(client, town.Subjects["V1"], town.Grids["V1-G1"], "2026-11", "submit", v => Hazard(v, 0, "楼道堆放杂物"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var saved = await InspectionAsync("V1", "V1-G1", new DateOnly(2026, 11, 1));
        Assert.NotNull(saved);
        Assert.Equal(InspectionStatus.Submitted, saved.Status);
        Assert.False(saved.IsLate);
        var finding = Assert.Single(saved.Findings);
        Assert.Equal(FindingStatus.Rectifying, finding.Status);
        Assert.Equal(new DateOnly(2026, 12, 10), finding.RectifyBy);

        var index = await client.GetPageAsync("/Inspections?month=2026-11");
        Assert.Equal("已提交", index.QuerySelector("#unit-list .unit-state")!.TextContent.Trim());

        // Correction after submission: the form comes back filled; change the description.
        response = await PostAsync(client, town.Subjects["V1"], town.Grids["V1-G1"], "2026-11", "submit", v => v["Findings[0].Description"] = "楼道堆放杂物（已通知物业）");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var corrected = await InspectionAsync("V1", "V1-G1", new DateOnly(2026, 11, 1));
        Assert.Equal("楼道堆放杂物（已通知物业）", Assert.Single(corrected!.Findings).Description);
        Assert.Equal(saved.SubmittedAt, corrected.SubmittedAt);
    }

    [Fact]
    public async Task A_late_submission_is_accepted_and_marked_late()
    {
        var client = await town.ClientAsync("w1");
        var response = await PostAsync(client, town.Subjects["V1"], town.Grids["V1-G1"], "2026-09", "submit", v =>
        {
            v["InspectedOn"] = "2026-11-20";
            v["NothingFound"] = "true";
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var saved = await InspectionAsync("V1", "V1-G1", new DateOnly(2026, 9, 1));
        Assert.Equal(InspectionStatus.Submitted, saved!.Status);
        Assert.True(saved.IsLate);
        Assert.True(saved.NothingFound);
        var index = await client.GetPageAsync("/Inspections?month=2026-09");
        Assert.Contains("逾期提交", index.QuerySelector("#unit-list")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("已提交", index.QuerySelector("#unit-list .unit-state")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_draft_is_saved_and_finished_later()
    {
        var client = await town.ClientAsync("w2");
        var response = await PostAsync(client, town.Subjects["V1"], town.Grids["V1-G2"], "2026-11", "draft", v =>
        {
            v["Findings[0].Type"] = "Dispute";
            v["Findings[0].DisputeCategory"] = "Neighbour";
            v["Findings[0].Description"] = "宅基地边界争执";
            v["Findings[0].Parties"] = "甲与乙";
            v["Findings[0].RiskOfCriminalEscalation"] = "true";
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var draft = await InspectionAsync("V1", "V1-G2", new DateOnly(2026, 11, 1));
        Assert.Equal(InspectionStatus.Draft, draft!.Status);
        Assert.Null(draft.SubmittedAt);
        Assert.Equal("草稿", (await client.GetPageAsync("/Inspections?month=2026-11")).QuerySelector("#unit-list .unit-state")!.TextContent.Trim());

        response = await PostAsync(client, town.Subjects["V1"], town.Grids["V1-G2"], "2026-11", "submit", _ => { });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var submitted = await InspectionAsync("V1", "V1-G2", new DateOnly(2026, 11, 1));
        Assert.Equal(InspectionStatus.Submitted, submitted!.Status);
        var dispute = Assert.Single(submitted.Findings);
        Assert.True(dispute.RiskOfCriminalEscalation);
        Assert.Equal(FindingStatus.Mediating, dispute.Status);
    }

    [Fact]
    public async Task Adding_a_finding_row_works_without_javascript()
    {
        var client = await town.ClientAsync("w3");
        var page = await client.GetPageAsync(EditUrl(town.Subjects["V2"], town.Grids["V2-G1"], "2026-05"));
        Assert.Single(page.QuerySelectorAll(".finding-row"));
        var values = PortalClient.FormValues(page);
        Hazard(values, 0, "路灯损坏");
        values["Command"] = "add-row";
        var response = await client.PostFormAsync("/Inspections/Edit", PortalClient.TokenOf(page), values);

        var again = await response.ParseAsync();
        Assert.Equal(2, again.QuerySelectorAll(".finding-row").Length);
        Assert.Equal("路灯损坏", again.QuerySelector("textarea[name='Findings[0].Description']")!.TextContent);
        Assert.Null(await InspectionAsync("V2", "V2-G1", new DateOnly(2026, 5, 1)));
    }

    [Fact]
    public async Task A_submission_for_a_grid_outside_the_workers_scope_is_refused_and_nothing_changes()
    {
        var client = await town.ClientAsync("w1");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EditUrl(town.Subjects["V1"], town.Grids["V1-G2"], "2026-08"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EditUrl(town.Subjects["V2"], town.Grids["V2-G1"], "2026-08"))).StatusCode);

        var own = await client.GetPageAsync(EditUrl(town.Subjects["V1"], town.Grids["V1-G1"], "2026-08"));
        var values = PortalClient.FormValues(own);
        values["NothingFound"] = "true";
        values["Command"] = "submit";
        foreach (var (subject, grid) in new[] { ("V1", "V1-G2"), ("V2", "V2-G1") })
        {
            values["SubjectId"] = town.Subjects[subject].ToString(System.Globalization.CultureInfo.InvariantCulture);
            values["GridId"] = town.Grids[grid].ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = await client.PostFormAsync("/Inspections/Edit", PortalClient.TokenOf(own), values);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Null(await InspectionAsync(subject, grid, new DateOnly(2026, 8, 1)));
        }
    }

    [Fact]
    public async Task A_future_month_cannot_be_chosen()
    {
        var client = await town.ClientAsync("w1");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/Inspections?month=2026-12")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(EditUrl(town.Subjects["V1"], town.Grids["V1-G1"], "2027-01"))).StatusCode);
        var months = (await client.GetPageAsync("/Inspections")).QuerySelectorAll("#month option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal("2026-11", months[0]);
        Assert.DoesNotContain("2026-12", months);
    }

    [Theory]
    [InlineData("hazard-without-deadline", "安全隐患请填写整改期限")]
    [InlineData("resolved-without-date", "已化解的纠纷请填写化解日期")]
    [InlineData("dispute-without-category", "请选择纠纷类别")]
    [InlineData("nothing-answered", "请登记发现的问题，或勾选“本月未发现问题”")]
    public async Task A_finding_without_its_required_fields_is_refused_with_a_chinese_message(string problem, string message)
    {
        var client = await town.ClientAsync("w3");
        var audit = await AuditCountAsync();
        var response = await PostAsync(client, town.Subjects["V2"], town.Grids["V2-G1"], "2026-04", "submit", v =>
        {
            switch (problem)
            {
                case "hazard-without-deadline":
                    Hazard(v, 0, "电线老化", rectifyBy: null);
                    break;
                case "resolved-without-date":
                    v["Findings[0].Type"] = "Dispute";
                    v["Findings[0].DisputeCategory"] = "Family";
                    v["Findings[0].Description"] = "婚姻家庭矛盾";
                    v["Findings[0].Status"] = "Resolved";
                    v["Findings[0].ResolutionMethod"] = "Mediation";
                    break;
                case "dispute-without-category":
                    v["Findings[0].Type"] = "Dispute";
                    v["Findings[0].Description"] = "邻里噪音";
                    break;
            }
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, ErrorsOf(await response.ParseAsync()), StringComparison.Ordinal);
        Assert.Null(await InspectionAsync("V2", "V2-G1", new DateOnly(2026, 4, 1)));
        Assert.Equal(audit, await AuditCountAsync());
    }

    [Fact]
    public async Task A_liaison_submits_nothing_found_for_their_enterprise_without_workshops()
    {
        var client = await town.ClientAsync("l1");
        var index = await client.GetPageAsync("/Inspections?month=2026-11");
        Assert.Single(index.QuerySelectorAll("#unit-list .unit-card"));

        var response = await PostAsync(client, town.Subjects["E1"], null, "2026-11", "submit", v => v["NothingFound"] = "true");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await InspectionAsync("E1", null, new DateOnly(2026, 11, 1));
        Assert.Equal(InspectionStatus.Submitted, saved!.Status);
        Assert.True(saved.NothingFound);
        Assert.Empty(saved.Findings);
        // Not another enterprise, not the village's grids.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EditUrl(town.Subjects["E2"], town.Grids["E2-C1"], "2026-11"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EditUrl(town.Subjects["V1"], town.Grids["V1-G1"], "2026-11"))).StatusCode);
    }

    [Fact]
    public async Task A_liaison_of_an_enterprise_with_workshops_submits_per_workshop()
    {
        var client = await town.ClientAsync("l2");
        var index = await client.GetPageAsync("/Inspections?month=2026-11");
        Assert.Equal(["E2-C1", "E2-C2"], index.QuerySelectorAll("#unit-list .unit-card").Select(c => c.GetAttribute("data-grid") ?? "").ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EditUrl(town.Subjects["E2"], null, "2026-11"))).StatusCode);
    }

    [Fact]
    public async Task An_open_hazard_stays_on_the_todo_list_until_rectified()
    {
        var client = await town.ClientAsync("w3");
        var response = await PostAsync(client, town.Subjects["V2"], town.Grids["V2-G1"], "2026-10", "submit", v =>
        {
            v["InspectedOn"] = "2026-10-28";
            Hazard(v, 0, "河堤护栏缺失", rectifyBy: "2026-11-10");
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var finding = Assert.Single((await InspectionAsync("V2", "V2-G1", new DateOnly(2026, 10, 1)))!.Findings);

        var todo = await client.GetPageAsync("/Inspections/Todo");
        var item = todo.QuerySelector($"#todo-list [data-finding='{finding.Id}']")!;
        Assert.Contains("todo-overdue", item.ClassName, StringComparison.Ordinal);
        Assert.Contains("逾期未整改", item.TextContent, StringComparison.Ordinal);

        // Another village's grid worker cannot see or close it.
        var other = await town.ClientAsync("w1");
        Assert.Null((await other.GetPageAsync("/Inspections/Todo")).QuerySelector($"[data-finding='{finding.Id}']"));
        var otherToken = await other.AntiforgeryTokenAsync("/Inspections/Todo?page=1");
        var refused = await other.PostFormAsync($"/Inspections/FollowUp/{finding.Id}", otherToken,
            [new("Outcome", "Rectified"), new("ClosedOn", "2026-11-25"), new("Version", finding.Version.ToString())]);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        var form = PortalClient.FormValues(todo, $"#todo-list [data-finding='{finding.Id}'] form");
        Assert.Equal("2026-11-25", form["ClosedOn"]);
        form["Outcome"] = "Rectified";
        response = await client.PostFormAsync($"/Inspections/FollowUp/{finding.Id}", PortalClient.TokenOf(todo), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var closed = Assert.Single((await InspectionAsync("V2", "V2-G1", new DateOnly(2026, 10, 1)))!.Findings);
        Assert.Equal(FindingStatus.Rectified, closed.Status);
        Assert.Equal(new DateOnly(2026, 11, 25), closed.ClosedOn);
        Assert.Null((await client.GetPageAsync("/Inspections/Todo")).QuerySelector($"[data-finding='{finding.Id}']"));
    }
    [Fact]
    public async Task After_the_office_locks_a_month_grid_workers_are_refused_and_office_corrections_are_audited()
    {
        var worker = await town.ClientAsync("w1");
        var response = await PostAsync(worker, town.Subjects["V1"], town.Grids["V1-G1"], "2026-07", "submit", v => v["NothingFound"] = "true");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var before = await InspectionAsync("V1", "V1-G1", new DateOnly(2026, 7, 1));

        var office = await town.ClientAsync("o1");
        var missing = await office.GetPageAsync("/InspectionReview/Missing?month=2026-07");
        response = await office.PostFormAsync("/InspectionReview/Lock", PortalClient.TokenOf(missing), PortalClient.FormValues(missing, "#lock-form"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull((await office.GetPageAsync("/InspectionReview/Missing?month=2026-07")).QuerySelector("#lock-state"));

        // The grid worker sees the lock and no save button; a post anyway is refused and nothing changes.
        var page = await worker.GetPageAsync(EditUrl(town.Subjects["V1"], town.Grids["V1-G1"], "2026-07"));
        Assert.NotNull(page.QuerySelector("#lock-notice"));
        Assert.Null(page.QuerySelector("#submit-button"));
        var values = PortalClient.FormValues(page);
        values.Remove("NothingFound");
        Hazard(values, 0, "锁定后补录的隐患");
        values["Command"] = "submit";
        var audit = await AuditCountAsync();
        response = await worker.PostFormAsync("/Inspections/Edit", PortalClient.TokenOf(page), values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已由综治办审核锁定", ErrorsOf(await response.ParseAsync()), StringComparison.Ordinal);
        var after = await InspectionAsync("V1", "V1-G1", new DateOnly(2026, 7, 1));
        Assert.Equal(before!.Version, after!.Version);
        Assert.True(after.NothingFound);
        Assert.Empty(after.Findings);
        Assert.Equal(audit, await AuditCountAsync());
        // A grid the worker had not submitted is refused as well.
        response = await PostAsync(await town.ClientAsync("w2"), town.Subjects["V1"], town.Grids["V1-G2"], "2026-07", "submit", v => v["NothingFound"] = "true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await InspectionAsync("V1", "V1-G2", new DateOnly(2026, 7, 1)));

        // Office staff still correct it, through the normal save: the audit trail records who and what.
        response = await PostAsync(office, town.Subjects["V1"], town.Grids["V1-G1"], "2026-07", "submit", v =>
        {
            v.Remove("NothingFound");
            Hazard(v, 0, "综治办更正：补录隐患");
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var corrected = await InspectionAsync("V1", "V1-G1", new DateOnly(2026, 7, 1));
        Assert.False(corrected!.NothingFound);
        Assert.Equal("综治办更正：补录隐患", Assert.Single(corrected.Findings).Description);
        var trail = await town.Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Id > 0).OrderByDescending(a => a.Id).Take(5).ToListAsync());
        Assert.Contains(trail, a => a.EntityType == "Inspection" && a.UserName == "o1" && a.Role == "综治办" && a.Changes!.Contains("NothingFound", StringComparison.Ordinal));
        Assert.Contains(trail, a => a.EntityType == "Finding" && a.UserName == "o1" && a.Changes!.Contains("综治办更正", StringComparison.Ordinal));
    }
}
