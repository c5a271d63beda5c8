using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Evaluation;

public enum ReasonArgKind
{
    /// <summary>A plain count: "3".</summary>
    Number = 1,

    /// <summary>A count with the record numbers behind it: "2 件（XF-1、XF-2）". Readers without record access see the count only.</summary>
    Records = 2,

    /// <summary>A count of months with the months: "2 个月（2026-03、2026-04）". Months are no record, everyone sees them.</summary>
    Months = 3,

    /// <summary>A count with its share: "1 处（50%）".</summary>
    Share = 4,

    /// <summary>A day: "2026-11-25".</summary>
    Day = 5,
}

/// <summary>One typed parameter of a reason part.</summary>
public sealed record ReasonArg(
    ReasonArgKind Kind,
    int Count = 0,
    string? Unit = null,
    IReadOnlyList<string>? Items = null,
    bool More = false,
    decimal? Percent = null,
    DateOnly? Day = null)
{
    /// <summary>How many numbers a reason lists before "等".</summary>
    public const int MaxListed = 8;

    public static ReasonArg Number(int count) => new(ReasonArgKind.Number, count);

    public static ReasonArg Records(IReadOnlyCollection<string> numbers, string unit, int maxListed = MaxListed) =>
        new(ReasonArgKind.Records, numbers.Count, unit, numbers.Take(maxListed).ToList(), numbers.Count > maxListed);

    public static ReasonArg Months(IReadOnlyCollection<DateOnly> months, int maxListed = MaxListed) =>
        new(ReasonArgKind.Months, months.Count, "个月", months.Take(maxListed).Select(ReasonWording.Month).ToList(), months.Count > maxListed);

    public static ReasonArg Share(int count, string unit, decimal percent) => new(ReasonArgKind.Share, count, unit, Percent: percent);

    public static ReasonArg Date(DateOnly day) => new(ReasonArgKind.Day, Day: day);

    /// <summary>The listed items, for everyone but a reader without record access (<see cref="ReasonArgKind.Records"/> only).</summary>
    public bool ShowsItems(bool withRecords) => Kind == ReasonArgKind.Months || (Kind == ReasonArgKind.Records && withRecords);

    /// <summary>"66.7%" (one decimal at most).</summary>
    public string PercentText => $"{(Percent ?? 0).ToString("0.#", CultureInfo.InvariantCulture)}%";

    /// <summary>The argument in Chinese: "2 件（XF-1、XF-2等）", or "2 件" without record access.</summary>
    public string Chinese(bool withRecords) => Kind switch
    {
        ReasonArgKind.Number => Count.ToString(CultureInfo.InvariantCulture),
        ReasonArgKind.Share => $"{Count} {Unit}（{PercentText}）",
        ReasonArgKind.Day => ReasonWording.Day(Day ?? default),
        _ when ShowsItems(withRecords) => $"{Count} {Unit}（{string.Join("、", Items ?? [])}{(More ? "等" : "")}）",
        _ => $"{Count} {Unit}",
    };
}

/// <summary>One part of a reason: a code (its wording in <see cref="ReasonWording"/>) and its parameters.</summary>
public sealed record ReasonPart(string Code, IReadOnlyList<ReasonArg> Args)
{
    /// <summary>The Chinese template, with {0}, {1}… for the arguments; null for a code this version does not know.</summary>
    public string? Template => ReasonWording.TemplateOf(Code);

    /// <summary>The part in Chinese, as stored and exported; with or without the record numbers.</summary>
    public string Chinese(bool withRecords = true)
    {
        var template = Template ?? Code;
        return string.Format(CultureInfo.InvariantCulture, template, Args.Select(a => (object)a.Chinese(withRecords)).ToArray());
    }
}

/// <summary>
/// The one Chinese wording of every evaluation and warning reason, by code. The templates are also the keys of the
/// web's English resources, so a code keeps its translation.
/// </summary>
public static class ReasonWording
{
    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal)
    {
        ["1.1.none"] = "当年无越级访",
        ["1.1.skip-level"] = "当年越级访 {0}",
        ["1.2.named"] = "第一责任人、直接责任人均已明确",
        ["1.2.missing-both"] = "未明确第一责任人、直接责任人",
        ["1.2.missing-principal"] = "未明确第一责任人",
        ["1.2.missing-leader"] = "未明确直接责任人",
        ["2.4.none"] = "当年无刑事、治安案件",
        ["2.4.cases"] = "当年发生刑事、治安案件 {0}",
        ["months.no-grids"] = "未划分网格，无法按网格开展月度排查",
        ["months.none-due"] = "年底尚无到期的月度排查",
        ["months.none-due-by"] = "截至 {0}尚无到期的月度排查",
        ["months.complete"] = "应排查 {0} 个月，均已完成",
        ["months.missing"] = "应排查 {0} 个月，缺 {1}",
        ["months.missing-pending"] = "应排查 {0} 个月，缺 {1}，尚可补报",
        ["3.3.filed"] = "当年新发信访 {0}",
        ["3.3.backlog"] = "往年信访积案未化解 {0}",
        ["3.3.escalated"] = "矛盾纠纷上报未在本级化解 {0}",
        ["3.3.disputes-open"] = "当年排查的矛盾纠纷年底未化解 {0}",
        ["3.3.backlog-pending"] = "年底尚有往年信访积案未化解 {0}",
        ["3.3.backlog-pending-by"] = "截至 {0}尚有往年信访积案未化解 {1}",
        ["3.3.mediating-pending"] = "年底尚有矛盾纠纷化解中 {0}",
        ["3.3.mediating-pending-by"] = "截至 {0}尚有矛盾纠纷化解中 {1}",
        ["3.3.no-petitions"] = "当年无新发信访、无积案",
        ["3.3.disputes-resolved"] = "当年排查矛盾纠纷 {0} 件均已化解",
        ["key-persons.none"] = "当年无在册重点人员",
        ["4.1.all-followed"] = "在册重点人员 {0} 人当年均有帮教记录",
        ["4.1.silent"] = "在册重点人员 {0} 人，当年无帮教记录 {1}",
        ["4.1.silent-pending"] = "在册重点人员 {0} 人，当年无帮教记录 {1}，年内尚可补做",
        ["4.2.no-plan"] = "无帮教方案 {0}",
        ["4.2.offences"] = "帮教对象当年涉案 {0}",
        ["4.2.pass"] = "在册重点人员 {0} 人均有帮教方案，当年无违法犯罪",
        ["4.3.none"] = "无出租屋",
        ["4.3.registered"] = "出租屋 {0} 处，已登记备案 {1}",
        ["4.3.unregistered"] = "出租屋 {0} 处，已登记备案 {1}，未登记 {2}",
        ["5.3.accidents"] = "当年发生安全事故 {0}",
        ["5.3.hazards-open"] = "当年排查的安全隐患年底未整改 {0}",
        ["5.3.hazards-pending"] = "年底尚有安全隐患整改中 {0}",
        ["5.3.hazards-pending-by"] = "截至 {0}尚有安全隐患整改中 {1}",
        ["5.3.no-accidents"] = "当年无安全事故",
        ["5.3.hazards-rectified"] = "当年排查安全隐患 {0} 处均已整改",
        ["7.1.no-grids"] = "未划分网格",
        ["7.1.no-teams"] = "无车间班组",
        ["7.1.staffed"] = "网格 {0} 个均有网格员",
        ["7.1.vacant"] = "网格 {0} 个，无网格员 {1}",
        ["item.no-rule"] = "本条目没有数据判定规则，需评定",
        [NotYetAttested] = "年度评定：尚未评定",
        ["attested.pass"] = "年度评定：达标",
        ["attested.fail"] = "年度评定：不达标",
        ["attested.not-applicable"] = "年度评定：不适用",
        ["attested.not-applicable-refused"] = "年度评定为不适用，但本条目不允许不适用，需重新评定",
        ["risk.months"] = "缺月度排查 {0}",
        ["risk.disputes"] = "矛盾纠纷化解中 {0} 件",
        ["risk.hazards"] = "安全隐患逾期未整改 {0} 处",
        ["risk.key-persons"] = "重点人员今年尚无帮教记录 {0}",
    };

    static ReasonWording()
    {
        foreach (var kind in Enum.GetValues<SubjectKind>())
        {
            Templates[NotApplicableTo(kind)] = $"本条目不适用于{Terms.Of(kind)}";
        }
    }

    /// <summary>The code of an attested item not yet attested (the warning page counts them).</summary>
    public const string NotYetAttested = "attested.none";

    public static string NotApplicableTo(SubjectKind kind) => $"item.not-applicable.{kind}";

    public static string? TemplateOf(string code) => Templates.GetValueOrDefault(code);

    /// <summary>Every known code (the web checks that each has its English wording).</summary>
    public static IReadOnlyCollection<string> Codes => Templates.Keys;

    public static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The parts in Chinese, joined as stored: "part；part".</summary>
    public static string Chinese(IEnumerable<ReasonPart> parts, bool withRecords = true) => string.Join("；", parts.Select(p => p.Chinese(withRecords)));

    /// <summary>An item's reason in Chinese: "1.1 不达标：part；part".</summary>
    public static string Chinese(string itemCode, ItemVerdict verdict, IEnumerable<ReasonPart> parts, bool withRecords = true) =>
        $"{itemCode} {Terms.Of(verdict)}：{Chinese(parts, withRecords)}";

    /// <summary>
    /// A part for the cut-off: the code as is for a full year ("年底…"), else its "-by" variant with the date first
    /// ("截至 2026-11-25…").
    /// </summary>
    public static ReasonPart AtCutOff(EvaluationPeriod period, string code, params ReasonArg[] args) =>
        period.IsFullYear ? new ReasonPart(code, args) : new ReasonPart(code + "-by", [ReasonArg.Date(period.CutOff), .. args]);

    /// <summary>A part of the code with these arguments.</summary>
    public static ReasonPart Part(string code, params ReasonArg[] args) => new(code, args);
}

/// <summary>The stored form of a reason (<see cref="EvaluationItemResult.ReasonData"/>): its parts as JSON.</summary>
public static class ReasonJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        // Stored, never written into HTML: units and record numbers stay readable and short.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(IReadOnlyList<ReasonPart> parts) => JsonSerializer.Serialize(parts, Options);

    /// <summary>The parts, or null when the text is missing, malformed or names a code this version does not know.</summary>
    public static IReadOnlyList<ReasonPart>? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            var parts = JsonSerializer.Deserialize<List<ReasonPart>>(json, Options);
            return parts is { Count: > 0 } && parts.All(p => p is not null && p.Template is not null && p.Args is not null) ? parts : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Writes the stored form of a run's reasons once per distinct reason. A town's run stores tens of thousands of item
/// reasons of a few hundred distinct forms (69,000 items, 519 forms in the county benchmark), and serialising every
/// one took as long as judging the town. One writer per run: it keeps every distinct form it has written.
/// </summary>
public sealed class ReasonJsonWriter
{
    private readonly Dictionary<IReadOnlyList<ReasonPart>, string> _written = new(ReasonPartsComparer.Instance);

    /// <summary>The same text as <see cref="ReasonJson.Write"/>.</summary>
    public string Write(IReadOnlyList<ReasonPart> parts)
    {
        if (!_written.TryGetValue(parts, out var json))
        {
            json = ReasonJson.Write(parts);
            _written.Add(parts, json);
        }
        return json;
    }
}

/// <summary>Reasons equal part by part and argument by argument, listed items included (what their stored form holds).</summary>
public sealed class ReasonPartsComparer : IEqualityComparer<IReadOnlyList<ReasonPart>>
{
    public static readonly ReasonPartsComparer Instance = new();

    public bool Equals(IReadOnlyList<ReasonPart>? x, IReadOnlyList<ReasonPart>? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }
        if (x is null || y is null || x.Count != y.Count)
        {
            return false;
        }
        for (var p = 0; p < x.Count; p++)
        {
            if (x[p].Code != y[p].Code || x[p].Args.Count != y[p].Args.Count)
            {
                return false;
            }
            for (var a = 0; a < x[p].Args.Count; a++)
            {
                if (!ArgEquals(x[p].Args[a], y[p].Args[a]))
                {
                    return false;
                }
            }
        }
        return true;
    }

    public int GetHashCode(IReadOnlyList<ReasonPart> parts)
    {
        var hash = new HashCode();
        foreach (var part in parts)
        {
            hash.Add(part.Code);
            foreach (var arg in part.Args)
            {
                hash.Add(arg.Kind);
                hash.Add(arg.Count);
                hash.Add(arg.Items?.Count ?? -1);
            }
        }
        return hash.ToHashCode();
    }

    private static bool ArgEquals(ReasonArg x, ReasonArg y) =>
        x.Kind == y.Kind && x.Count == y.Count && x.Unit == y.Unit && x.More == y.More && x.Percent == y.Percent && x.Percent?.Scale == y.Percent?.Scale
        && x.Day == y.Day
        && (ReferenceEquals(x.Items, y.Items) || (x.Items is not null && y.Items is not null && x.Items.SequenceEqual(y.Items, StringComparer.Ordinal)));
}
