using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.KeyPopulations;

public enum KeyPersonCategory
{
    DrugUser = 1,                 // 吸毒人员
    MentalDisorderWithRisk = 2,   // 易肇事肇祸精神障碍患者
    ReleasedPrisoner = 3,         // 刑满释放人员
    CommunityCorrection = 4,      // 社区矫正对象
    CultInvolved = 5,             // 涉邪教人员
    DelinquentYouth = 6,          // 不良行为青少年
}

/// <summary>
/// 重点人员. Sensitive personal information: the ID number is kept only encrypted, with a keyed hash
/// for look-up and a masked form for display.
/// </summary>
public class KeyPerson : Entity
{
    /// <summary>编号: unique per town.</summary>
    public required string Number { get; set; }
    [Personal]
    public required string Name { get; set; }

    /// <summary>The ID number encrypted at rest (never stored in clear text).</summary>
    public required string IdNumberCipher { get; set; }

    /// <summary>Keyed hash of the ID number, for exact look-up and duplicate detection.</summary>
    public required string IdNumberHash { get; set; }

    /// <summary>The masked form shown by default, e.g. 3301**********1234.</summary>
    public required string IdNumberMasked { get; set; }

    public KeyPersonCategory Category { get; set; }

    public int SubjectId { get; set; }
    public Subject? Subject { get; set; }

    /// <summary>列管日期.</summary>
    public DateOnly ListedOn { get; set; }

    /// <summary>解除日期; empty while active.</summary>
    public DateOnly? DelistedOn { get; set; }

    public bool HasAssistancePlan { get; set; }
    [Personal]
    public string? AssistancePlan { get; set; }

    /// <summary>帮教责任人.</summary>
    [Personal]
    public string? HelperName { get; set; }

    public List<FollowUp> FollowUps { get; set; } = [];

    /// <summary>Active in a year: listed on or before 31 Dec and not delisted before 1 Jan.</summary>
    public bool IsActiveIn(DateOnly yearStart, DateOnly yearEnd) => KeyPersonRules.IsActive(ListedOn, DelistedOn, yearStart, yearEnd);
}

/// <summary>帮教记录: a follow-up visit to a key person.</summary>
public class FollowUp : Entity
{
    public int KeyPersonId { get; set; }
    public KeyPerson? KeyPerson { get; set; }
    public DateOnly VisitedOn { get; set; }
    [Personal]
    public required string VisitedBy { get; set; }

    [Personal]
    public string? Note { get; set; }
}
