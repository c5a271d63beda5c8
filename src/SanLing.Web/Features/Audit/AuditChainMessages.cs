using SanLing.Infrastructure.Data;

namespace SanLing.Web.Features.Audit;

/// <summary>
/// What a check of the audit chain found, in words: the same sentences for <c>verify-audit</c> (Chinese) and the
/// administration page (through the localizer, <paramref name="text"/>).
/// </summary>
public static class AuditChainMessages
{
    /// <summary>The full sentence: intact with its line count, or what is wrong and where.</summary>
    public static string Sentence(AuditVerification v, Func<string, string> text)
    {
        if (v.Intact)
        {
            var intact = string.Format(text("审计日志完整，共 {0} 条。"), v.Lines);
            return v.BeforeAnchoring > 0
                ? intact + string.Format(text("其中 {0} 条写于启用校验码之前（没有校验码，不算断链）。"), v.BeforeAnchoring)
                : intact;
        }
        return v.Problem switch
        {
            AuditProblem.MacMismatch => string.Format(text("审计日志第 {0} 条的校验码不符：链已在没有审计密钥的情况下被重新计算（已被篡改）。"), v.BrokenAt),
            AuditProblem.MacMissing => string.Format(text("审计日志第 {0} 条没有校验码：启用校验码之后写入的记录都应有校验码（已被篡改）。"), v.BrokenAt),
            AuditProblem.MissingAtEnd => string.Format(text("审计日志末尾缺少记录：检查点记录到第 {0} 条，数据库中只到第 {1} 条（末尾记录已被删除）。"), v.CheckpointId, v.BrokenAt ?? 0),
            AuditProblem.HeadReplaced => string.Format(text("审计日志第 {0} 条与检查点记录的不符：末尾记录已被替换。"), v.BrokenAt),
            AuditProblem.CheckpointMissing => text("找不到审计检查点文件（密钥目录中的 audit-head.json）：无法排除末尾记录被删除。"),
            _ => string.Format(text("审计日志在第 {0} 条处断链：该条或其前一条已被修改、删除或插入。"), v.BrokenAt),
        };
    }

    /// <summary>The short badge of the administration page.</summary>
    public static string Badge(AuditVerification v, Func<string, string> text) => v.Problem switch
    {
        null => text("完整"),
        AuditProblem.MacMismatch => string.Format(text("第 {0} 条校验码不符"), v.BrokenAt),
        AuditProblem.MacMissing => string.Format(text("第 {0} 条缺少校验码"), v.BrokenAt),
        AuditProblem.MissingAtEnd => string.Format(text("末尾缺少记录（应到第 {0} 条）"), v.CheckpointId),
        AuditProblem.HeadReplaced => string.Format(text("第 {0} 条已被替换"), v.BrokenAt),
        AuditProblem.CheckpointMissing => text("检查点缺失"),
        _ => string.Format(text("在第 {0} 条处断链"), v.BrokenAt),
    };
}
