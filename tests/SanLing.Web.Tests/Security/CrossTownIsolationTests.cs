using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SanLing.Web.Tests.Support;
using Xunit.Abstractions;
using static SanLing.Web.Tests.Security.RouteRoleMatrixTests;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// What the demo town's users read never shows the other town (<see cref="RouteMatrixFixture.OtherTownMarker"/>, of
/// another county): every GET row of the route matrix each user may read (lists, details, searches, exports, forms with
/// their drop-downs, JSON), as it is and searched for the other town's marker. The county roles read the demo town
/// through the town switcher; the county leader, there and in the county view, reaches no personal data.
/// (Requests naming the other town's records: <see cref="RouteRoleMatrixTests"/>.)
/// </summary>
public sealed partial class CrossTownIsolationTests(RouteMatrixFixture town, ITestOutputHelper output) : IClassFixture<RouteMatrixFixture>
{
    private const string Marker = RouteMatrixFixture.OtherTownMarker;

    /// <summary>The text of an answer as a user would get at it: a page's whole HTML (options and attributes too), an export's cells, a JSON body.</summary>
    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        var body = await response.Content.ReadAsByteArrayAsync();
        return type.Contains("spreadsheetml", StringComparison.Ordinal) || type == "application/octet-stream"
            ? MinimumDataCrawlTests.WorkbookText(body)
            : RandomToken().Replace(Encoding.UTF8.GetString(body), "$1=\"\"");
    }

    /// <summary>
    /// Random values (antiforgery tokens, script nonces): a long base64 string holds "isob" in any case now and then, and
    /// no record of a town is written as one.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(value|nonce|content)=""[A-Za-z0-9+/=_-]{32,}""")]
    private static partial System.Text.RegularExpressions.Regex RandomToken();

    [System.Text.RegularExpressions.GeneratedRegex(Marker + @"[\p{L}\p{N}_-]", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Named();

    private static string Searched(string url) => url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "q=" + Marker;

    [Fact]
    public async Task No_page_search_export_or_drop_down_of_the_demo_town_shows_the_other_town()
    {
        // The marker is there to be found: the other town's office sees it on the same kinds of pages.
        using var otherOffice = await town.Factory.CreateBrowserlessClient().LoggedInAsync(RouteMatrixFixture.OtherTownOffice, TownBuilder.Password);
        foreach (var url in new[] { "/Subjects/Index", "/Petitions/Export", "/Subjects/Search?q=" + Marker, "/KeyPersons/Index", "/Grids/Index", "/Inspections/Todo" })
        {
            using var response = await otherOffice.GetAsync(url);
            Assert.True((await TextOfAsync(response)).Contains(Marker, StringComparison.Ordinal), $"the other town's office finds no {Marker} on {url}");
        }

        var failures = new List<string>();
        var read = 0;
        foreach (var user in Users.Where(u => u != Anonymous))
        {
            var client = town.Clients[user];
            foreach (var (key, row) in Table.Where(r => !r.Key.StartsWith("POST ", StringComparison.Ordinal)).OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                if (Expect(key, row, user) != Outcome.Allowed || town.Resolve(row.Path, user, Side.Own) is not { } url)
                {
                    continue;
                }
                foreach (var request in new[] { url, Searched(url) })
                {
                    using var response = await client.GetAsync(request);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        continue;
                    }
                    read++;
                    var text = await TextOfAsync(response);
                    // A search echoes the bare marker it was asked for (the search box, the return address); a record of the
                    // other town carries more (ISOB企业, XF-ISOB-1, isob-office).
                    var at = request == url ? text.IndexOf(Marker, StringComparison.OrdinalIgnoreCase) : Named().Match(text) is { Success: true } m ? m.Index : -1;
                    if (at >= 0)
                    {
                        failures.Add($"{user} GET {request}: …{text.Substring(Math.Max(0, at - 40), Math.Min(80, text.Length - Math.Max(0, at - 40)))}…");
                    }
                }
            }
        }
        output.WriteLine($"{read} answers read");
        Assert.True(read > 500, $"only {read} answers read");
        Assert.True(failures.Count == 0, "the other town shown:\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task The_county_leader_reaches_no_personal_data_in_the_county_view_or_in_a_town()
    {
        var people = await MinimumDataCrawlTests.PeopleAsync(town.Factory);
        var withoutSubjectNames = await MinimumDataCrawlTests.WithoutSubjectNamesAsync(town.Factory);
        Assert.NotEmpty(people);
        // The pages that would show the most (subject cards with key-person reasons, subjects with contacts), as the
        // leadership crawl seeds them.
        var seeds = await town.Factory.WithDbAsync(async db =>
        {
            var cards = await (from i in db.EvaluationItemResults
                               join r in db.EvaluationResults on i.ResultId equals r.Id
                               join run in db.EvaluationRuns on r.RunId equals run.Id
                               where run.IsPublished && i.Reason.Contains("ZD-")
                               select new { r.RunId, r.SubjectId }).Distinct().Take(5).ToListAsync();
            var subjects = await db.Subjects.Where(s => s.ContactPerson != null).OrderBy(s => s.Id).Select(s => s.Id).Take(5).ToListAsync();
            return cards.SelectMany(c => new[] { $"/Dashboard/Subject/{c.RunId}/{c.SubjectId}", $"/Evaluation/Card/{c.RunId}?subjectId={c.SubjectId}" })
                .Concat(subjects.Select(id => $"/Subjects/Details/{id}"))
                .ToList();
        });
        Assert.NotEmpty(seeds);

        using var outside = await town.Factory.CreateBrowserlessClient().LoggedInAsync(CountyLeader);
        var county = await MinimumDataCrawlTests.CrawlAsync(outside, ["/Counties/Index", .. seeds], output);
        Assert.Contains("/Counties/Index", county.Keys);

        var inTown = await MinimumDataCrawlTests.CrawlAsync(town.Clients[CountyLeader], seeds, output);
        Assert.Contains(inTown.Keys, u => u.StartsWith("/Dashboard/Subject/", StringComparison.Ordinal));
        Assert.Contains(inTown.Keys, u => u.StartsWith("/Evaluation/Report/", StringComparison.Ordinal));

        var found = county.Concat(inTown)
            .SelectMany(p => MinimumDataCrawlTests.Offences(p.Key, withoutSubjectNames(p.Value), people, checkPatterns: true))
            .ToList();
        Assert.True(found.Count == 0, "personal data shown to the county leader:\n" + string.Join("\n", found.Take(60)));

        // The county center, reading the same town as its office, does see a contact's phone: the crawl looked where it would be.
        var details = seeds.First(s => s.StartsWith("/Subjects/Details/", StringComparison.Ordinal));
        Assert.Matches(MinimumDataCrawlTests.Mobile(), (await town.Clients[CountyCenter].GetPageAsync(details)).QuerySelector("main")!.TextContent);
    }
}
