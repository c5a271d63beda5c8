using SanLing.Domain.Subjects;

namespace SanLing.Domain.Common;

/// <summary>
/// The Chinese words the town uses for the domain's values (the import templates and the UI share them).
/// One table per enum, both ways, so a value and its word cannot drift apart.
/// </summary>
public static class Terms
{
    private static readonly Dictionary<Type, Dictionary<int, string>> Words = [];

    static Terms()
    {
        Add<SubjectKind>((SubjectKind.Village, "村"), (SubjectKind.Community, "社区"), (SubjectKind.Enterprise, "企业"), (SubjectKind.Unit, "单位"));
        Add<SubjectGroup>((SubjectGroup.VillageCommunity, "村（社区）"), (SubjectGroup.EnterpriseUnit, "企业和单位"));
        Add<Ledgers.PetitionKind>((Ledgers.PetitionKind.Individual, "个体访"), (Ledgers.PetitionKind.Collective, "集体访"), (Ledgers.PetitionKind.Repeated, "重复访"), (Ledgers.PetitionKind.SkipLevel, "越级访"));
        Add<Ledgers.PetitionStatus>((Ledgers.PetitionStatus.Received, "受理"), (Ledgers.PetitionStatus.Handling, "办理中"), (Ledgers.PetitionStatus.Resolved, "已化解"), (Ledgers.PetitionStatus.Escalated, "上报"));
        Add<Ledgers.AccidentCategory>((Ledgers.AccidentCategory.RoadTraffic, "道路交通"), (Ledgers.AccidentCategory.Fire, "消防"), (Ledgers.AccidentCategory.FoodDrug, "食品药品"), (Ledgers.AccidentCategory.WorkSafety, "生产安全"), (Ledgers.AccidentCategory.Environment, "环境生态"), (Ledgers.AccidentCategory.Other, "其他"));
        Add<Ledgers.CaseKind>((Ledgers.CaseKind.Criminal, "刑事"), (Ledgers.CaseKind.PublicSecurity, "治安"));
        Add<Inspections.FindingType>((Inspections.FindingType.Dispute, "矛盾纠纷"), (Inspections.FindingType.Hazard, "安全隐患"));
        Add<Inspections.DisputeCategory>((Inspections.DisputeCategory.Neighbour, "邻里"), (Inspections.DisputeCategory.Family, "婚姻家庭"), (Inspections.DisputeCategory.Land, "土地"), (Inspections.DisputeCategory.Wages, "劳资"), (Inspections.DisputeCategory.Property, "物业"), (Inspections.DisputeCategory.Other, "其他"));
        Add<Inspections.HazardCategory>((Inspections.HazardCategory.Fire, "消防"), (Inspections.HazardCategory.RoadTraffic, "道路交通"), (Inspections.HazardCategory.HazardousChemicals, "危化品"), (Inspections.HazardCategory.WorkSafety, "生产安全"), (Inspections.HazardCategory.FoodDrug, "食品药品"), (Inspections.HazardCategory.Environment, "环境"), (Inspections.HazardCategory.Other, "其他"));
        Add<Inspections.RiskLevel>((Inspections.RiskLevel.General, "一般"), (Inspections.RiskLevel.Larger, "较大"), (Inspections.RiskLevel.Major, "重大"));
        Add<Inspections.FindingStatus>((Inspections.FindingStatus.Mediating, "化解中"), (Inspections.FindingStatus.Resolved, "已化解"), (Inspections.FindingStatus.Escalated, "上报"), (Inspections.FindingStatus.Rectifying, "整改中"), (Inspections.FindingStatus.Rectified, "已整改"));
        Add<Inspections.ResolutionMethod>((Inspections.ResolutionMethod.Mediation, "调解"), (Inspections.ResolutionMethod.Arbitration, "仲裁"), (Inspections.ResolutionMethod.AdministrativeRuling, "行政裁决"), (Inspections.ResolutionMethod.AdministrativeReview, "行政复议"), (Inspections.ResolutionMethod.Litigation, "诉讼"), (Inspections.ResolutionMethod.Other, "其他"));
        Add<Inspections.InspectionStatus>((Inspections.InspectionStatus.Draft, "草稿"), (Inspections.InspectionStatus.Submitted, "已提交"));
        Add<Inspections.ReviewState>((Inspections.ReviewState.None, "未退回"), (Inspections.ReviewState.Returned, "退回待更正"), (Inspections.ReviewState.Resubmitted, "已重新提交"));
        Add<KeyPopulations.KeyPersonCategory>((KeyPopulations.KeyPersonCategory.DrugUser, "吸毒人员"), (KeyPopulations.KeyPersonCategory.MentalDisorderWithRisk, "易肇事肇祸精神障碍患者"), (KeyPopulations.KeyPersonCategory.ReleasedPrisoner, "刑满释放人员"), (KeyPopulations.KeyPersonCategory.CommunityCorrection, "社区矫正对象"), (KeyPopulations.KeyPersonCategory.CultInvolved, "涉邪教人员"), (KeyPopulations.KeyPersonCategory.DelinquentYouth, "不良行为青少年"));
        Add<Standards.AttestationResult>((Standards.AttestationResult.Pass, "达标"), (Standards.AttestationResult.Fail, "不达标"), (Standards.AttestationResult.NotApplicable, "不适用"));
        Add<Evaluation.SubjectVerdict>((Evaluation.SubjectVerdict.Compliant, "达标"), (Evaluation.SubjectVerdict.NonCompliant, "不达标"), (Evaluation.SubjectVerdict.Pending, "待评定"));
        Add<Evaluation.ItemVerdict>((Evaluation.ItemVerdict.Pass, "达标"), (Evaluation.ItemVerdict.Fail, "不达标"), (Evaluation.ItemVerdict.Pending, "待评定"), (Evaluation.ItemVerdict.NotApplicable, "不适用"));
        Add<Auditing.AuditAction>((Auditing.AuditAction.Create, "新增"), (Auditing.AuditAction.Update, "修改"), (Auditing.AuditAction.Delete, "删除"), (Auditing.AuditAction.RevealIdNumber, "查看完整身份证号"), (Auditing.AuditAction.Import, "导入"), (Auditing.AuditAction.Export, "导出"), (Auditing.AuditAction.Login, "登录"), (Auditing.AuditAction.RoleChange, "角色变更"), (Auditing.AuditAction.Seed, "初始化数据"), (Auditing.AuditAction.View, "查看"), (Auditing.AuditAction.Disable, "停用账号"), (Auditing.AuditAction.Enable, "启用账号"), (Auditing.AuditAction.PasswordReset, "重置密码"), (Auditing.AuditAction.PasswordChange, "修改密码"), (Auditing.AuditAction.VerifyChain, "校验审计链"), (Auditing.AuditAction.LoginFailed, "登录失败"), (Auditing.AuditAction.Lockout, "账号锁定"), (Auditing.AuditAction.Logout, "退出登录"), (Auditing.AuditAction.SessionEnded, "结束会话"));
        Add<Auditing.AuditAction>((Auditing.AuditAction.TwoFactorEnable, "启用二次验证"), (Auditing.AuditAction.TwoFactorDisable, "关闭二次验证"), (Auditing.AuditAction.RecoveryCodesRenew, "重新生成恢复码"), (Auditing.AuditAction.TwoFactorReset, "重置二次验证"), (Auditing.AuditAction.TwoFactorSignIn, "二次验证登录"), (Auditing.AuditAction.TwoFactorSignInFailed, "二次验证失败"));
        Add<Supervision.SupervisionSource>((Supervision.SupervisionSource.OverdueHazard, "逾期未整改隐患"), (Supervision.SupervisionSource.RiskyDispute, "高风险矛盾纠纷"), (Supervision.SupervisionSource.EscalatedDispute, "上报矛盾纠纷"), (Supervision.SupervisionSource.MissingInspection, "未交月度排查"), (Supervision.SupervisionSource.Backlog, "信访积案"));
        Add<Supervision.AssigneeKind>((Supervision.AssigneeKind.GridWorker, "网格员"), (Supervision.AssigneeKind.Liaison, "单位联络员"), (Supervision.AssigneeKind.SubjectLeader, "直接责任人"));
        Add<Supervision.SupervisionStatus>((Supervision.SupervisionStatus.Issued, "待办理"), (Supervision.SupervisionStatus.Answered, "待验证"), (Supervision.SupervisionStatus.Returned, "退回重办"), (Supervision.SupervisionStatus.Closed, "已办结"));
        Add<Supervision.Card>((Supervision.Card.None, "无"), (Supervision.Card.Yellow, "黄牌"), (Supervision.Card.Red, "红牌"));
        Add<Supervision.DisputeStage>((Supervision.DisputeStage.Accepted, "已受理待交办"), (Supervision.DisputeStage.Assigned, "已交办办理中"), (Supervision.DisputeStage.Concluded, "已办结待验证"), (Supervision.DisputeStage.Verified, "已验证"));
        Add<Supervision.DisputeOutcome>((Supervision.DisputeOutcome.Substantive, "实质性化解"), (Supervision.DisputeOutcome.Procedural, "程序性办结"), (Supervision.DisputeOutcome.UnderWatch, "稳控中"));
        Add<Supervision.Satisfaction>((Supervision.Satisfaction.Satisfied, "满意"), (Supervision.Satisfaction.FairlySatisfied, "基本满意"), (Supervision.Satisfaction.Dissatisfied, "不满意"));
        Add<Evaluation.AppealStatus>((Evaluation.AppealStatus.Filed, "待复核"), (Evaluation.AppealStatus.Upheld, "申诉成立"), (Evaluation.AppealStatus.Rejected, "申诉不成立"));
        Add<Evaluation.AppellantRole>((Evaluation.AppellantRole.Liaison, "单位联络员"), (Evaluation.AppellantRole.GridWorker, "村（社区）网格员"));
        Add<Evaluation.Honour>((Evaluation.Honour.None, ""), (Evaluation.Honour.Named, "命名表彰"), (Evaluation.Honour.TownCommendation, "通报表扬"), (Evaluation.Honour.RecommendedToCity, "推荐市级以上表彰"));
    }

    /// <summary>Adds words for values of <typeparamref name="T"/> (an enum's words may be given in several calls).</summary>
    private static void Add<T>(params (T Value, string Word)[] pairs) where T : struct, Enum
    {
        if (!Words.TryGetValue(typeof(T), out var words))
        {
            Words[typeof(T)] = words = [];
        }
        foreach (var (value, word) in pairs)
        {
            words.Add(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), word);
        }
    }

    /// <summary>The Chinese word for a value, e.g. <c>SubjectKind.Village</c> → 村.</summary>
    public static string Of<T>(T value) where T : struct, Enum =>
        Words[typeof(T)].TryGetValue(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), out var word) ? word : value.ToString();

    /// <summary>The Chinese word for a value whose type is known only at run time (the audit trail).</summary>
    public static string Of(Enum value) =>
        Words.TryGetValue(value.GetType(), out var words) && words.TryGetValue(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), out var word)
            ? word
            : value.ToString();

    /// <summary>The value a Chinese word stands for (trimmed), or null when it is not one of the words.</summary>
    public static T? Parse<T>(string? word) where T : struct, Enum
    {
        var text = word?.Trim();
        foreach (var (value, w) in Words[typeof(T)])
        {
            if (w == text && w.Length > 0)
            {
                return (T)Enum.ToObject(typeof(T), value);
            }
        }
        return null;
    }

    /// <summary>All values with their words, in declaration order (for drop-downs and template help).</summary>
    public static IReadOnlyList<(T Value, string Word)> All<T>() where T : struct, Enum =>
        Words[typeof(T)].Where(p => p.Value.Length > 0).Select(p => ((T)Enum.ToObject(typeof(T), p.Key), p.Value)).ToList();
}
