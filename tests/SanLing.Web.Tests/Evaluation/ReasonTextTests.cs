using System.Globalization;
using System.Text.Encodings.Web;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Tests.Evaluation;

/// <summary>
/// Reasons as the reader sees them: a stored row with codes (ReasonData) and a row stored before the codes (Chinese
/// text only), in Chinese and in English, with the record numbers (office) and without them (leadership, liaisons).
/// </summary>
public sealed class ReasonTextTests
{
    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    /// <summary>4.1 of a subject whose key persons are unvisited and offended, judged by the rules themselves.</summary>
    private static ItemEvaluation KeyPersonItem()
    {
        var facts = new SubjectFacts
        {
            SubjectId = 1, Code = "CUN01", Name = "测试村", Kind = SubjectKind.Village,
            KeyPersons = [new KeyPersonFact("ZD-0012", HasPlan: false, new DateOnly(2024, 1, 1), null, FollowUps: [])],
        };
        var outcome = new KeyPersonFollowUpRule().Judge(facts, new EvaluationPeriod(2025, new DateOnly(2025, 12, 31)));
        return new ItemEvaluation("4.1", outcome.Verdict, outcome.Parts);
    }

    private static string Text(IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        return new HtmlParser().ParseDocument("<p>" + writer + "</p>").Body!.TextContent;
    }

    private static string In(string culture, Func<string> render)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return render();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void A_row_with_codes_reads_in_chinese_as_stored_and_in_english()
    {
        var item = KeyPersonItem();
        var data = ReasonJson.Write(item.Parts);
        Assert.Equal("4.1 不达标：在册重点人员 1 人，当年无帮教记录 1 人（ZD-0012）", item.Reason);

        Assert.Equal(item.Reason, In("zh-CN", () => Text(ReasonText.Render("4.1", item.Verdict, item.Reason, data, Localizer, withRecords: true))));
        Assert.Equal("4.1 Non-compliant: 1 registered key persons; without support records this year: 1 (ZD-0012)",
            In("en", () => Text(ReasonText.Render("4.1", item.Verdict, item.Reason, data, Localizer, withRecords: true))));
    }

    [Fact]
    public void A_row_stored_before_the_codes_still_reads_in_chinese_and_in_english()
    {
        const string stored = "3.3 不达标：当年新发信访 2 件（XF-2025-013、XF-2025-031）；往年信访积案未化解 1 件（XF-2024-077）";

        Assert.Equal(stored, In("zh-CN", () => Text(ReasonText.Render("3.3", ItemVerdict.Fail, stored, null, Localizer, withRecords: true))));
        Assert.Equal("3.3 Non-compliant: New petitions this year: 2 (XF-2025-013, XF-2025-031); Petition backlog from earlier years not resolved: 1 (XF-2024-077)",
            In("en", () => Text(ReasonText.Render("3.3", ItemVerdict.Fail, stored, null, Localizer, withRecords: true))));
    }

    [Fact]
    public void Leadership_reads_counts_without_the_record_numbers_in_both_forms_and_languages()
    {
        var item = KeyPersonItem();
        var data = ReasonJson.Write(item.Parts);
        const string old = "4.2 不达标：无帮教方案 1 人（ZD-0012）；帮教对象当年涉案 1 件（AJ-2025-4/ZD-0012）";

        Assert.Equal("4.1 不达标：在册重点人员 1 人，当年无帮教记录 1 人",
            In("zh-CN", () => Text(ReasonText.Render("4.1", item.Verdict, item.Reason, data, Localizer, withRecords: false))));
        Assert.Equal("4.1 Non-compliant: 1 registered key persons; without support records this year: 1",
            In("en", () => Text(ReasonText.Render("4.1", item.Verdict, item.Reason, data, Localizer, withRecords: false))));
        Assert.Equal("4.2 不达标：无帮教方案 1 人；帮教对象当年涉案 1 件",
            In("zh-CN", () => Text(ReasonText.Render("4.2", ItemVerdict.Fail, old, null, Localizer, withRecords: false))));
        Assert.Equal("4.2 Non-compliant: Without a support plan: 1; Supported persons involved in cases this year: 1",
            In("en", () => Text(ReasonText.Render("4.2", ItemVerdict.Fail, old, null, Localizer, withRecords: false))));
    }

    [Fact]
    public void Without_record_numbers_months_and_shares_still_show()
    {
        var months = ReasonWording.Part("months.missing", ReasonArg.Number(12), ReasonArg.Months([new DateOnly(2025, 3, 1)]));
        var rental = ReasonWording.Part("4.3.unregistered", ReasonArg.Number(2), ReasonArg.Share(1, "处", 50m), ReasonArg.Records(["CZ-7"], "处"));

        Assert.Equal("应排查 12 个月，缺 1 个月（2025-03）", months.Chinese(withRecords: false));
        Assert.Equal("出租屋 2 处，已登记备案 1 处（50%），未登记 1 处", rental.Chinese(withRecords: false));
        Assert.Equal("3.1 不达标：应排查 12 个月，缺 1 个月（2025-03）",
            In("zh-CN", () => Text(ReasonText.Render("3.1", ItemVerdict.Fail, "3.1 不达标：应排查 12 个月，缺 1 个月（2025-03）", null, Localizer, withRecords: false))));
        Assert.Equal("2 rental houses, registered: 1 (50%); not registered: 1", In("en", () => Text(ReasonText.Render(rental, Localizer, withRecords: false))));
    }

    [Fact]
    public void Every_code_has_an_english_wording_and_survives_storage()
    {
        var parts = new[]
        {
            "1.1.none", "1.2.missing-both", "months.none-due-by", "3.3.backlog-pending-by", "5.3.hazards-rectified", "attested.none",
            "risk.key-persons", ReasonWording.NotApplicableTo(SubjectKind.Unit),
        }.Select(code => ReasonWording.Part(code)).ToList();
        Assert.Equal(parts.Select(p => p.Code), ReasonJson.Read(ReasonJson.Write(parts))!.Select(p => p.Code));
        Assert.Null(ReasonJson.Read("[{\"code\":\"no.such.code\"}]"));
        Assert.Null(ReasonJson.Read("not json"));

        var missing = In("en", () => string.Join(", ", ReasonWording.Codes.Select(c => ReasonWording.TemplateOf(c)!).Where(t => Localizer[t].ResourceNotFound)));
        Assert.True(missing.Length == 0, "reason templates without English: " + missing);
    }
}
