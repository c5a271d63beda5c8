using SanLing.Domain.Ledgers;
using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.Cases;

/// <summary>
/// 案件台账: office staff keep it; grid workers read their scope. Liaisons and leadership have no access: case facts
/// and offenders are more than their work needs (PIPL minimum necessity). Both this and the base's roles must hold.
/// </summary>
[Authorize(Roles = Roles.Office + "," + Roles.GridWorker)]
public sealed class CasesController(
    CaseQueries queries,
    CaseCommands commands,
    SubjectQueries subjects,
    AuditQueries audit,
    LedgerRulesService rules,
    ExcelDownloadService excel,
    IValidator<CaseForm> validator)
    : OfficeLedgerController<CaseFilter, CaseRow, CaseForm>(queries, commands, subjects, audit, excel, validator)
{
    protected override string Noun => "案件";

    protected override string RecordType => nameof(SecurityCase);

    protected override string ExportTitle => "案件台账";

    protected override CaseForm NewForm() => new() { OccurredOn = rules.Today };

    protected override async Task<CaseForm> NewFormAsync(CancellationToken ct)
    {
        var form = NewForm();
        form.Number = await rules.NextNumberAsync<SecurityCase>(RecordNumbers.Case, ct);
        return form;
    }

    protected override string? LabelOf(CaseForm form) => form.Number;
}
