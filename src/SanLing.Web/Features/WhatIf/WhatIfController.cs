namespace SanLing.Web.Features.WhatIf;

/// <summary>
/// 假设分析 on a subject's current-year card: the office and the administrator for any subject, a liaison for their own
/// (another subject is 404). Leadership has none: the toggles name single records (hazards, disputes, months), which is
/// case work, not the aggregate view leadership reads. A GET: it writes nothing.
/// </summary>
[Authorize(Roles = Roles.Office + "," + Roles.Admin + "," + Roles.Liaison)]
public sealed class WhatIfController(WhatIfQueries queries) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(int subjectId, [FromQuery(Name = "open")] string[]? open, CancellationToken ct)
    {
        var page = await queries.LoadAsync(subjectId, Domain.Evaluation.WhatIf.Keys(open), ct);
        return page is null ? NotFound() : View(page);
    }
}
