using FluentValidation.AspNetCore;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Auditing;

namespace SanLing.Web.Features.Audit;

/// <summary>审计日志: the town's trail, its export, and the hash-chain check. Admins only; read-only.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class AuditController(
    AuditTrailQueries queries,
    IValidator<AuditFilter> validator,
    IStringLocalizer<SharedResource> l,
    ILogger<AuditController> logger) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, CancellationToken ct)
    {
        (await validator.ValidateAsync(filter, ct)).AddToModelState(ModelState);
        var valid = ModelState.IsValid;
        IReadOnlyList<AuditTrailLine> lines = [];
        var total = 0;
        if (valid)
        {
            (lines, total) = await queries.PageAsync(filter, ct);
        }
        var paging = new PageInfo(PageInfo.Clamp(filter.Page), AuditTrailQueries.PageSize, total, Request.Path, Request.QueryString);
        return View(new AuditTrailPage(filter, lines, paging, await queries.TypesAsync(ct), await queries.LastVerificationAsync(ct), valid));
    }

    /// <summary>The filtered trail as a workbook; the export is itself a line of the trail, with its row count.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] AuditFilter filter, [FromServices] ExcelDownloadService excel, CancellationToken ct)
    {
        (await validator.ValidateAsync(filter, ct)).AddToModelState(ModelState);
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }
        logger.LogInformation("Audit trail exported by {User}", User.Identity?.Name);
        return await excel.ExportAsync("审计日志", nameof(AuditEntry), workbook => queries.WriteAsync(workbook, filter, ct), ct);
    }

    /// <summary>Checks the whole chain now; the result is recorded in the trail and shown on the page.</summary>
    [HttpPost]
    public async Task<IActionResult> Verify(CancellationToken ct)
    {
        var result = await queries.VerifyNowAsync(ct);
        var sentence = AuditChainMessages.Sentence(result, t => l[t].Value);
        if (!result.Intact)
        {
            logger.LogError("Audit chain check failed: {Problem} at line {Line}", result.Problem, result.BrokenAt);
            TempData.Danger(sentence);
        }
        else
        {
            TempData.Success(sentence);
        }
        return RedirectToAction(nameof(Index));
    }
}
