using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Standards;

public enum AttestationResult
{
    Pass = 1,           // 达标
    Fail = 2,           // 不达标
    NotApplicable = 3,  // 不适用
}

/// <summary>年度评定: the office's judgement of one attested (A) item for one subject and year. Key: (subject, year, item).</summary>
public class Attestation : Entity
{
    public int SubjectId { get; set; }
    public Subject? Subject { get; set; }
    public int Year { get; set; }
    public required string ItemCode { get; set; }
    public AttestationResult Result { get; set; }
    public string? Note { get; set; }

    /// <summary>Evidence file (image/PDF), stored outside wwwroot under a generated name.</summary>
    public string? EvidenceFileName { get; set; }
    public string? EvidenceStoredName { get; set; }
    public string? EvidenceContentType { get; set; }
}
