using SanLing.Domain.Ledgers;
using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.Accidents;

/// <summary>事故台账: office staff keep it; grid workers and liaisons read their scope; leadership has no access.</summary>
public sealed class AccidentsController(
    AccidentQueries queries,
    AccidentCommands commands,
    SubjectQueries subjects,
    AuditQueries audit,
    LedgerRulesService rules,
    ExcelDownloadService excel,
    IValidator<AccidentForm> validator)
    : OfficeLedgerController<AccidentFilter, AccidentRow, AccidentForm>(queries, commands, subjects, audit, excel, validator)
{
    protected override string Noun => "事故";

    protected override string RecordType => nameof(Accident);

    protected override string ExportTitle => "事故台账";

    protected override AccidentForm NewForm() => new() { OccurredOn = rules.Today };

    protected override async Task<AccidentForm> NewFormAsync(CancellationToken ct)
    {
        var form = NewForm();
        form.Number = await rules.NextNumberAsync<Accident>(RecordNumbers.Accident, ct);
        return form;
    }

    protected override string? LabelOf(AccidentForm form) => form.Number;
}
