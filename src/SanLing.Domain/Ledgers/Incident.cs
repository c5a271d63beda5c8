using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Ledgers;

/// <summary>What petitions, accidents and cases share: a number, the subject it counts against, a date and two flags.</summary>
public abstract class Incident : Entity
{
    /// <summary>编号: unique per town and ledger.</summary>
    public required string Number { get; set; }

    /// <summary>The subject it is recorded on; it counts against exactly this subject (no roll-up).</summary>
    public int SubjectId { get; set; }
    public Subject? Subject { get; set; }

    /// <summary>登记日期 for a petition, 发生日期 for an accident, 发案日期 for a case.</summary>
    public DateOnly OccurredOn { get; set; }

    /// <summary>有影响: drives the one-vote veto (一票否优).</summary>
    public bool IsImpactful { get; set; }

    /// <summary>重大: drives the accountability review (倒查追责).</summary>
    public bool IsMajor { get; set; }
}
