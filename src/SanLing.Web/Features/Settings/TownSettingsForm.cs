using Microsoft.Extensions.Localization;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Supervision;

namespace SanLing.Web.Features.Settings;

/// <summary>The town's name and the day of the following month by which monthly inspections are due.</summary>
public sealed class TownSettingsForm
{
    public string? Name { get; set; }
    public int? InspectionDueDay { get; set; }

    /// <summary>Cards turn yellow when this many working days or fewer are left.</summary>
    public int? CardYellowWithinDays { get; set; }

    /// <summary>A red card escalates to the subject's 第一责任人 after this many working days.</summary>
    public int? CardEscalateAfterDays { get; set; }

    /// <summary>公示期: days after publication during which verdicts may be appealed.</summary>
    public int? AppealPeriodDays { get; set; }

    /// <summary>The town's holidays, one a line: <c>2026-10-01 国庆节</c> (the name is optional).</summary>
    public string? Holidays { get; set; }

    /// <summary>The town's concurrency token when the form was loaded.</summary>
    public Guid Version { get; set; }
}

public sealed class TownSettingsFormValidator : AbstractValidator<TownSettingsForm>
{
    public TownSettingsFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Name)
            .NotEmpty().WithMessage(_ => l["请填写镇名称"])
            .MaximumLength(TownRules.NameMaxLength).WithMessage(_ => string.Format(l["镇名称不能超过 {0} 个字符"].Value, TownRules.NameMaxLength));
        RuleFor(f => f.InspectionDueDay)
            .NotNull().WithMessage(_ => l["请填写月度排查截止日"]);
        RuleFor(f => f.InspectionDueDay)
            .Must(day => TownRules.IsValidDueDay(day!.Value))
            .WithMessage(_ => string.Format(l["截止日必须是 1 到 {0} 之间的整数"].Value, TownRules.LastDueDay))
            .When(f => f.InspectionDueDay is not null);
        RuleFor(f => f.CardYellowWithinDays)
            .NotNull().WithMessage(_ => l["请填写黄牌提前天数"])
            .Must(d => CardThresholds.IsValidYellowWithin(d!.Value)).When(f => f.CardYellowWithinDays is not null)
            .WithMessage(_ => string.Format(l["黄牌提前天数必须是 0 到 {0} 之间的整数"].Value, CardThresholds.MaxDays));
        RuleFor(f => f.CardEscalateAfterDays)
            .NotNull().WithMessage(_ => l["请填写红牌升级天数"])
            .Must(d => CardThresholds.IsValidEscalateAfter(d!.Value)).When(f => f.CardEscalateAfterDays is not null)
            .WithMessage(_ => string.Format(l["红牌升级天数必须是 1 到 {0} 之间的整数"].Value, CardThresholds.MaxDays));
        RuleFor(f => f.AppealPeriodDays)
            .NotNull().WithMessage(_ => l["请填写公示期天数"])
            .Must(d => AppealRules.IsValidPeriodDays(d!.Value)).When(f => f.AppealPeriodDays is not null)
            .WithMessage(_ => string.Format(l["公示期天数必须是 {0} 到 {1} 之间的整数"].Value, AppealRules.MinPeriodDays, AppealRules.MaxPeriodDays));
        RuleFor(f => f.Holidays).Custom((text, context) =>
        {
            var (_, bad) = HolidayList.Parse(text);
            if (bad is not null)
            {
                context.AddFailure(nameof(TownSettingsForm.Holidays), string.Format(l["节假日第 {0} 行无效：每行一个日期（如 2026-10-01），可在空格后写名称"].Value, bad));
            }
        });
    }
}

/// <summary>The holiday calendar as the settings page shows it: one <c>yyyy-MM-dd [名称]</c> a line.</summary>
public static class HolidayList
{
    public const int MaxDays = 400;

    /// <summary>The holidays, or the number of the first bad line (a repeated date keeps its first name).</summary>
    public static (IReadOnlyList<(DateOnly Date, string? Name)> Days, int? BadLine) Parse(string? text)
    {
        var days = new List<(DateOnly, string?)>();
        var seen = new HashSet<DateOnly>();
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
                || date.Year < 2000 || date.Year > 2100
                || (parts.Length > 1 && parts[1].Length > TownHoliday.NameMaxLength) || days.Count >= MaxDays)
            {
                return ([], i + 1);
            }
            if (seen.Add(date))
            {
                days.Add((date, parts.Length > 1 ? parts[1] : null));
            }
        }
        return (days, null);
    }

    public static string Format(IEnumerable<(DateOnly Date, string? Name)> days) =>
        string.Join("\n", days.OrderBy(d => d.Date).Select(d => d.Name is null ? d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : $"{d.Date:yyyy-MM-dd} {d.Name}"));
}
