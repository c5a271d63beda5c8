using System.Diagnostics;
using SanLing.Web.Tests.Support;
using Xunit.Abstractions;

namespace SanLing.Web.Tests.Inspections;

/// <summary>The inspection pages on the full demo town (read only: other tests share it).</summary>
[Collection(DemoTownCollection.Name)]
public sealed class InspectionDemoTownTests(DemoTownFixture demo, ITestOutputHelper output)
{
    private async Task<AngleSharp.Html.Dom.IHtmlDocument> TimedAsync(HttpClient client, string url)
    {
        var watch = Stopwatch.StartNew();
        var page = await client.GetPageAsync(url);
        output.WriteLine($"{url}: {watch.ElapsedMilliseconds} ms");
        return page;
    }

    [Fact]
    public async Task The_office_sees_the_whole_towns_matrix_and_who_has_not_submitted_november()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        await client.GetPageAsync("/InspectionReview");
        var matrix = await TimedAsync(client, "/InspectionReview?year=2026");

        Assert.Equal(60, matrix.QuerySelectorAll("#completeness-matrix tbody tr").Length);
        Assert.Equal("CUN01", matrix.QuerySelector("#completeness-matrix tbody tr")!.GetAttribute("data-subject"));
        var total = matrix.QuerySelectorAll("#rate-table tr.group-head td.rate").ToList();
        var january = int.Parse(total[0].GetAttribute("data-expected")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(january, 1000, 1100);
        Assert.Equal("0", total[10].GetAttribute("data-expected"));
        Assert.Equal(25, matrix.QuerySelectorAll("#rate-table tr.territory-row").Length);

        var missing = await TimedAsync(client, "/InspectionReview/Missing?month=2026-11");
        var rows = missing.QuerySelectorAll("#missing-list tbody tr").Select(r => r.GetAttribute("data-grid") ?? "").ToList();
        Assert.Contains("CUN01-G01", rows);
        Assert.Contains("CUN01-G02", rows);
        Assert.Contains("网格员 李娜（上塘村第一网格", missing.QuerySelector("#reminder-text")!.TextContent, StringComparison.Ordinal);

        await TimedAsync(client, "/InspectionReview/WorkList");
        var grid = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var units = await TimedAsync(grid, "/Inspections");
        Assert.Equal(["CUN01-G01", "CUN01-G02"], units.QuerySelectorAll("#unit-list .unit-card").Select(c => c.GetAttribute("data-grid") ?? "").ToArray());
        await TimedAsync(grid, "/Inspections/Todo");
    }
}
