namespace SanLing.Domain.Evaluation;

/// <summary>
/// 公示: a published run is posted as an official notice with a period for objections. The period becomes a town
/// setting with the appeals feature (申诉复核); until then every town uses these defaults.
/// </summary>
public static class PublicNotice
{
    /// <summary>公示期: days during which a subject may object to its result, counted from the day of publication.</summary>
    public const int DefaultObjectionDays = 7;

    /// <summary>Where a subject lodges an objection (申诉复核) during the period; a town setting may replace it later.</summary>
    public const string AppealOffice = "镇“三零”创建工作领导小组办公室（镇综治中心）";

    /// <summary>Who issues the notice, after the town's name.</summary>
    public const string Issuer = "“三零”创建工作领导小组办公室";

    /// <summary>The last day of the period for objections to a run published on <paramref name="publishedOn"/>.</summary>
    public static DateOnly ObjectionsUntil(DateOnly publishedOn, int days = DefaultObjectionDays) => publishedOn.AddDays(Math.Max(days, 1) - 1);
}
