using System.Diagnostics;

namespace SanLing.Web.Features.Error;

/// <summary>Friendly Chinese error pages with a trace id; never a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[CountyMayPost] // The error page re-executes with the failed request's method: a county user's refused post still reads its answer.
public sealed class ErrorController : Controller
{
    /// <summary>
    /// The status comes from the route only: a failed POST is re-executed here with its form, whose fields (a
    /// "Status" of a petition …) must not decide the answer.
    /// </summary>
    [Route("/Error/{status:int?}")]
    public IActionResult Index([FromRoute] int? status)
    {
        var code = status is >= 400 and <= 599 ? status.Value : StatusCodes.Status500InternalServerError;
        Response.StatusCode = code;
        return View("Error", new ErrorModel(code, Activity.Current?.Id ?? HttpContext.TraceIdentifier));
    }
}

public sealed record ErrorModel(int StatusCode, string TraceId)
{
    public string Title => StatusCode switch
    {
        400 => "请求无效",
        403 => "无权访问",
        404 => "页面不存在",
        413 => "上传的文件过大",
        429 => "操作过于频繁",
        503 => "服务暂时不可用",
        _ => "系统出错了",
    };

    public string Explanation => StatusCode switch
    {
        400 => "请求的内容无效，请返回后重试。",
        403 => "您的账号没有访问此页面或此记录的权限。",
        404 => "您访问的页面或记录不存在，可能已被删除。",
        413 => "上传的文件超过了大小上限（10 MB），请拆分后再上传。",
        429 => "请求过于频繁，请稍后再试。",
        503 => "数据库暂时无法连接，请稍后再试。",
        _ => "处理请求时发生错误，已记录日志。如问题持续，请把下面的追踪编号告诉系统管理员。",
    };
}
