using SanLing.Domain.Subjects;
using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.Grids;

/// <summary>网格与车间班组: office staff keep them; grid workers and liaisons read their scope; leadership has no access.</summary>
public sealed class GridsController(
    GridQueries queries,
    GridCommands commands,
    SubjectQueries subjects,
    AuditQueries audit,
    ExcelDownloadService excel,
    IValidator<GridForm> validator)
    : OfficeLedgerController<GridFilter, GridRow, GridForm>(queries, commands, subjects, audit, excel, validator)
{
    protected override string Noun => "网格";

    protected override string RecordType => nameof(Grid);

    protected override string ExportTitle => "网格";

    protected override GridForm NewForm() => new();

    protected override string? LabelOf(GridForm form) => form.Code;

    protected override string CreatedMessage(GridForm form) => L["已新增网格 {0}。", form.Code?.Trim() ?? ""];

    protected override string UniqueField => nameof(GridForm.Code);

    protected override string DuplicateMessage(GridForm form) => L["网格编码“{0}”已存在", form.Code?.Trim() ?? ""];

    protected override string DeleteRefusedMessage => L["该网格已有月度排查记录，不能删除；如需调整，请修改网格员或名称。"];
}
