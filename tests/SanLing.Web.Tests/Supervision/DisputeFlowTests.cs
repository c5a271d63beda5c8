using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Inspections;
using SanLing.Domain.Supervision;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Supervision;

/// <summary>The escalated-dispute flow through the portal: 受理 → 交办 → 办结 → 验证, its limits, and who may do what.</summary>
public sealed class DisputeFlowTests : IAsyncLifetime, IDisposable
{
    private readonly SanLingFactory _factory = new(demo: false);
    private SupervisionTown _town = null!;

    public async Task InitializeAsync() => _town = await SupervisionTown.SeedAsync(_factory);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private Task<HttpClient> AsAsync(string user) => _factory.CreateBrowserlessClient().LoggedInAsync(user, TownBuilder.Password);

    private Task<EscalatedDispute?> FlowAsync(int findingId) =>
        _factory.WithDbAsync(db => db.EscalatedDisputes.AsNoTracking().SingleOrDefaultAsync(d => d.FindingId == findingId));

    private static async Task<HttpResponseMessage> PostStepAsync(HttpClient client, int findingId, string formId, Action<Dictionary<string, string>> change)
    {
        var page = await client.GetPageAsync($"/Disputes/{findingId}");
        var values = PortalClient.FormValues(page, $"#{formId}");
        change(values);
        var action = page.QuerySelector($"#{formId}")!.GetAttribute("action")!;
        return await client.PostFormAsync(action, PortalClient.TokenOf(page), values);
    }

    [Fact]
    public async Task An_escalated_dispute_travels_accept_assign_conclude_verify_within_its_limits_and_stays_escalated_for_the_evaluation()
    {
        var id = _town.EscalatedDispute("CUN01");
        var office = await AsAsync("office");

        // It waits in the queue, counted on 今日工作; reported on 21 Oct, so 受理 was due two working days later (red now).
        Assert.Equal("2", (await office.GetPageAsync("/Dashboard/Office")).QuerySelector("#escalated-waiting .figure")!.TextContent.Trim());
        var queue = await office.GetPageAsync("/Disputes?stage=waiting");
        var row = queue.QuerySelector($"#dispute-list tr[data-finding='{id}']")!;
        Assert.Equal("red", row.QuerySelector(".card-badge")!.GetAttribute("data-card"));
        Assert.Equal("张三", row.Children[2].TextContent.Trim());

        // Nobody but the office takes a step.
        foreach (var user in new[] { "grid1", "liaison", "leader" })
        {
            var client = await AsAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Disputes/{id}")).StatusCode);
            var token = await client.AntiforgeryTokenAsync("/Account/ChangePassword");
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Disputes/{id}/Accept", token, [])).StatusCode);
        }
        Assert.Null(await FlowAsync(id));

        // 受理 on Wed 25 Nov: 交办 due in three working days.
        Assert.Equal(HttpStatusCode.Redirect, (await PostStepAsync(office, id, "accept-form", _ => { })).StatusCode);
        var flow = await FlowAsync(id);
        Assert.Equal((DisputeStage.Accepted, new DateOnly(2026, 10, 21), new DateOnly(2026, 11, 30)), (flow!.Stage, flow.ReportedOn, flow.DueOn));
        // Accepting twice changes nothing.
        var again = await office.PostFormAsync($"/Disputes/{id}/Accept", await office.AntiforgeryTokenAsync($"/Disputes/{id}"), []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.EscalatedDisputes.CountAsync()));

        // 交办 without a handler or with a limit out of range: refused, nothing written.
        await PostStepAsync(office, id, "assign-form", v => v["AssignedTo"] = "");
        await PostStepAsync(office, id, "assign-form", v => { v["AssignedTo"] = "镇司法所"; v["LimitDays"] = "61"; });
        Assert.Equal(DisputeStage.Accepted, (await FlowAsync(id))!.Stage);
        await PostStepAsync(office, id, "assign-form", v => { v["AssignedTo"] = "镇司法所"; v["LimitDays"] = "10"; });
        flow = await FlowAsync(id);
        Assert.Equal((DisputeStage.Assigned, "镇司法所", new DateOnly(2026, 12, 9)), (flow!.Stage, flow.AssignedTo, flow.DueOn));

        // 办结 needs an outcome; then 验证 sends it back once (a reason is required) and passes the second time.
        _factory.Clock.Now = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.FromHours(8));
        office = await AsAsync("office"); // sessions end after 12 hours
        await PostStepAsync(office, id, "conclude-form", v => v["Note"] = "已调解");
        Assert.Equal(DisputeStage.Assigned, (await FlowAsync(id))!.Stage);
        await PostStepAsync(office, id, "conclude-form", v => { v["Outcome"] = nameof(DisputeOutcome.UnderWatch); v["Note"] = "双方情绪稳定，持续稳控"; });
        flow = await FlowAsync(id);
        Assert.Equal((DisputeStage.Concluded, DisputeOutcome.UnderWatch, new DateOnly(2026, 12, 11)), (flow!.Stage, flow.Outcome, flow.DueOn));

        await PostStepAsync(office, id, "verify-form", v => { v["Satisfaction"] = nameof(Satisfaction.Dissatisfied); v["SendBack"] = "true"; });
        Assert.Equal(DisputeStage.Concluded, (await FlowAsync(id))!.Stage);
        await PostStepAsync(office, id, "verify-form", v => { v["Satisfaction"] = nameof(Satisfaction.Dissatisfied); v["SendBack"] = "true"; v["Note"] = "欠薪未兑付"; });
        flow = await FlowAsync(id);
        Assert.Equal((DisputeStage.Assigned, 1, Satisfaction.Dissatisfied), (flow!.Stage, flow.ReturnCount, flow.Satisfaction));

        await PostStepAsync(office, id, "conclude-form", v => { v["Outcome"] = nameof(DisputeOutcome.Substantive); v["Note"] = "欠薪已兑付"; });
        await PostStepAsync(office, id, "verify-form", v => v["Satisfaction"] = nameof(Satisfaction.Satisfied));
        flow = await FlowAsync(id);
        Assert.Equal((DisputeStage.Verified, DisputeOutcome.Substantive, Satisfaction.Satisfied, (DateOnly?)new DateOnly(2026, 12, 4)),
            (flow!.Stage, flow.Outcome, flow.Satisfaction, flow.VerifiedOn));

        // Whatever the outcome, the finding stays 上报: item 3.3 reads it as not resolved at village level (decision 0012).
        Assert.Equal(FindingStatus.Escalated, await _factory.WithDbAsync(db => db.Findings.Where(f => f.Id == id).Select(f => f.Status).SingleAsync()));
        var page = await office.GetPageAsync($"/Disputes/{id}");
        Assert.Equal("已验证", page.QuerySelector("#stage")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("form[id$='-form'][action^='/Disputes']"));
        // Every step is audited.
        Assert.Equal(6, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(EscalatedDispute))));
    }
}
