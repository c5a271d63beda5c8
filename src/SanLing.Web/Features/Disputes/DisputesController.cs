using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Supervision;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Disputes;

/// <summary>上报纠纷: the office's queue and flow 受理 → 交办 → 办结 → 验证. Office only (grid workers report by the inspection's 上报).</summary>
[Authorize(Roles = Roles.Office)]
public sealed class DisputesController(DisputeQueries queries, DisputeCommands commands, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(string? stage, int? page, CancellationToken ct) =>
        View(await queries.ListAsync(stage, page, Request.Path, Request.QueryString, ct));

    [HttpGet("/Disputes/{findingId:int}")]
    public async Task<IActionResult> Details(int findingId, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(findingId, ct);
        return details is null ? NotFound() : View(details);
    }

    [HttpPost("/Disputes/{findingId:int}/Accept")]
    public async Task<IActionResult> Accept(int findingId, CancellationToken ct) =>
        Outcome(findingId, await commands.AcceptAsync(findingId, ct), l["已受理，请在时限内交办。"].Value);

    [HttpPost("/Disputes/{findingId:int}/Assign")]
    public async Task<IActionResult> Assign(int findingId, AssignForm form, CancellationToken ct)
    {
        var violations = EscalatedDisputeRules.CheckAssign(form.AssignedTo, form.LimitDays);
        return violations.Count > 0
            ? await RefuseAsync(findingId, l.Text(violations[0]), ct)
            : Outcome(findingId, await commands.AssignAsync(findingId, form, ct), l["已交办。"].Value);
    }

    [HttpPost("/Disputes/{findingId:int}/Conclude")]
    public async Task<IActionResult> Conclude(int findingId, ConcludeForm form, CancellationToken ct)
    {
        var violations = EscalatedDisputeRules.CheckConclude(form.Outcome, form.Note);
        return violations.Count > 0
            ? await RefuseAsync(findingId, l.Text(violations[0]), ct)
            : Outcome(findingId, await commands.ConcludeAsync(findingId, form, ct), l["已办结，待验证。"].Value);
    }

    [HttpPost("/Disputes/{findingId:int}/Verify")]
    public async Task<IActionResult> Verify(int findingId, VerifyForm form, CancellationToken ct)
    {
        var violations = EscalatedDisputeRules.CheckVerify(form.Satisfaction, form.Note, form.SendBack);
        return violations.Count > 0
            ? await RefuseAsync(findingId, l.Text(violations[0]), ct)
            : Outcome(findingId, await commands.VerifyAsync(findingId, form, ct), form.SendBack ? l["已退回承办单位重办。"].Value : l["已验证。"].Value);
    }

    /// <summary>Bad input on a dispute: its page again with the message; a dispute that is not there (another town's) is a 404.</summary>
    private async Task<IActionResult> RefuseAsync(int findingId, string message, CancellationToken ct)
    {
        if (!await queries.ExistsAsync(findingId, ct))
        {
            return NotFound();
        }
        TempData.Warning(message);
        return RedirectToAction(nameof(Details), new { findingId });
    }

    private IActionResult Outcome(int findingId, SaveOutcome outcome, string done)
    {
        switch (outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Saved:
                TempData.Success(done);
                break;
            case SaveOutcome.Unchanged:
                TempData.Warning(l["该纠纷已受理。"].Value);
                break;
            case SaveOutcome.Stale:
                TempData.Warning(l["保存失败：该纠纷已被他人处理。请查看最新状态。"].Value);
                break;
            default:
                TempData.Warning(l["该纠纷当前的环节不允许这一步。"].Value);
                break;
        }
        return RedirectToAction(nameof(Details), new { findingId });
    }
}
