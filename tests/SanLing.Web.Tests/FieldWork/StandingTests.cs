using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Ledgers;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.FieldWork;

/// <summary>The liaison's own standing is the early warning of their subject, item for item, and their menu holds only what they use.</summary>
public sealed class StandingTests(DemoTownFixture demo) : IClassFixture<DemoTownFixture>
{
    private static List<string> Texts(IEnumerable<AngleSharp.Dom.IElement> elements) =>
        elements.Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task The_liaisons_standing_equals_the_early_warning_verdicts_of_their_subject()
    {
        var code = await demo.Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "liaison")
            .Select(u => db.Subjects.Where(s => s.Id == u.ScopeSubjectId).Select(s => s.Code).Single()).SingleAsync());
        // An accident this year makes sure there is a failing item to compare (5.3); the office refreshes the 预评.
        await demo.Factory.WithDbAsync(async db =>
        {
            var subjectId = await db.Subjects.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
            db.Accidents.Add(new Accident { Number = "SG-STANDING-1", SubjectId = subjectId, OccurredOn = new DateOnly(2026, 3, 2), Category = AccidentCategory.Fire, Injuries = 1 });
            await db.SaveChangesAsync();
        });
        var office = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var liaison = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("liaison");
        await office.PostFormAsync("/Evaluation/RefreshAsOf", await office.AntiforgeryTokenAsync("/Evaluation/Warning"), []);

        var warning = await office.GetPageAsync("/Evaluation/Warning");
        var standing = await liaison.GetPageAsync("/Standing");

        var failingRow = warning.QuerySelectorAll("#failing-list tbody tr").SingleOrDefault(r => r.QuerySelector("td")!.TextContent.Trim() == code);
        Assert.NotNull(failingRow);
        var warned = Texts(failingRow.QuerySelectorAll("td:last-child div")).Select(ItemOf).ToList();
        var failed = Texts(standing.QuerySelectorAll("#standing-items li[data-verdict=Fail] .standing-reason"));
        Assert.Contains(failed, r => r.StartsWith("5.3", StringComparison.Ordinal));
        // The same items fail for the same reasons; the liaison reads counts without the office's record numbers.
        Assert.Equal(warned, failed.Select(ItemOf));
        Assert.Contains(Texts(failingRow.QuerySelectorAll("td:last-child div")), r => r.Contains("SG-STANDING-1", StringComparison.Ordinal));
        Assert.DoesNotContain(failed, r => r.Contains("SG-STANDING-1", StringComparison.Ordinal));
        Assert.Contains("5.3 不达标：当年发生安全事故 1 起", failed);
        Assert.Equal("不达标", standing.QuerySelector("#standing-verdict span.fw-bold")!.TextContent.Trim());
        Assert.NotNull(standing.QuerySelector("#standing-verdict .as-of-badge"));
        Assert.NotNull(standing.QuerySelector("#last-year-verdict, #last-year-none"));
    }

    [Fact]
    public async Task A_liaisons_menu_holds_only_what_a_liaison_uses()
    {
        var liaison = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("liaison");

        var page = await liaison.GetPageAsync("/Worklist");

        var menu = page.QuerySelectorAll("#main-nav ul.navbar-nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/Worklist", "/Inspections", "/Standing", "/Supervision", "/Subjects"], menu);
        // The accident ledger of their own unit is still readable by address; petitions (personal matters) are not theirs.
        Assert.NotNull(await liaison.GetPageAsync("/Accidents"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await liaison.GetAsync("/Petitions")).StatusCode);
    }

    /// <summary>"5.3 不达标：…" → "5.3 不达标".</summary>
    private static string ItemOf(string reason) => reason.Split('：')[0];
}
