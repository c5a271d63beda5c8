namespace SanLing.Domain.Evaluation;

/// <summary>
/// 公示: a published run is posted as an official notice. Its period for objections is the town's setting, judged by
/// <see cref="AppealRules"/>; these are the notice's fixed words.
/// </summary>
public static class PublicNotice
{
    /// <summary>Where a subject lodges an objection (申诉复核) during the period; a town setting may replace it later.</summary>
    public const string AppealOffice = "镇“三零”创建工作领导小组办公室（镇综治中心）";

    /// <summary>Who issues the notice, after the town's name.</summary>
    public const string Issuer = "“三零”创建工作领导小组办公室";
}
