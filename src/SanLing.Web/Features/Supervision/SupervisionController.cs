using ClosedXML.Excel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Common;
using SanLing.Domain.Supervision;
using SanLing.Infrastructure.Excel;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Features.Inspections;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Supervision;

/// <summary>
/// 督办: the office issues, verifies, lists and exports orders; a grid worker or liaison reads and answers only the
/// orders addressed to them. Leadership sees counts on its dashboard only.
/// </summary>
[Authorize(Roles = Roles.Office + "," + Roles.GridWorker + "," + Roles.Liaison)]
public sealed class SupervisionController(SupervisionQueries queries, SupervisionCommands commands, ExcelDownloadService excel, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] SupervisionFilter filter, CancellationToken ct)
    {
        var (rows, total) = await queries.ListAsync(filter, SupervisionQueries.PageSize, ct);
        var paging = new PageInfo(PageInfo.Clamp(filter.Page), SupervisionQueries.PageSize, total, Request.Path, Request.QueryString);
        return View(new SupervisionListPage(filter, rows, paging, await queries.TerritoriesAsync(ct), queries.IsOffice));
    }

    /// <summary>The list as filtered (all pages) as a workbook; names and ids written as text, widths set.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Export([FromQuery] SupervisionFilter filter, CancellationToken ct)
    {
        var (rows, _) = await queries.ListAsync(filter, null, ct);
        return await excel.ExportAsync("督办单", nameof(SupervisionOrder), workbook =>
        {
            var sheet = workbook.Worksheets.Add("督办单");
            string[] headers = ["督办编号", "督办来源", "单位编码", "单位名称", "所属村（社区）", "网格/车间", "责任人类型", "责任人", "督办事项", "下发日期", "时限（工作日）", "办理期限", "状态", "亮牌", "已升级至第一责任人", "第一责任人", "退回次数"];
            ExcelCells.WriteHeader(sheet, headers);
            var r = 2;
            foreach (var o in rows)
            {
                sheet.Cell(r, 1).SetValue<string>(o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                sheet.Cell(r, 2).SetText(Terms.Of(o.Source));
                sheet.Cell(r, 3).SetValue<string>(o.SubjectCode);
                sheet.Cell(r, 4).SetText(o.SubjectName);
                sheet.Cell(r, 5).SetText(o.TerritoryName);
                sheet.Cell(r, 6).SetText(o.GridName);
                sheet.Cell(r, 7).SetText(Terms.Of(o.AssigneeKind));
                sheet.Cell(r, 8).SetText(o.AssigneeName);
                sheet.Cell(r, 9).SetText(o.Instruction);
                sheet.Cell(r, 10).SetDate(o.IssuedOn);
                sheet.Cell(r, 11).SetNumber(o.LimitDays);
                sheet.Cell(r, 12).SetDate(o.DueOn);
                sheet.Cell(r, 13).SetText(Terms.Of(o.Status));
                sheet.Cell(r, 14).SetText(o.Card == Card.None ? "" : Terms.Of(o.Card));
                sheet.Cell(r, 15).SetYesNo(o.Escalated);
                sheet.Cell(r, 16).SetText(o.Principal);
                sheet.Cell(r, 17).SetNumber(o.ReturnCount);
                r++;
            }
            sheet.Column(1).Width = 10;
            sheet.Column(2).Width = 16;
            sheet.Column(3).Width = 14;
            sheet.Column(4).Width = 28;
            sheet.Column(5).Width = 16;
            sheet.Column(6).Width = 14;
            sheet.Column(7).Width = 12;
            sheet.Column(8).Width = 12;
            sheet.Column(9).Width = 40;
            sheet.Column(10).Width = 12;
            sheet.Column(11).Width = 10;
            sheet.Column(12).Width = 12;
            sheet.Column(13).Width = 10;
            sheet.Column(14).Width = 8;
            sheet.Column(15).Width = 10;
            sheet.Column(16).Width = 12;
            sheet.Column(17).Width = 8;
            return Task.FromResult(rows.Count);
        }, ct);
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(id, ct);
        return details is null ? NotFound() : View(details);
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Issue(SupervisionSource source, int? id, int? subjectId, int? gridId, string? month, CancellationToken ct)
    {
        var form = new IssueForm { Source = source, Id = id, SubjectId = subjectId, GridId = gridId, Month = month };
        var context = await ContextAsync(form, ct);
        if (context is null)
        {
            return NotFound();
        }
        if (context.OpenOrderId is { } open)
        {
            TempData.Warning(l["该事项已有未办结的督办单。"].Value);
            return RedirectToAction(nameof(Details), new { id = open });
        }
        form.Assignee ??= context.DefaultAssignee;
        form.Instruction ??= DefaultInstruction(context);
        return View(new IssuePage(context, form, commands.Today, await commands.DueOnAsync(form.LimitDays ?? SupervisionRules.DefaultLimitDays, ct)));
    }

    [HttpPost]
    [ActionName(nameof(Issue))]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> IssuePost(IssueForm form, CancellationToken ct)
    {
        var context = await ContextAsync(form, ct);
        if (context is null)
        {
            return NotFound();
        }
        foreach (var violation in SupervisionRules.CheckIssue(form.Instruction, form.LimitDays))
        {
            ModelState.AddModelError(violation.Field, l.Text(violation));
        }
        if (!context.Assignees.Any(a => a.Value == form.Assignee))
        {
            ModelState.AddModelError(nameof(IssueForm.Assignee), l["请选择责任人"]);
        }
        if (context.OpenOrderId is not null)
        {
            ModelState.AddModelError("", l["该事项已有未办结的督办单。"]);
        }
        if (ModelState.IsValid && await commands.IssueAsync(context, form, ct) is { } id)
        {
            TempData.Success(l["督办单已下发。"].Value);
            return RedirectToAction(nameof(Details), new { id });
        }
        return View(nameof(Issue), new IssuePage(context, form, commands.Today, await commands.DueOnAsync(form.LimitDays is { } d && Deadline.IsValidLimit(d) ? d : SupervisionRules.DefaultLimitDays, ct)));
    }

    private Task<IssueContext?> ContextAsync(IssueForm form, CancellationToken ct)
    {
        DateOnly? month = null;
        if (!string.IsNullOrWhiteSpace(form.Month))
        {
            month = MonthText.Parse(form.Month, commands.Today);
            if (month is null)
            {
                return Task.FromResult<IssueContext?>(null);
            }
        }
        return commands.ContextAsync(form.Source, form.Id, form.SubjectId, form.GridId, month, ct);
    }

    private string DefaultInstruction(IssueContext c) => c.Source switch
    {
        SupervisionSource.OverdueHazard => l["请立即督促整改该逾期隐患，并报告整改结果。"].Value,
        SupervisionSource.RiskyDispute => l["请立即落实稳控措施，化解该高风险纠纷，并报告进展。"].Value,
        SupervisionSource.EscalatedDispute => l["请配合做好该上报纠纷的化解工作，并报告进展。"].Value,
        SupervisionSource.MissingInspection => l["请尽快完成并提交本月度排查。"].Value,
        _ => l["请落实包案责任，化解该信访积案，并报告进展。"].Value,
    };

    [HttpPost]
    public async Task<IActionResult> Answer(int id, AnswerForm form, CancellationToken ct)
    {
        var violations = SupervisionRules.CheckAnswer(form.Answer);
        if (violations.Count > 0)
        {
            if (!await queries.IsReadableAsync(id, ct))
            {
                return NotFound();
            }
            TempData.Warning(l.Text(violations[0]));
            return RedirectToAction(nameof(Details), new { id });
        }
        return Outcome(id, await commands.AnswerAsync(id, form, queries.IsOffice, ct), l["已回复，等待综治办验证。"].Value);
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Close(int id, Guid version, CancellationToken ct) =>
        Outcome(id, await commands.CloseAsync(id, version, ct), l["督办单已办结。"].Value);

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Return(int id, ReturnForm form, CancellationToken ct)
    {
        var violations = SupervisionRules.CheckReturn(form.Reason);
        if (violations.Count > 0)
        {
            if (!await queries.IsReadableAsync(id, ct))
            {
                return NotFound();
            }
            TempData.Warning(l.Text(violations[0]));
            return RedirectToAction(nameof(Details), new { id });
        }
        return Outcome(id, await commands.ReturnAsync(id, form, ct), l["已退回重办，时限重新计算。"].Value);
    }

    private IActionResult Outcome(int id, SaveOutcome outcome, string done)
    {
        switch (outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Saved:
                TempData.Success(done);
                break;
            case SaveOutcome.Stale:
                TempData.Warning(l["保存失败：督办单已被他人处理。请查看最新状态。"].Value);
                break;
            default:
                TempData.Warning(l["督办单当前的状态不允许这一步。"].Value);
                break;
        }
        return RedirectToAction(nameof(Details), new { id });
    }
}
