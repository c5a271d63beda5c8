using Microsoft.AspNetCore.Http.Extensions;

namespace SanLing.Web.Features.Shared;

/// <summary>Paging state of a list, with links that keep the list's filters.</summary>
public sealed record PageInfo(int Page, int PageSize, int TotalCount, string Path, QueryString Query)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public string UrlFor(int page)
    {
        var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query.Value);
        var builder = new QueryBuilder(parameters.Where(p => !string.Equals(p.Key, "page", StringComparison.OrdinalIgnoreCase)));
        builder.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Path + builder.ToQueryString();
    }

    public static int Clamp(int? page) => page is null or < 1 ? 1 : Math.Min(page.Value, 100_000);
}
