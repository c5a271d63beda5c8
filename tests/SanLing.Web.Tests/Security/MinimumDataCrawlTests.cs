using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Ledgers;
using SanLing.Domain.KeyPopulations;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;
using Xunit.Abstractions;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// Minimum necessary data (PIPL): every GET page a leader can reach — found by following the in-app links from the home
/// page, drill-downs, exports and JSON included — holds no mobile number, ID number, key-person number or name, contact
/// person or grid worker; a liaison's pages hold no key-person record, petition matter or case fact. The forbidden
/// values are the demo town's own, read from the database.
/// </summary>
[Collection(DemoTownCollection.Name)]
public sealed partial class MinimumDataCrawlTests(DemoTownFixture demo, ITestOutputHelper output)
{
    /// <summary>Pages of one shape (/Dashboard/Subject/{n}/{n}) crawled at most; the seeded pages come first.</summary>
    private const int PagesPerShape = 25;

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    internal static partial Regex Mobile();

    [GeneratedRegex(@"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")]
    internal static partial Regex IdNumber();

    [GeneratedRegex(@"ZD-[0-9A-Za-z]")]
    internal static partial Regex KeyPersonNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    private static readonly HtmlParser Parser = new();

    /// <summary>Personal data a page may hold (names of people, key-person numbers) of the portal's database, every town.</summary>
    internal static Task<HashSet<string>> PeopleAsync(SanLingFactory factory) => factory.WithDbAsync(async db =>
    {
        var names = new List<string>();
        names.AddRange(await db.KeyPersons.IgnoreQueryFilters().Select(k => k.Name).ToListAsync());
        names.AddRange(await db.KeyPersons.IgnoreQueryFilters().Where(k => k.HelperName != null).Select(k => k.HelperName!).ToListAsync());
        names.AddRange(await db.Subjects.IgnoreQueryFilters().Where(s => s.ContactPerson != null).Select(s => s.ContactPerson!).ToListAsync());
        names.AddRange(await db.Grids.IgnoreQueryFilters().Where(g => g.WorkerName != null).Select(g => g.WorkerName!).ToListAsync());
        names.AddRange(await db.KeyPersons.IgnoreQueryFilters().Select(k => k.Number).ToListAsync());
        return names.Where(n => n.Trim().Length >= 2).Select(n => n.Trim()).ToHashSet(StringComparer.Ordinal);
    });

    [Fact]
    public async Task A_leader_reaches_no_personal_data_on_any_page_drill_down_or_export()
    {
        var forbidden = await demo.Factory.WithDbAsync(async db =>
        {
            var names = new List<string>();
            names.AddRange(await db.KeyPersons.Select(k => k.Name).ToListAsync());
            names.AddRange(await db.KeyPersons.Where(k => k.HelperName != null).Select(k => k.HelperName!).ToListAsync());
            names.AddRange(await db.Subjects.Where(s => s.ContactPerson != null).Select(s => s.ContactPerson!).ToListAsync());
            names.AddRange(await db.Grids.Where(g => g.WorkerName != null).Select(g => g.WorkerName!).ToListAsync());
            names.AddRange(await db.KeyPersons.Select(k => k.Number).ToListAsync());
            return names.Where(n => n.Trim().Length >= 2).Select(n => n.Trim()).ToHashSet(StringComparer.Ordinal);
        });
        // Seeds the links might not reach within the cap: the pages that would show the most, taken from the database.
        var seeds = await demo.Factory.WithDbAsync(async db =>
        {
            var cards = await (from i in db.EvaluationItemResults
                               join r in db.EvaluationResults on i.ResultId equals r.Id
                               join run in db.EvaluationRuns on r.RunId equals run.Id
                               where run.IsPublished && i.Reason.Contains("ZD-")
                               select new { r.RunId, r.SubjectId }).Distinct().Take(5).ToListAsync();
            var subjects = await db.Subjects.Where(s => s.ContactPerson != null || s.Grids.Any(g => g.WorkerPhone != null))
                .OrderBy(s => s.Id).Select(s => s.Id).Take(5).ToListAsync();
            return cards.SelectMany(c => new[] { $"/Dashboard/Subject/{c.RunId}/{c.SubjectId}", $"/Evaluation/Card/{c.RunId}?subjectId={c.SubjectId}" })
                .Concat(subjects.Select(id => $"/Subjects/Details/{id}"))
                .ToList();
        });
        Assert.NotEmpty(seeds);
        Assert.Contains(seeds, s => s.StartsWith("/Dashboard/Subject/", StringComparison.Ordinal));
        Assert.NotEmpty(forbidden);

        var leader = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        var pages = await CrawlAsync(leader, seeds, output);
        var withoutSubjectNames = await WithoutSubjectNamesAsync(demo.Factory);

        var found = pages.SelectMany(p => Offences(p.Key, withoutSubjectNames(p.Value), forbidden, checkPatterns: true)).ToList();
        Assert.True(found.Count == 0, "personal data shown to leadership:\n" + string.Join("\n", found.Take(80)));
        Assert.Contains(pages.Keys, u => u.StartsWith("/Evaluation/Report/", StringComparison.Ordinal));
        Assert.Contains(pages.Keys, u => u.StartsWith("/Evaluation/Warning", StringComparison.Ordinal));

        // The same pages still show the office the key-person numbers and the phones: the crawl looked where they would be.
        var office = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var card = seeds.First(s => s.StartsWith("/Dashboard/Subject/", StringComparison.Ordinal));
        Assert.Matches(KeyPersonNumber(), (await office.GetPageAsync(card)).QuerySelector("main")!.TextContent);
        var details = seeds.First(s => s.StartsWith("/Subjects/Details/", StringComparison.Ordinal));
        Assert.Contains(details, pages.Keys);
        Assert.Matches(Mobile(), (await office.GetPageAsync(details)).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_liaison_reaches_no_key_person_petition_matter_or_case_fact()
    {
        // A key person, a petition and a case of the liaison's own enterprise (closed years ago, so no verdict moves).
        const string matter = "最小必要测试事由：拖欠工资集体讨薪";
        const string facts = "最小必要测试案情：夜间盗窃仓库电缆";
        var own = await demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == "QY0001").Select(s => s.Id).SingleAsync());
        var id = demo.Factory.Services.GetRequiredService<Infrastructure.Security.IdNumberProtector>().Protect("110101198001010019");
        await demo.Factory.WithDbAsync(async db =>
        {
            if (await db.Petitions.AnyAsync(p => p.Number == "XF-MIN-1"))
            {
                return;
            }
            db.KeyPersons.Add(new KeyPerson
            {
                Number = "ZD-MIN-1", Name = "柳最小", IdNumberCipher = id.Cipher, IdNumberHash = id.Hash, IdNumberMasked = id.Masked,
                Category = KeyPersonCategory.ReleasedPrisoner, SubjectId = own, ListedOn = new DateOnly(2023, 3, 1), DelistedOn = new DateOnly(2023, 9, 1),
            });
            db.Petitions.Add(new Petition
            {
                Number = "XF-MIN-1", SubjectId = own, OccurredOn = new DateOnly(2023, 4, 1), Kind = PetitionKind.Individual, Matter = matter,
                Status = PetitionStatus.Resolved, ResolvedOn = new DateOnly(2023, 5, 1),
            });
            db.Cases.Add(new SecurityCase { Number = "AJ-MIN-1", SubjectId = own, OccurredOn = new DateOnly(2023, 6, 1), Kind = CaseKind.Criminal, Facts = facts });
            await db.SaveChangesAsync();
        });
        var forbidden = await demo.Factory.WithDbAsync(async db =>
        {
            var values = new List<string>();
            values.AddRange(await db.KeyPersons.Select(k => k.Name).ToListAsync());
            values.AddRange(await db.KeyPersons.Select(k => k.Number).ToListAsync());
            values.AddRange(await db.Petitions.Where(p => p.Matter != null).Select(p => p.Matter!).ToListAsync());
            values.AddRange(await db.Cases.Where(c => c.Facts != null).Select(c => c.Facts!).ToListAsync());
            return values.Where(v => v.Trim().Length >= 2).Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
        });
        Assert.Contains(matter, forbidden);
        Assert.Contains(facts, forbidden);

        var liaison = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("liaison");
        var pages = await CrawlAsync(liaison, output, [$"/Subjects/Details/{own}", "/Petitions", "/Cases", "/KeyPersons", "/Petitions/Export", "/Cases/Export"]);

        var withoutSubjectNames = await WithoutSubjectNamesAsync(demo.Factory);
        var found = pages.SelectMany(p => Offences(p.Key, withoutSubjectNames(p.Value), forbidden, checkPatterns: false).Concat(KeyPersonNumber().IsMatch(p.Value) ? [$"{p.Key}: ZD-…"] : [])).ToList();
        Assert.True(found.Count == 0, "shown to a liaison:\n" + string.Join("\n", found.Take(40)));
        Assert.Contains($"/Subjects/Details/{own}", pages.Keys);
        foreach (var ledger in new[] { "/Petitions", "/Cases", "/KeyPersons" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await liaison.GetAsync(ledger)).StatusCode);
        }
    }

    /// <summary>What a page shows once subject names (data everyone may read; a family farm bears its owner's name) are taken out.</summary>
    internal static async Task<Func<string, string>> WithoutSubjectNamesAsync(SanLingFactory factory)
    {
        var names = await factory.WithDbAsync(db => db.Subjects.IgnoreQueryFilters().Select(s => s.Name).ToListAsync());
        var longestFirst = names.Distinct(StringComparer.Ordinal).OrderByDescending(n => n.Length).ToList();
        return text => longestFirst.Aggregate(text, (t, name) => t.Replace(name, "", StringComparison.Ordinal));
    }

    internal static IEnumerable<string> Offences(string url, string text, IReadOnlySet<string> forbidden, bool checkPatterns)
    {
        foreach (var value in forbidden.Where(v => text.Contains(v, StringComparison.Ordinal)))
        {
            yield return $"{url}: {value}";
        }
        if (!checkPatterns)
        {
            yield break;
        }
        foreach (var regex in new[] { Mobile(), IdNumber(), KeyPersonNumber() })
        {
            if (regex.Match(text) is { Success: true } m)
            {
                yield return $"{url}: {m.Value}";
            }
        }
    }

    /// <summary>
    /// Every in-app GET link from the home page and the seeds, breadth first, at most <see cref="PagesPerShape"/> of a
    /// shape; the text each answered with 200 (a page's main content, an export's cells, a JSON body). Never a 5xx.
    /// </summary>
    internal static Task<Dictionary<string, string>> CrawlAsync(HttpClient client, ITestOutputHelper? output, IEnumerable<string> seeds) =>
        CrawlAsync(client, seeds, output);

    internal static async Task<Dictionary<string, string>> CrawlAsync(HttpClient client, IEnumerable<string> seeds, ITestOutputHelper? output)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var perShape = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>();
        foreach (var url in seeds.Prepend("/"))
        {
            Enqueue(url);
        }
        while (queue.TryDequeue(out var url))
        {
            using var response = await client.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"GET {url} answered {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }
            var type = response.Content.Headers.ContentType?.MediaType ?? "";
            var body = await response.Content.ReadAsByteArrayAsync();
            if (type.Contains("spreadsheetml", StringComparison.Ordinal) || type == "application/octet-stream")
            {
                texts[url] = WorkbookText(body);
                continue;
            }
            var text = Encoding.UTF8.GetString(body);
            if (!type.Contains("html", StringComparison.Ordinal))
            {
                texts[url] = text;
                continue;
            }
            var document = Parser.ParseDocument(text);
            texts[url] = VisibleText(document.QuerySelector("main") ?? document.Body!);
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                Enqueue(href);
            }
        }
        output?.WriteLine($"{texts.Count} pages read, {seen.Count} links followed");
        return texts;

        void Enqueue(string href)
        {
            var url = WebUtility.HtmlDecode(href).Split('#')[0];
            if (url.Length == 0 || !url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal)
                || url.StartsWith("/lib/", StringComparison.OrdinalIgnoreCase) || url.StartsWith("/css/", StringComparison.OrdinalIgnoreCase)
                || url.StartsWith("/js/", StringComparison.OrdinalIgnoreCase) || url.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase)
                || !seen.Add(url))
            {
                return;
            }
            var shape = Digits().Replace(url.Split('?')[0], "{n}");
            if (perShape.GetValueOrDefault(shape) >= PagesPerShape)
            {
                return;
            }
            perShape[shape] = perShape.GetValueOrDefault(shape) + 1;
            queue.Enqueue(url);
        }
    }

    /// <summary>Every text and attribute value of the element, one a line (cells never run together into one number).</summary>
    internal static string VisibleText(IElement element) =>
        string.Join("\n", element.GetDescendants().OfType<IText>().Select(t => t.Data)
            .Concat(element.GetDescendants().OfType<IElement>().Prepend(element).SelectMany(e => e.Attributes.Select(a => a.Value))));

    /// <summary>The text of every part of an .xlsx (cells, shared strings, sheet names).</summary>
    internal static string WorkbookText(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
        {
            using var reader = new StreamReader(entry.Open());
            text.AppendLine(WebUtility.HtmlDecode(Regex.Replace(reader.ReadToEnd(), "<[^>]+>", "\n")));
        }
        return text.ToString();
    }
}
