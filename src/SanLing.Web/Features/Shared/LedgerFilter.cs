using SanLing.Domain.Ledgers;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Shared;

/// <summary>The filters office staff use on every incident ledger, bound from the query string (URLs keep them).</summary>
public class LedgerFilter : IPagedFilter
{
    /// <summary>Number or free text.</summary>
    public string? Q { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    /// <summary>A subject's code or name (part of it).</summary>
    public string? Subject { get; set; }
    public int? TerritoryId { get; set; }
    public bool? Impactful { get; set; }
    public bool? Major { get; set; }
    public string? Sort { get; set; }
    public int? Page { get; set; }
}

public static class LedgerFilterExtensions
{
    /// <summary>The filters every incident ledger shares (date range, subject, territory, flags).</summary>
    public static IQueryable<T> ApplyIncidentFilter<T>(this IQueryable<T> rows, LedgerFilter filter) where T : Incident
    {
        if (filter.From is { } from)
        {
            rows = rows.Where(r => r.OccurredOn >= from);
        }
        if (filter.To is { } to)
        {
            rows = rows.Where(r => r.OccurredOn <= to);
        }
        if (!string.IsNullOrWhiteSpace(filter.Subject))
        {
            var subject = filter.Subject.Trim();
            rows = rows.Where(r => r.Subject!.Code == subject || r.Subject.Name.Contains(subject));
        }
        if (filter.TerritoryId is { } territory)
        {
            rows = rows.Where(r => r.SubjectId == territory || r.Subject!.TerritoryId == territory);
        }
        if (filter.Impactful is { } impactful)
        {
            rows = rows.Where(r => r.IsImpactful == impactful);
        }
        if (filter.Major is { } major)
        {
            rows = rows.Where(r => r.IsMajor == major);
        }
        return rows;
    }

    /// <summary>Newest first unless the user sorts by number or subject.</summary>
    public static IOrderedQueryable<T> SortIncidents<T>(this IQueryable<T> rows, string? sort) where T : Incident => sort switch
    {
        "number" => rows.OrderBy(r => r.Number),
        "subject" => rows.OrderBy(r => r.Subject!.Code).ThenByDescending(r => r.OccurredOn),
        "date" => rows.OrderBy(r => r.OccurredOn).ThenBy(r => r.Number),
        _ => rows.OrderByDescending(r => r.OccurredOn).ThenByDescending(r => r.Number),
    };
}

/// <summary>Looks a subject up by code within the user's scope (forms take codes: a town has 1000+ subjects).</summary>
public sealed record SubjectRef(int Id, string Code, string Name, SubjectKind Kind);
