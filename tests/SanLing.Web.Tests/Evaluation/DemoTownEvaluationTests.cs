using System.Net;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Evaluation;

/// <summary>The evaluation pages on the demo town (1 000+ subjects, real-looking ledgers).</summary>
[Collection(DemoTownCollection.Name)]
public sealed class DemoTownEvaluationTests(DemoTownFixture demo)
{
    [Fact]
    public async Task Office_runs_last_year_twice_and_every_page_of_the_run_answers()
    {
        var office = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await office.AntiforgeryTokenAsync("/Evaluation");
        var first = await office.PostFormAsync("/Evaluation/Run", token, [new("Year", "2025")]);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await office.PostFormAsync("/Evaluation/Run", token, [new("Year", "2025")]);
        var url = second.Headers.Location!.OriginalString;

        var results = await office.GetPageAsync(url);
        var groups = results.QuerySelectorAll("#group-rates tbody tr").Select(tr => int.Parse(tr.QuerySelectorAll("td")[0].TextContent.Trim())).ToArray();
        Assert.Equal(25, groups[0]);
        Assert.True(groups[1] > 1000, $"{groups[1]} enterprises and units evaluated");
        Assert.Equal(50, results.QuerySelectorAll("#result-list tbody tr").Length);
        // Failing subjects come first, each naming its failed items.
        Assert.Equal("不达标", results.QuerySelector("#result-list tbody tr td.verdict")!.TextContent.Trim());

        var filtered = await office.GetPageAsync($"{url}?verdict=NonCompliant&kind=Village");
        Assert.All(filtered.QuerySelectorAll("#result-list tbody tr"), tr => Assert.Equal("村", tr.Children[2].TextContent.Trim()));

        var lists = await office.GetPageAsync(url.Replace("Results", "Lists", StringComparison.Ordinal));
        Assert.NotEmpty(lists.QuerySelectorAll("#honour-list tbody tr"));

        // The same data judged twice: nothing changed.
        var compare = await office.GetPageAsync(url.Replace("Results", "Compare", StringComparison.Ordinal));
        Assert.Empty(compare.QuerySelectorAll("#change-list tbody tr"));

        var warning = await office.GetPageAsync("/Evaluation/Warning");
        Assert.NotEmpty(warning.QuerySelectorAll("#risk-list tbody tr"));

        var report = await office.GetAsync(url.Replace("Results", "Report", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report.Content.Headers.ContentType!.MediaType);
    }
}
