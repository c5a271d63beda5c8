using System.Globalization;

namespace SanLing.Domain.Rules;

/// <summary>
/// A broken ledger rule: the field (a property name of the ledger's values record, which is also the form's field),
/// a message code of <see cref="RuleMessages"/> and its arguments (field labels in Chinese, limits).
/// </summary>
public sealed record RuleViolation(string Field, string Code, params object[] Args)
{
    /// <summary>The message in Chinese (the importer's and the default UI language).</summary>
    public string Chinese => RuleMessages.Format(this);

    public override string ToString() => $"{Field}: {Chinese}";
}

/// <summary>
/// The Chinese text of every rule message, by code. The text is also the key of the web's resource file, which
/// translates it (and the string arguments, the field labels) into English; so a form and an import say the same.
/// </summary>
public static class RuleMessages
{
    public const string Required = "required";
    public const string Choose = "choose";
    public const string TooLong = "too-long";
    public const string Range = "range";
    public const string Decimals = "decimals";
    public const string NotInFuture = "not-in-future";
    public const string NotBefore = "not-before";
    public const string After = "after";
    public const string Invalid = "invalid";
    public const string CodeCharacters = "code-characters";
    public const string Phone = "phone";
    public const string CollectiveMinimum = "petition.collective-minimum";
    public const string ResolvedOnRequired = "petition.resolved-on-required";
    public const string ResolvedOnOnlyWhenResolved = "petition.resolved-on-only-when-resolved";
    public const string RegisteredOnRequired = "rental.registered-on-required";
    public const string RegisteredOnOnlyWhenRegistered = "rental.registered-on-only-when-registered";
    public const string PlanRequired = "key-person.plan-required";
    public const string TerritoryRequired = "subject.territory-required";
    public const string TerritoryForbidden = "subject.territory-forbidden";
    public const string DisputeStatus = "finding.dispute-status";
    public const string HazardStatus = "finding.hazard-status";
    public const string RectifyByRequired = "finding.rectify-by-required";
    public const string RectifyByForDisputes = "finding.rectify-by-for-disputes";
    public const string DisputeClosedOnRequired = "finding.dispute-closed-on-required";
    public const string HazardClosedOnRequired = "finding.hazard-closed-on-required";
    public const string ClosedOnOnlyWhenClosed = "finding.closed-on-only-when-closed";
    public const string ClosedBeforeMonth = "finding.closed-before-month";
    public const string MethodRequired = "finding.method-required";

    /// <summary>Code → Chinese composite format ({0} is usually the field's label).</summary>
    public static readonly IReadOnlyDictionary<string, string> Chinese = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Required] = "请填写{0}",
        [Choose] = "请选择{0}",
        [TooLong] = "{0}不能超过 {1} 个字",
        [Range] = "{0}应在 {1} 到 {2} 之间",
        [Decimals] = "{0}最多 {1} 位小数",
        [NotInFuture] = "{0}不能晚于今天",
        [NotBefore] = "{0}不能早于{1}",
        [After] = "{0}必须晚于{1}",
        [Invalid] = "{0}无效",
        [CodeCharacters] = "{0}只能包含字母、数字、- 和 _",
        [Phone] = "{0}应为 11 位手机号或带区号的固定电话",
        [CollectiveMinimum] = "集体访的人数应不少于 {0} 人",
        [ResolvedOnRequired] = "状态为“已化解”时必须填写化解日期",
        [ResolvedOnOnlyWhenResolved] = "只有状态为“已化解”时才填写化解日期",
        [RegisteredOnRequired] = "已登记备案时必须填写登记日期",
        [RegisteredOnOnlyWhenRegistered] = "未登记备案时不填写登记日期",
        [PlanRequired] = "已制定帮教方案时请填写方案内容",
        [TerritoryRequired] = "企业和单位必须选择所属村（社区）",
        [TerritoryForbidden] = "村和社区本身没有所属村（社区）",
        [DisputeStatus] = "矛盾纠纷的状态应为 化解中、已化解 或 上报",
        [HazardStatus] = "安全隐患的状态应为 整改中 或 已整改",
        [RectifyByRequired] = "安全隐患请填写整改期限",
        [RectifyByForDisputes] = "矛盾纠纷不填整改期限",
        [DisputeClosedOnRequired] = "已化解的纠纷请填写化解日期",
        [HazardClosedOnRequired] = "已整改的隐患请填写整改完成日期",
        [ClosedOnOnlyWhenClosed] = "只有“已化解”“已整改”才填写办结日期",
        [ClosedBeforeMonth] = "办结日期不能早于所排查的月份",
        [MethodRequired] = "已化解的纠纷请选择化解方式",
    };

    /// <summary>
    /// The message of <paramref name="violation"/>: its format and string arguments passed through
    /// <paramref name="translate"/> (identity: Chinese), numbers formatted in <paramref name="culture"/>.
    /// </summary>
    public static string Format(RuleViolation violation, Func<string, string>? translate = null, IFormatProvider? culture = null)
    {
        ArgumentNullException.ThrowIfNull(violation);
        translate ??= static s => s;
        var format = translate(Chinese[violation.Code]);
        var args = violation.Args.Select(a => a is string s ? translate(s) : a).ToArray();
        return string.Format(culture ?? CultureInfo.InvariantCulture, format, args);
    }
}

/// <summary>Collects the violations of one record; one per field (the first found), as a form shows one message by a field.</summary>
public sealed class RuleCheck
{
    private readonly List<RuleViolation> _violations = [];

    public IReadOnlyList<RuleViolation> Violations => _violations;

    public bool Failed(string field) => _violations.Exists(v => v.Field == field);

    public RuleCheck Add(string field, string code, params object[] args)
    {
        if (!Failed(field))
        {
            _violations.Add(new RuleViolation(field, code, args));
        }
        return this;
    }

    public RuleCheck When(bool broken, string field, string code, params object[] args) => broken ? Add(field, code, args) : this;

    /// <summary>Required text (blank is empty) within <paramref name="maxLength"/> characters (trimmed).</summary>
    public RuleCheck Text(string field, string label, string? value, int maxLength, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Add(field, RuleMessages.Required, label) : this;
        }
        return When(value.Trim().Length > maxLength, field, RuleMessages.TooLong, label, maxLength);
    }

    public RuleCheck Required<T>(string field, string label, T? value, bool choose = false) where T : struct =>
        When(value is null, field, choose ? RuleMessages.Choose : RuleMessages.Required, label);

    /// <summary>A choice that must be one of the enum's values.</summary>
    public RuleCheck Choice<T>(string field, string label, T? value, bool required = true) where T : struct, Enum
    {
        if (value is null)
        {
            return required ? Add(field, RuleMessages.Choose, label) : this;
        }
        return When(!Enum.IsDefined(value.Value), field, RuleMessages.Invalid, label);
    }

    public RuleCheck Range(string field, string label, int? value, int min, int max, bool required = true)
    {
        if (value is null)
        {
            return required ? Add(field, RuleMessages.Required, label) : this;
        }
        return When(value < min || value > max, field, RuleMessages.Range, label, min, max);
    }

    public RuleCheck Range(string field, string label, decimal? value, decimal min, decimal max, int decimals, bool required = true)
    {
        if (value is null)
        {
            return required ? Add(field, RuleMessages.Required, label) : this;
        }
        return When(value < min || value > max, field, RuleMessages.Range, label, min, max)
            .When(decimal.Round(value.Value, decimals) != value.Value, field, RuleMessages.Decimals, label, decimals);
    }

    public RuleCheck Date(string field, string label, DateOnly? value, DateOnly today, bool required = false)
    {
        if (value is null)
        {
            return required ? Add(field, RuleMessages.Required, label) : this;
        }
        return When(value > today, field, RuleMessages.NotInFuture, label);
    }

    /// <summary><paramref name="later"/> not before <paramref name="earlier"/> (both known).</summary>
    public RuleCheck NotBefore(string field, string label, DateOnly? later, string earlierLabel, DateOnly? earlier) =>
        When(later is { } l && earlier is { } e && l < e, field, RuleMessages.NotBefore, label, earlierLabel);
}

/// <summary>Shapes shared by several ledgers.</summary>
public static class CommonRules
{
    /// <summary>A mobile number (11 digits) or a fixed line with area code and optional extension.</summary>
    public static bool IsPhone(string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value.Trim(), @"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>Letters, digits, - and _ (codes typed into URLs and workbooks).</summary>
    public static bool IsCode(string value) => value.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
