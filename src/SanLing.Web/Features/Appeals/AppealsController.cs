using SanLing.Domain.Evaluation;

namespace SanLing.Web.Features.Appeals;

/// <summary>
/// 申诉复核: during the 公示 period the subject's liaison (or a village's/community's grid worker) files an appeal with
/// evidence; the office upholds it (re-evaluating the subject into a new run) or rejects it with a reason. Leadership
/// has no part here and never reads the evidence.
/// </summary>
[Authorize(Roles = Roles.Office + "," + Roles.Liaison + "," + Roles.GridWorker)]
public sealed class AppealsController(AppealQueries queries, AppealCommands commands) : PortalController
{
    private const long MaxRequestBytes = AppealRules.MaxEvidenceFiles * AppealRules.MaxEvidenceBytes + 1024 * 1024;

    /// <summary>The office's queue: waiting appeals first.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Index(AppealStatus? status, CancellationToken ct) =>
        View(await queries.QueueAsync(status is { } s && Enum.IsDefined(s) ? s : null, ct));

    /// <summary>The appellant's page: the result open to appeal, the form, and the decisions on earlier appeals.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Liaison + "," + Roles.GridWorker)]
    public async Task<IActionResult> Mine(CancellationToken ct) =>
        await queries.MineAsync(null, ct) is { } page ? View(page) : NotFound();

    [HttpPost]
    [Authorize(Roles = Roles.Liaison + "," + Roles.GridWorker)]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Submit(AppealForm form, CancellationToken ct)
    {
        foreach (var violation in AppealRules.CheckReason(form.Reason))
        {
            ModelState.AddModelError(nameof(AppealForm.Reason), L.Text(violation));
        }
        if (form.Files.Count > AppealRules.MaxEvidenceFiles)
        {
            ModelState.AddModelError(nameof(AppealForm.Files), L["证明材料最多 {0} 个文件", AppealRules.MaxEvidenceFiles]);
        }
        foreach (var file in form.Files)
        {
            if (AppealEvidenceStorageService.Check(file) is { } error)
            {
                ModelState.AddModelError(nameof(AppealForm.Files), L["{0}：{1}", EvidenceName(file), L[error]]);
            }
        }
        if (ModelState.IsValid)
        {
            var (id, refusal) = await commands.FileAsync(form, ct);
            if (refusal == AppealRefusal.NotYours)
            {
                return NotFound();
            }
            if (id is { } appealId)
            {
                TempData.Success(L["申诉已提交（申诉编号 {0}），请等待镇综治办复核。", appealId]);
                return RedirectToAction(nameof(Details), new { id = appealId });
            }
            ModelState.AddModelError("", L[MessageOf(refusal)]);
        }
        var page = await queries.MineAsync(form, ct);
        return page is null ? NotFound() : View(nameof(Mine), page);
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken ct) =>
        await queries.DetailsAsync(id, ct) is { } details ? View(details) : NotFound();

    /// <summary>An evidence file: to the appellant's side and the office only (never leadership), never as a static file.</summary>
    [HttpGet]
    public async Task<IActionResult> Evidence(int id, [FromServices] AppealEvidenceStorageService storage, CancellationToken ct)
    {
        var evidence = await queries.EvidenceAsync(id, ct);
        var stream = evidence is null ? null : storage.Open(evidence.StoredName);
        return stream is null ? NotFound() : File(stream, evidence!.ContentType, evidence.FileName);
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Uphold(int id, DecisionForm form, CancellationToken ct)
    {
        var violations = AppealRules.CheckUpholding(form.Decision);
        if (violations.Count > 0)
        {
            TempData.Danger(L.Text(violations[0]));
            return RedirectToAction(nameof(Details), new { id });
        }
        var (outcome, refusal, error, runId) = await commands.UpholdAsync(id, form, ct);
        switch (outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Saved:
                TempData.Success(L["申诉成立：已重新评定该单位，更正后的结果为评定记录 #{0}，原评定记录保持不变。", runId!.Value]);
                break;
            case SaveOutcome.Stale:
                TempData.Danger(L["保存失败：该申诉已被他人处理或修改，请刷新后再试。"]);
                break;
            default:
                TempData.Danger(error ?? L[MessageOf(refusal)].Value);
                break;
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Reject(int id, DecisionForm form, CancellationToken ct)
    {
        var violations = AppealRules.CheckRejection(form.Decision);
        if (violations.Count > 0)
        {
            // An appeal that is not there for this user (another town's) is a 404, not its page with a message.
            if (!await queries.Visible().AnyAsync(a => a.Id == id, ct))
            {
                return NotFound();
            }
            TempData.Danger(L.Text(violations[0]));
            return RedirectToAction(nameof(Details), new { id });
        }
        var (outcome, refusal) = await commands.RejectAsync(id, form, ct);
        switch (outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Saved:
                TempData.Success(L["已驳回申诉，复核意见已告知申诉人。"]);
                break;
            case SaveOutcome.Stale:
                TempData.Danger(L["保存失败：该申诉已被他人处理或修改，请刷新后再试。"]);
                break;
            default:
                TempData.Danger(L[MessageOf(refusal)]);
                break;
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    private static string EvidenceName(IFormFile file) => Attestations.EvidenceFile.OriginalName(file);

    /// <summary>The Chinese message (a resource key) for a refusal.</summary>
    public static string MessageOf(AppealRefusal refusal) => refusal switch
    {
        AppealRefusal.NotYours => "只能为本单位（网格员为本村、社区）提出申诉。",
        AppealRefusal.NotPublished => "只能对已公示的评定结果提出申诉。",
        AppealRefusal.PeriodClosed => "公示期已过，不能再提出申诉。",
        AppealRefusal.NothingChosen => "请至少选择一个申诉的评定项或一票否优。",
        AppealRefusal.NotAppealable => "只能对不达标、待评定的评定项或已认定的一票否优提出申诉。",
        AppealRefusal.AlreadyWaiting => "本单位已有待复核的申诉，复核后才能再次提出。",
        AppealRefusal.WrongStatus => "该申诉已复核，不能再次处理。",
        _ => "申诉未能提交。",
    };
}
