using SanLing.Domain.Common;
using SanLing.Domain.KeyPopulations;

namespace SanLing.Domain.Ledgers;

public enum CaseKind
{
    Criminal = 1,        // 刑事
    PublicSecurity = 2,  // 治安
}

/// <summary>案件: a criminal (刑事) or public-security (治安) case.</summary>
public class SecurityCase : Incident
{
    public CaseKind Kind { get; set; }
    [Personal]
    public string? Facts { get; set; }

    /// <summary>
    /// The offender's key-person number as the ledger gives it (涉事重点人员编号). The case ledger may arrive before the
    /// key-person ledger, so the number is kept and <see cref="OffenderKeyPersonId"/> follows once that person is registered.
    /// </summary>
    public string? OffenderNumber { get; set; }

    /// <summary>When the offender is a registered key person (drives item 4.2 of that person's subject).</summary>
    public int? OffenderKeyPersonId { get; set; }
    public KeyPerson? OffenderKeyPerson { get; set; }
}
