using Microsoft.AspNetCore.Mvc;
using SanLing.Infrastructure.Identity;

namespace SanLing.Web.Features.Supervision;

/// <summary>A subject's 督办 orders on its detail page (the orders the reader may see: the office all, others their own).</summary>
public sealed class SubjectOrdersViewComponent(SupervisionQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int subjectId)
    {
        if (!User.IsInRole(Roles.Office) && !User.IsInRole(Roles.GridWorker) && !User.IsInRole(Roles.Liaison))
        {
            return Content("");
        }
        var (rows, _) = await queries.ListAsync(new SupervisionFilter { SubjectId = subjectId }, 20, HttpContext.RequestAborted);
        return View("~/Features/Supervision/_SubjectOrders.cshtml", new SubjectOrders(subjectId, rows));
    }
}

public sealed record SubjectOrders(int SubjectId, IReadOnlyList<SupervisionRow> Rows);
