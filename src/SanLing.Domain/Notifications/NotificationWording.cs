using System.Globalization;
using System.Text.Json;

namespace SanLing.Domain.Notifications;

/// <summary>
/// The Chinese wording of each kind: a composite format whose arguments are stored with the notification. The
/// portal translates the format (it is the key of the English resource) and fills in the same arguments.
/// </summary>
public static class NotificationWording
{
    public static string Template(NotificationKind kind) => kind switch
    {
        NotificationKind.SupervisionIssued => "新督办：{0}（{1}），请于 {2} 前办理",
        NotificationKind.SupervisionReturned => "督办回复被退回：{0}，理由：{1}，请于 {2} 前重新办理",
        NotificationKind.InspectionReturned => "{0} {1} 月度排查被退回：{2}",
        NotificationKind.CardYellow => "督办即将到期（黄牌）：{0}，期限 {1}",
        NotificationKind.CardRed => "督办已超期（红牌）：{0}，期限 {1}",
        NotificationKind.Escalated => "督办超期已升级：{0}，期限 {1}",
        NotificationKind.DueSoon => "{0} {1} 月度排查尚未提交，{2} 截止（还剩 {3} 天）",
        NotificationKind.AppealUpheld => "{0} 的申诉已复核：已采纳，结果已更正。{1}",
        NotificationKind.AppealRejected => "{0} 的申诉已复核：未采纳。理由：{1}",
        _ => "{0}",
    };

    /// <summary>The Chinese text (e-mail and SMS digests, the default language).</summary>
    public static string Chinese(NotificationKind kind, string args) =>
        string.Format(CultureInfo.InvariantCulture, Template(kind), NotificationArgs.Read(args));
}

/// <summary>Arguments stored as a JSON array of strings.</summary>
public static class NotificationArgs
{
    /// <summary>Longest argument kept (a long instruction or reason is cut).</summary>
    public const int MaxArgLength = 200;

    // Chinese kept readable in the database; pages HTML-encode the text when they show it.
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(IEnumerable<string?> args) =>
        JsonSerializer.Serialize(args.Select(a => a is null ? "" : a.Length > MaxArgLength ? a[..MaxArgLength] + "…" : a).ToArray(), Options);

    /// <summary>The arguments, padded so a format never runs short of them.</summary>
    public static object[] Read(string json)
    {
        string[] values;
        try
        {
            values = JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (JsonException)
        {
            values = [];
        }
        var padded = new object[Math.Max(values.Length, 4)];
        for (var i = 0; i < padded.Length; i++)
        {
            padded[i] = i < values.Length ? values[i] : "";
        }
        return padded;
    }
}
