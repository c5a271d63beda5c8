using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Inspections;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Inspections;

/// <summary>
/// The office's views on a small hand-built town (see <see cref="InspectionTownFixture"/>), with these 2026 inspections:
/// 东村 V1 (2 grids): Jan both on time, Feb one grid only, Mar one on time and one late. 西村 V2: Jan, Oct, Nov.
/// E1 (no workshops): Jan on time, Feb a draft only. E2 (2 workshops): Jan one whole-enterprise inspection only.
/// E3 (established 15 June): Jul on time. Today 2026-11-25: January–October are due, November not yet.
/// </summary>
public sealed class InspectionReviewTests : IClassFixture<InspectionTownFixture>, IAsyncLifetime
{
    private readonly InspectionTownFixture _town;

    public InspectionReviewTests(InspectionTownFixture town) => _town = town;

    public async Task InitializeAsync()
    {
        if (await _town.Factory.WithDbAsync(db => db.Inspections.AnyAsync()))
        {
            return;
        }
        await _town.Factory.WithDbAsync(async db =>
        {
            void Add(string subject, string? grid, int month, bool late = false, InspectionStatus status = InspectionStatus.Submitted, params Finding[] findings)
            {
                var m = new DateOnly(2026, month, 1);
                db.Inspections.Add(new Inspection
                {
                    SubjectId = _town.Subjects[subject],
                    GridId = grid is null ? null : _town.Grids[grid],
                    Month = m,
                    InspectedOn = m.AddDays(20),
                    Inspector = "测试",
                    Status = status,
                    IsLate = late,
                    SubmittedAt = status == InspectionStatus.Submitted ? DateTimeOffset.UtcNow : null,
                    NothingFound = findings.Length == 0,
                    Findings = [.. findings],
                });
            }
            Add("V1", "V1-G1", 1);
            Add("V1", "V1-G2", 1);
            Add("V1", "V1-G1", 2);
            Add("V1", "V1-G1", 3);
            Add("V1", "V1-G2", 3, late: true);
            Add("V2", "V2-G1", 1);
            Add("V2", "V2-G1", 10, findings:
            [
                new Finding { Type = FindingType.Hazard, HazardCategory = HazardCategory.Fire, RiskLevel = RiskLevel.Larger, Description = "加油站旁堆放易燃物", RectifyBy = new DateOnly(2026, 11, 5), Status = FindingStatus.Rectifying },
                new Finding { Type = FindingType.Dispute, DisputeCategory = DisputeCategory.Land, Description = "土地流转纠纷", Parties = "十户村民与承包方", RiskOfGroupIncident = true, Status = FindingStatus.Mediating },
                new Finding { Type = FindingType.Dispute, DisputeCategory = DisputeCategory.Neighbour, Description = "邻里噪音", Status = FindingStatus.Mediating },
            ]);
            Add("V2", "V2-G1", 11);
            Add("E1", null, 1);
            Add("E1", null, 2, status: InspectionStatus.Draft);
            Add("E2", null, 1);
            Add("E3", null, 7);
            await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Dictionary<string, int> Figures(AngleSharp.Dom.IElement cell) => new()
    {
        ["expected"] = int.Parse(cell.GetAttribute("data-expected")!, System.Globalization.CultureInfo.InvariantCulture),
        ["complete"] = int.Parse(cell.GetAttribute("data-complete")!, System.Globalization.CultureInfo.InvariantCulture),
        ["ontime"] = int.Parse(cell.GetAttribute("data-ontime")!, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string[] States(AngleSharp.Html.Dom.IHtmlDocument page, string subject) =>
        page.QuerySelectorAll($"#completeness-matrix tr[data-subject='{subject}'] td.cell").Select(c => c.GetAttribute("data-state") ?? "").ToArray();

    [Fact]
    public async Task The_matrix_shows_each_subject_month_and_the_rates_of_the_scenario_town()
    {
        var client = await _town.ClientAsync("o1");
        var page = await client.GetPageAsync("/InspectionReview?year=2026");

        Assert.Equal(["V1", "E1", "E2", "E3", "V2"], page.QuerySelectorAll("#completeness-matrix tbody tr").Select(r => r.GetAttribute("data-subject") ?? "").ToArray());
        var v1 = States(page, "V1");
        Assert.Equal(["Complete", "Partial", "CompleteLate", "Missing"], v1[..4]);
        Assert.Equal("NotYetDue", v1[10]);
        Assert.Equal("NotRequired", v1[11]);
        Assert.Equal(["Complete", "Missing"], States(page, "E1")[..2]);
        Assert.Equal("Missing", States(page, "E2")[0]);
        var e3 = States(page, "E3");
        Assert.All(e3[..5], s => Assert.Equal("NotRequired", s));
        Assert.Equal(["Missing", "Complete"], e3[5..7]);
        Assert.Equal("Complete", States(page, "V2")[10]);

        var total = page.QuerySelectorAll("#rate-table tr.group-head td.rate").ToList();
        Assert.Equal(new Dictionary<string, int> { ["expected"] = 4, ["complete"] = 3, ["ontime"] = 3 }, Figures(total[0]));
        Assert.Equal("75.0%", total[0].TextContent.Trim()[..5]);
        Assert.Equal(new Dictionary<string, int> { ["expected"] = 4, ["complete"] = 0, ["ontime"] = 0 }, Figures(total[1]));
        Assert.Equal(new Dictionary<string, int> { ["expected"] = 4, ["complete"] = 1, ["ontime"] = 0 }, Figures(total[2]));
        Assert.Equal(new Dictionary<string, int> { ["expected"] = 5, ["complete"] = 1, ["ontime"] = 1 }, Figures(total[6]));
        Assert.Equal(new Dictionary<string, int> { ["expected"] = 5, ["complete"] = 1, ["ontime"] = 1 }, Figures(total[9]));
        Assert.Equal(0, Figures(total[10])["expected"]);

        var east = page.QuerySelectorAll($"#rate-table tr[data-territory='{_town.Subjects["V1"]}'] td.rate").ToList();
        Assert.Equal(new Dictionary<string, int> { ["expected"] = 3, ["complete"] = 2, ["ontime"] = 2 }, Figures(east[0]));
        var west = page.QuerySelectorAll($"#rate-table tr[data-territory='{_town.Subjects["V2"]}'] td.rate").ToList();
        Assert.Equal(new Dictionary<string, int> { ["expected"] = 1, ["complete"] = 1, ["ontime"] = 1 }, Figures(west[0]));
    }

    [Fact]
    public async Task The_matrix_filters_by_territory_and_kind()
    {
        var client = await _town.ClientAsync("o1");
        var west = await client.GetPageAsync($"/InspectionReview?year=2026&territoryId={_town.Subjects["V2"]}");
        Assert.Equal(["V2"], west.QuerySelectorAll("#completeness-matrix tbody tr").Select(r => r.GetAttribute("data-subject") ?? "").ToArray());
        var enterprises = await client.GetPageAsync("/InspectionReview?year=2026&kind=Enterprise");
        Assert.Equal(["E1", "E2", "E3"], enterprises.QuerySelectorAll("#completeness-matrix tbody tr").Select(r => r.GetAttribute("data-subject") ?? "").ToArray());
    }

    [Fact]
    public async Task The_not_submitted_list_names_grid_workers_and_exports_to_excel()
    {
        var client = await _town.ClientAsync("o1");
        var page = await client.GetPageAsync("/InspectionReview/Missing?month=2026-10");

        var rows = page.QuerySelectorAll("#missing-list tbody tr").Select(r => $"{r.GetAttribute("data-subject")}/{r.GetAttribute("data-grid")}").ToArray();
        Assert.Equal(["V1/V1-G1", "V1/V1-G2", "E1/", "E2/E2-C1", "E2/E2-C2", "E3/"], rows);
        Assert.Contains("13800000001", page.QuerySelector("#missing-list")!.TextContent, StringComparison.Ordinal);
        // One line per responsible person, ready for a WeChat group.
        var reminder = page.QuerySelector("#reminder-text")!.TextContent.Split('\n');
        Assert.Contains("网格员 钱一（东村第一网格）：10月未提交，截止11月5日", reminder);
        Assert.DoesNotContain(reminder, line => line.Contains("西一网格", StringComparison.Ordinal));

        var response = await client.GetAsync("/InspectionReview/MissingExport?month=2026-10");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(1);
        Assert.Equal("网格员/联络人", sheet.Cell(1, 7).GetString());
        Assert.Equal(7, sheet.LastRowUsed().RowNumber());
        Assert.Equal("13800000001", sheet.Cell(2, 8).GetString());
        Assert.Equal(XLDataType.Text, sheet.Cell(2, 8).DataType);
        Assert.True(sheet.Column(3).Width >= 20);
    }

    [Fact]
    public async Task The_work_list_shows_overdue_hazards_and_risky_disputes_by_age()
    {
        var client = await _town.ClientAsync("o1");
        var page = await client.GetPageAsync("/InspectionReview/WorkList");

        var hazard = Assert.Single(page.QuerySelectorAll("#overdue-hazards tbody tr[data-finding]"));
        Assert.Contains("加油站旁堆放易燃物", hazard.TextContent, StringComparison.Ordinal);
        Assert.Equal("20", hazard.QuerySelector(".days-overdue")!.TextContent.Trim());
        Assert.Equal("35", hazard.QuerySelector(".days-open")!.TextContent.Trim());
        var dispute = Assert.Single(page.QuerySelectorAll("#risky-disputes tbody tr[data-finding]"));
        Assert.Contains("土地流转纠纷", dispute.TextContent, StringComparison.Ordinal);
        Assert.Contains("群体性", dispute.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leadership_sees_only_the_rates_and_no_personal_contacts()
    {
        var client = await _town.ClientAsync("ld1");
        var page = await client.GetPageAsync("/InspectionReview?year=2026");
        Assert.NotNull(page.QuerySelector("#rate-table"));
        var text = page.Body!.TextContent;
        Assert.DoesNotContain("138000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("钱一", text, StringComparison.Ordinal);
        Assert.DoesNotContain("加油站", text, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("a[href*='Missing']"));

        foreach (var url in new[] { "/InspectionReview/Missing", "/InspectionReview/MissingExport?month=2026-10", "/InspectionReview/WorkList", "/Inspections", "/Inspections/Todo", $"/Inspections/Edit?subjectId={_town.Subjects["E1"]}&month=2026-10" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task Grid_workers_and_liaisons_cannot_open_the_office_views()
    {
        foreach (var user in new[] { "w1", "l1" })
        {
            var client = await _town.ClientAsync(user);
            foreach (var url in new[] { "/InspectionReview", "/InspectionReview/Missing", "/InspectionReview/WorkList", "/InspectionReview/MissingExport" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
            }
        }
    }
}
