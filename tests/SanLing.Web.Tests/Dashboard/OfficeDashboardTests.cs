using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Inspections;
using SanLing.Domain.Standards;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Dashboard;

/// <summary>The office's work of today on a hand-built town (clock: 2026-11-25, inspections due on the 5th).</summary>
public sealed class OfficeDashboardTests : IAsyncLifetime, IDisposable
{
    private readonly SanLingFactory _factory = new(demo: false);
    private DashboardTown _town = null!;

    public async Task InitializeAsync()
    {
        _town = await DashboardTown.SeedAsync(_factory, perTerritory: 6);
        var cun01 = _town.Subjects.Single(s => s.Code == "CUN01").Id;
        var cun02 = _town.Subjects.Single(s => s.Code == "CUN02").Id;
        await _factory.WithDbAsync(async db =>
        {
            var grid01 = await db.Grids.SingleAsync(g => g.SubjectId == cun01);
            var grid02 = await db.Grids.SingleAsync(g => g.SubjectId == cun02);
            // CUN02 has submitted every month so far (January to October 2026 are past due).
            for (var m = 1; m <= 10; m++)
            {
                db.Inspections.Add(new Inspection { SubjectId = cun02, GridId = grid02.Id, Month = new DateOnly(2026, m, 1), InspectedOn = new DateOnly(2026, m, 20), Status = InspectionStatus.Submitted, NothingFound = true });
            }
            var october = new Inspection { SubjectId = cun01, GridId = grid01.Id, Month = new DateOnly(2026, 10, 1), InspectedOn = new DateOnly(2026, 10, 20), Status = InspectionStatus.Submitted };
            october.Findings.Add(new Finding { Type = FindingType.Hazard, HazardCategory = HazardCategory.Fire, Description = "消防通道堵塞", RectifyBy = new DateOnly(2026, 11, 1), Status = FindingStatus.Rectifying });
            october.Findings.Add(new Finding { Type = FindingType.Hazard, HazardCategory = HazardCategory.Fire, Description = "灭火器过期", RectifyBy = new DateOnly(2026, 11, 1), Status = FindingStatus.Rectified, ClosedOn = new DateOnly(2026, 10, 30) });
            october.Findings.Add(new Finding { Type = FindingType.Dispute, DisputeCategory = DisputeCategory.Land, Description = "宅基地纠纷", RiskOfGroupIncident = true, Status = FindingStatus.Mediating });
            october.Findings.Add(new Finding { Type = FindingType.Dispute, DisputeCategory = DisputeCategory.Neighbour, Description = "邻里噪音", Status = FindingStatus.Mediating });
            db.Inspections.Add(october);
            // November 2026 (being collected): CUN02's grid has submitted.
            db.Inspections.Add(new Inspection { SubjectId = cun02, GridId = grid02.Id, Month = new DateOnly(2026, 11, 1), InspectedOn = new DateOnly(2026, 11, 20), Status = InspectionStatus.Submitted, NothingFound = true });
            foreach (var code in new[] { "1.3", "2.1", "2.2", "2.3", "3.2" })
            {
                db.Attestations.Add(new Attestation { SubjectId = cun01, Year = 2025, ItemCode = code, Result = AttestationResult.Pass });
            }
            await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Office_staff_see_todays_work_as_numbers_that_open_their_lists()
    {
        var client = await _factory.CreateBrowserlessClient().LoggedInAsync("office");
        // The office lands on 今日工作, and the menu says so.
        var home = await client.GetAsync("/");
        Assert.Equal("/Dashboard/Office", home.Headers.Location!.OriginalString);

        var page = await client.GetPageAsync("/Dashboard/Office");
        Assert.Equal("今日工作", page.QuerySelector("nav.navbar .nav-link.active")!.TextContent.Trim());
        string Figure(string id) => page.QuerySelector($"#{id} .figure")!.TextContent.Trim();
        string Link(string id) => page.QuerySelector($"#{id}")!.GetAttribute("href")!;

        // November 2026: 3 village grids + 18 enterprises/units (5 with two workshops) = 26 expected, 1 submitted.
        Assert.Equal("25", Figure("missing-inspections"));
        Assert.Equal("/InspectionReview/Missing?month=2026-11", Link("missing-inspections"));
        Assert.Equal("1", Figure("overdue-hazards"));
        Assert.Equal("1", Figure("risky-disputes"));
        // XF-0 (2024) and XF-1…3 (2025): none resolved in its own year.
        Assert.Equal("4", Figure("backlog-petitions"));
        Assert.Equal("/InspectionReview/WorkList?list=backlog", Link("backlog-petitions"));
        Assert.Equal("/InspectionReview/WorkList?list=hazards", Link("overdue-hazards"));
        Assert.Equal("/Disputes?stage=waiting", Link("escalated-waiting"));
        Assert.Equal("/Supervision?Card=Red", page.QuerySelector("#orders-red")!.GetAttribute("href"));
        // 2025: 3 villages/communities × 13 A items + 18 enterprises/units × 12 A items − 5 attested.
        Assert.Equal("250", Figure("pending-attestations"));
        // 预警 is the stored as-of run's (not refreshed yet: none), one page for both dashboards.
        Assert.Equal("0", Figure("warnings"));
        Assert.Equal("/Evaluation/Warning", Link("warnings"));
        await _factory.WithDbAsync(db => new Infrastructure.Evaluation.AsOfRefresher(db, _factory.Clock).RefreshAsync());

        page = await client.GetPageAsync("/Dashboard/Office");
        var board = await client.GetPageAsync(Link("warnings"));
        var failing = board.QuerySelectorAll("#failing-list tbody tr");
        var atRisk = board.QuerySelectorAll("#risk-list tbody tr");
        Assert.Equal((failing.Length + atRisk.Length).ToString(System.Globalization.CultureInfo.InvariantCulture), Figure("warnings"));
        Assert.Equal(failing.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), board.QuerySelector("#failing-count")!.TextContent);
        // CUN01 misses January to September and has an overdue hazard: it is warned of, with the item names beside the codes.
        var cun01 = failing.Concat(atRisk).Single(r => r.Children[0].TextContent.Trim() == "CUN01");
        Assert.NotEmpty(cun01.QuerySelectorAll(".item-title"));
    }

    [Fact]
    public async Task Before_the_due_day_the_missing_inspections_are_last_months()
    {
        _factory.Clock.Now = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(8));
        var client = await _factory.CreateBrowserlessClient().LoggedInAsync("office");
        var page = await client.GetPageAsync("/Dashboard/Office");

        Assert.Equal("/InspectionReview/Missing?month=2026-11", page.QuerySelector("#missing-inspections")!.GetAttribute("href"));
        Assert.Equal("25", page.QuerySelector("#missing-inspections .figure")!.TextContent.Trim());
    }
}
