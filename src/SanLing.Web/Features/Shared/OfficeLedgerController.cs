using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.Shared;

/// <summary>
/// A ledger office staff keep and grid workers and liaisons read within their scope (leadership has no access): the
/// list, its Excel export as shown, the details with their history, create, edit and delete. A feature's controller
/// names its ledger and brings its queries, commands, validator and views.
/// </summary>
[Authorize(Roles = Roles.Office + "," + Roles.GridWorker + "," + Roles.Liaison)]
public abstract class OfficeLedgerController<TFilter, TRow, TForm>(
    ILedgerQueries<TFilter, TRow, TForm> queries,
    ILedgerCommands<TForm> commands,
    SubjectQueries subjects,
    AuditQueries audit,
    ExcelDownloadService excel,
    IValidator<TForm> validator) : LedgerController
    where TFilter : IPagedFilter
    where TRow : class
    where TForm : class
{
    /// <summary>What one record is called in messages ("事故").</summary>
    protected abstract string Noun { get; }

    /// <summary>The record's type in the audit trail.</summary>
    protected abstract string RecordType { get; }

    /// <summary>The title of the exported workbook ("事故台账").</summary>
    protected abstract string ExportTitle { get; }

    /// <summary>The form of a new record (today's date preset …).</summary>
    protected abstract TForm NewForm();

    /// <summary>The form of a new record when presetting it needs the database (the next record number).</summary>
    protected virtual Task<TForm> NewFormAsync(CancellationToken ct) => Task.FromResult(NewForm());

    /// <summary>The number or code that names the record in messages.</summary>
    protected abstract string? LabelOf(TForm form);

    /// <summary>Said after a create, in the user's language (English leaves the noun out: "Registered A-001.").</summary>
    protected virtual string CreatedMessage(TForm form) => L["已登记{0} {1}。", Noun, LabelOf(form)?.Trim() ?? ""];

    /// <summary>Why the ledger refuses to delete a record (when its commands answer <see cref="SaveOutcome.Refused"/>).</summary>
    protected virtual string DeleteRefusedMessage => L["该{0}不能删除。", Noun];

    /// <summary>The form field a unique index guards (the record number), and what is said when it is taken.</summary>
    protected virtual string UniqueField => "Number";

    protected virtual string DuplicateMessage(TForm form) => L["编号“{0}”已存在", LabelOf(form)?.Trim() ?? ""];

    private bool CanEdit => User.IsInRole(Roles.Office);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] TFilter filter, CancellationToken ct)
    {
        var (rows, total) = await queries.ListAsync(filter, ct);
        var paging = new PageInfo(PageInfo.Clamp(filter.Page), queries.RowsPerPage, total, Request.Path, Request.QueryString);
        return View(new LedgerListPage<TFilter, TRow>(filter, rows, paging, await subjects.TerritoriesAsync(ct), CanEdit));
    }

    /// <summary>The list as shown (filters and scope applied, all pages) in the import template.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] TFilter filter, CancellationToken ct) =>
        await excel.ExportAsync(ExportTitle, RecordType, workbook => queries.ExportAsync(workbook, filter, ct), ct);

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var row = await queries.RowAsync(id, ct);
        if (row is null)
        {
            return NotFound();
        }
        return View(new LedgerDetails<TRow>(row, CanEdit, CanEdit ? await audit.ForRecordAsync(RecordType, id, ct) : []));
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Create(CancellationToken ct) => View("Edit", new LedgerEditor<TForm>(await NewFormAsync(ct), null));

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Create(TForm form, CancellationToken ct)
    {
        if (!await IsValidAsync(validator, form, null, ct))
        {
            return View("Edit", new LedgerEditor<TForm>(form, null));
        }
        var id = await SaveUniqueAsync<int?>(async () => await commands.CreateAsync(form, ct), UniqueField, DuplicateMessage(form));
        if (id is null)
        {
            return View("Edit", new LedgerEditor<TForm>(form, null));
        }
        TempData.Success(CreatedMessage(form));
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct) =>
        await queries.RowAsync(id, ct) is { } row ? View(new LedgerEditor<TForm>(queries.FormOf(row), id)) : NotFound();

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Edit(int id, TForm form, CancellationToken ct)
    {
        // A record that is not there for this user (another town's, another scope's) is a 404, not a form of errors.
        if (await queries.RowAsync(id, ct) is null)
        {
            return NotFound();
        }
        if (!await IsValidAsync(validator, form, id, ct))
        {
            return View(new LedgerEditor<TForm>(form, id));
        }
        var outcome = await SaveUniqueAsync<SaveOutcome?>(async () => await commands.UpdateAsync(id, form, ct), UniqueField, DuplicateMessage(form));
        if (outcome is null)
        {
            return View(new LedgerEditor<TForm>(form, id));
        }
        return AfterEdit(outcome.Value, id, L["已保存{0} {1}。", Noun, LabelOf(form)?.Trim() ?? ""], () => View(new LedgerEditor<TForm>(form, id)));
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Delete(int id, Guid version, CancellationToken ct) =>
        AfterDelete(await commands.DeleteAsync(id, version, ct), id, DeleteRefusedMessage);
}
