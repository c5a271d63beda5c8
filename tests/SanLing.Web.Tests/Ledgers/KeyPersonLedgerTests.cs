using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SanLing.Domain.Auditing;
using SanLing.Domain.KeyPopulations;
using SanLing.Infrastructure.Security;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Ledgers;

[Collection(DemoTownCollection.Name)]
public sealed class KeyPersonLedgerTests(DemoTownFixture demo)
{
    /// <summary>A valid ID number with the given birth date and sequence (check digit computed).</summary>
    private static string IdNumber(string birth, int sequence)
    {
        var first17 = $"330110{birth}{sequence:000}";
        return first17 + ChineseIdNumber.CheckDigit(first17);
    }

    /// <summary>A valid ID number whose check digit is X.</summary>
    private static string IdNumberEndingInX(string birth)
    {
        for (var sequence = 1; ; sequence++)
        {
            var id = IdNumber(birth, sequence);
            if (id[^1] == 'X')
            {
                return id;
            }
        }
    }

    private Task<int> SubjectId(string code) => demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    private async Task<KeyPerson> AddPersonAsync(string number, string subjectCode, string idNumber)
    {
        var subjectId = await SubjectId(subjectCode);
        var id = demo.Factory.Services.GetRequiredService<IdNumberProtector>().Protect(idNumber);
        return await demo.Factory.WithDbAsync(async db =>
        {
            var person = new KeyPerson
            {
                Number = number, Name = "测试人员", IdNumberCipher = id.Cipher, IdNumberHash = id.Hash, IdNumberMasked = id.Masked,
                Category = KeyPersonCategory.ReleasedPrisoner, SubjectId = subjectId, ListedOn = new DateOnly(2025, 3, 1),
            };
            db.KeyPersons.Add(person);
            await db.SaveChangesAsync();
            return person;
        });
    }

    private static KeyValuePair<string, string>[] CreateFields(string number, string idNumber, string subject = "CUN03") =>
        [new("Number", number), new("Name", "张测试"), new("IdNumber", idNumber), new("SubjectCode", subject), new("Category", "DrugUser"),
         new("ListedOn", "2026-06-01"), new("HasAssistancePlan", "true"), new("AssistancePlan", "每月走访一次")];

    private Task<int> AuditCountAsync(AuditAction action, int personId) => demo.Factory.WithDbAsync(db =>
        db.AuditEntries.CountAsync(a => a.Action == action && a.EntityType == nameof(KeyPerson) && a.EntityId == personId.ToString()));

    public static TheoryData<string, string, string> BadIdNumbers
    {
        get
        {
            var valid = IdNumber("19800214", 123);
            var wrongCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');
            var badBirth = "33011019801340123";
            return new()
            {
                { "ZD-B-1", wrongCheck, "身份证号校验位错误" },
                { "ZD-B-2", valid[..17], "身份证号应为 18 位" },
                { "ZD-B-3", badBirth + ChineseIdNumber.CheckDigit(badBirth), "身份证号中的出生日期无效" },
                { "ZD-B-4", "", "请填写身份证号" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(BadIdNumbers))]
    public async Task A_bad_id_number_is_refused_with_a_chinese_message_and_nothing_is_written(string number, string idNumber, string message)
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/KeyPersons/Create");

        var response = await client.PostFormAsync("/KeyPersons/Create", token, CreateFields(number, idNumber));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("[data-field=IdNumber]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await demo.Factory.WithDbAsync(db => db.KeyPersons.AnyAsync(k => k.Number == number)));
    }

    [Fact]
    public async Task A_valid_id_number_ending_in_x_is_saved_encrypted_and_shown_masked()
    {
        var idNumber = IdNumberEndingInX("19910305");
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/KeyPersons/Create");

        var response = await client.PostFormAsync("/KeyPersons/Create", token, CreateFields("ZD-T-X", idNumber.ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await client.GetAsync(response.Headers.Location!.ToString());
        var html = await details.Content.ReadAsStringAsync();
        Assert.DoesNotContain(idNumber, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ChineseIdNumber.Mask(idNumber), html, StringComparison.Ordinal);
        Assert.Contains("no-store", details.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var list = await client.GetPageAsync("/KeyPersons?q=ZD-T-X");
        Assert.Equal(ChineseIdNumber.Mask(idNumber), list.QuerySelector("#key-person-list tbody .id-masked")!.TextContent.Trim());

        var saved = await demo.Factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            return await db.KeyPersons.AsNoTracking().SingleAsync(k => k.Number == "ZD-T-X");
        });
        Assert.Equal(ChineseIdNumber.Mask(idNumber), saved.IdNumberMasked);
        Assert.Equal(idNumber, demo.Factory.Services.GetRequiredService<IdNumberProtector>().Unprotect(saved.IdNumberCipher));
        var needle = Encoding.ASCII.GetBytes(idNumber);
        foreach (var file in new[] { demo.Factory.DatabasePath, demo.Factory.DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.True(copy.ToArray().AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(file)} holds the ID number in clear text");
        }
    }

    [Fact]
    public async Task A_duplicate_id_number_in_the_town_is_refused()
    {
        var idNumber = IdNumber("19750601", 456);
        await AddPersonAsync("ZD-DUP-1", "CUN03", idNumber);
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/KeyPersons/Create");

        var response = await client.PostFormAsync("/KeyPersons/Create", token, CreateFields("ZD-DUP-2", idNumber));

        Assert.Contains("已登记", (await response.ParseAsync()).QuerySelector("[data-field=IdNumber]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await demo.Factory.WithDbAsync(db => db.KeyPersons.AnyAsync(k => k.Number == "ZD-DUP-2")));
    }

    [Fact]
    public async Task Editing_with_an_empty_id_field_keeps_the_number_and_the_form_never_shows_it()
    {
        var idNumber = IdNumber("19820707", 321);
        var person = await AddPersonAsync("ZD-E-1", "CUN03", idNumber);
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var page = await client.GetPageAsync($"/KeyPersons/Edit/{person.Id}");
        Assert.DoesNotContain(idNumber, page.Source.Text, StringComparison.Ordinal);
        Assert.Contains(ChineseIdNumber.Mask(idNumber), page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var form = PortalClient.FormValues(page);
        Assert.Equal("", form["IdNumber"]);
        form.Remove("HasAssistancePlan"); // an unchecked box posts nothing
        form["Name"] = "改名后";

        var response = await client.PostFormAsync($"/KeyPersons/Edit/{person.Id}", PortalClient.TokenOf(page), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await demo.Factory.WithDbAsync(db => db.KeyPersons.AsNoTracking().SingleAsync(k => k.Id == person.Id));
        Assert.Equal("改名后", saved.Name);
        Assert.Equal(person.IdNumberHash, saved.IdNumberHash);

        var newId = IdNumber("19820707", 322);
        var again = await client.GetPageAsync($"/KeyPersons/Edit/{person.Id}");
        var form2 = PortalClient.FormValues(again);
        form2.Remove("HasAssistancePlan");
        form2["IdNumber"] = newId;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/KeyPersons/Edit/{person.Id}", PortalClient.TokenOf(again), form2)).StatusCode);
        Assert.Equal(ChineseIdNumber.Mask(newId), await demo.Factory.WithDbAsync(db => db.KeyPersons.Where(k => k.Id == person.Id).Select(k => k.IdNumberMasked).SingleAsync()));
    }

    [Fact]
    public async Task Office_reveals_the_full_number_and_each_reveal_is_audited_without_the_number()
    {
        var idNumber = IdNumber("19690912", 777);
        var person = await AddPersonAsync("ZD-R-1", "CUN01", idNumber);
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var details = await client.GetPageAsync($"/KeyPersons/Details/{person.Id}");
        var before = await AuditCountAsync(AuditAction.RevealIdNumber, person.Id);

        var response = await client.PostFormAsync($"/KeyPersons/Reveal/{person.Id}", PortalClient.TokenOf(details), []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(idNumber, (await response.ParseAsync()).QuerySelector("#id-number")!.TextContent.Trim());
        Assert.Equal(before + 1, await AuditCountAsync(AuditAction.RevealIdNumber, person.Id));
        var entries = await demo.Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(KeyPerson) && a.EntityId == person.Id.ToString()).ToListAsync());
        Assert.All(entries, e => Assert.DoesNotContain(idNumber, e.Changes ?? "", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == AuditAction.RevealIdNumber && e.UserName == "office");
    }

    [Theory]
    [InlineData("grid")]
    [InlineData("liaison")]
    [InlineData("leader")]
    public async Task Nobody_but_office_staff_can_reveal(string user)
    {
        var person = await AddPersonAsync($"ZD-NR-{user}", "CUN01", IdNumber("19700101", user.Length + 100));
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync(user);
        var token = await client.AntiforgeryTokenAsync("/Subjects");

        var response = await client.PostFormAsync($"/KeyPersons/Reveal/{person.Id}", token, []);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await AuditCountAsync(AuditAction.RevealIdNumber, person.Id));
    }

    [Fact]
    public async Task Every_view_of_a_key_person_is_audited()
    {
        var person = await AddPersonAsync("ZD-V-1", "CUN01", IdNumber("19880808", 808));
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var before = await AuditCountAsync(AuditAction.View, person.Id);

        await client.GetPageAsync($"/KeyPersons/Details/{person.Id}");
        await client.GetPageAsync($"/KeyPersons/Details/{person.Id}");

        Assert.Equal(before + 2, await AuditCountAsync(AuditAction.View, person.Id));
    }

    [Fact]
    public async Task A_grid_worker_sees_and_follows_up_only_their_village()
    {
        var own = await AddPersonAsync("ZD-G-OWN", "CUN01", IdNumber("19900101", 11));
        var other = await AddPersonAsync("ZD-G-OTHER", "CUN02", IdNumber("19900101", 12));
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");

        var list = await client.GetPageAsync("/KeyPersons?q=ZD-G-");
        Assert.Equal(["ZD-G-OWN"], list.QuerySelectorAll("#key-person-list tbody td:first-child").Select(td => td.TextContent.Trim()).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/KeyPersons/Details/{other.Id}")).StatusCode);

        var page = await client.GetPageAsync($"/KeyPersons/Details/{own.Id}");
        Assert.Null(page.QuerySelector("#reveal-form"));
        var form = PortalClient.FormValues(page, "#follow-up-form");
        form["Note"] = "入户走访，情况稳定";
        var saved = await client.PostFormAsync($"/KeyPersons/FollowUp/{own.Id}", PortalClient.TokenOf(page), form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await client.GetPageAsync($"/KeyPersons/Details/{own.Id}");
        Assert.Contains("入户走访，情况稳定", after.QuerySelector("#follow-ups")!.TextContent, StringComparison.Ordinal);

        var refused = await client.PostFormAsync($"/KeyPersons/FollowUp/{other.Id}", PortalClient.TokenOf(page), form);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.False(await demo.Factory.WithDbAsync(db => db.FollowUps.AnyAsync(f => f.KeyPersonId == other.Id)));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/KeyPersons/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/KeyPersons/Edit/{own.Id}")).StatusCode);
        var delete = await client.PostFormAsync($"/KeyPersons/Delete/{own.Id}", PortalClient.TokenOf(page), [new("version", own.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.True(await demo.Factory.WithDbAsync(db => db.KeyPersons.AnyAsync(k => k.Id == own.Id)));
    }

    [Fact]
    public async Task A_follow_up_without_a_date_or_in_the_future_is_refused()
    {
        var own = await AddPersonAsync("ZD-F-1", "CUN01", IdNumber("19900202", 21));
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var page = await client.GetPageAsync($"/KeyPersons/Details/{own.Id}");

        var response = await client.PostFormAsync($"/KeyPersons/FollowUp/{own.Id}", PortalClient.TokenOf(page),
            [new("VisitedOn", "2026-12-01"), new("VisitedBy", "网格员")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("帮教日期不能晚于今天", (await response.ParseAsync()).QuerySelector("#follow-up-form")!.TextContent, StringComparison.Ordinal);
        Assert.False(await demo.Factory.WithDbAsync(db => db.FollowUps.AnyAsync(f => f.KeyPersonId == own.Id)));
    }

    [Fact]
    public async Task A_liaison_has_no_access_to_key_persons_even_of_their_own_subject()
    {
        var own = await AddPersonAsync("ZD-L-OWN", "QY0001", IdNumber("19850505", 31));
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("liaison");

        foreach (var url in new[] { "/KeyPersons?q=ZD-L-", $"/KeyPersons/Details/{own.Id}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
        var token = await client.AntiforgeryTokenAsync("/Subjects");
        var response = await client.PostFormAsync($"/KeyPersons/FollowUp/{own.Id}", token, [new("VisitedOn", "2026-11-01"), new("VisitedBy", "联络员")]);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await demo.Factory.WithDbAsync(db => db.FollowUps.AnyAsync(f => f.KeyPersonId == own.Id)));
    }

    [Fact]
    public async Task Leadership_gets_403_on_every_key_person_page()
    {
        var person = await AddPersonAsync("ZD-LD-1", "CUN01", IdNumber("19600606", 41));
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        foreach (var url in new[] { "/KeyPersons", $"/KeyPersons/Details/{person.Id}", "/KeyPersons/Create", $"/KeyPersons/Edit/{person.Id}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
        var token = await client.AntiforgeryTokenAsync("/Subjects");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/KeyPersons/FollowUp/{person.Id}", token, [new("VisitedOn", "2026-11-01"), new("VisitedBy", "领导")])).StatusCode);
    }

    [Fact]
    public async Task The_list_runs_the_same_number_of_queries_for_one_row_and_for_a_full_page()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        await client.GetPageAsync("/KeyPersons");

        async Task<(int Queries, int Rows)> Measure(string url)
        {
            using var counter = new QueryCounter(demo.Factory.DatabasePath);
            var page = await client.GetPageAsync(url);
            return (counter.Count, page.QuerySelectorAll("#key-person-list tbody .id-masked").Length);
        }

        var one = await Measure("/KeyPersons?q=ZD-0001");
        var full = await Measure("/KeyPersons");

        Assert.Equal(1, one.Rows);
        Assert.Equal(20, full.Rows);
        Assert.Equal(one.Queries, full.Queries);
        Assert.InRange(full.Queries, 3, 6); // count, page (last visit included), territories (+ sign-in checks)
    }
}
