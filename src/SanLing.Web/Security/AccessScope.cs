using System.Linq.Expressions;
using System.Security.Claims;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Security;

/// <summary>
/// Which subjects the signed-in user may see. Office staff, admins and leadership: the whole town.
/// A grid worker: their village/community and the enterprises/units in it. A liaison: their own subject.
/// Fails closed: a grid worker or liaison without a scope claim sees nothing.
/// Also how much personal data the user may read (minimum necessary, PIPL): leadership reads aggregates, subject
/// names and verdicts; leadership and liaisons read reasons as counts, without the record numbers behind them.
/// </summary>
public sealed class AccessScope
{
    private AccessScope(bool wholeTown, int? territoryId, int? subjectId, bool seesPersonalData = true, bool seesRecordNumbers = true)
    {
        WholeTown = wholeTown;
        TerritoryId = territoryId;
        SubjectId = subjectId;
        SeesPersonalData = seesPersonalData;
        SeesRecordNumbers = seesRecordNumbers;
    }

    public bool WholeTown { get; }

    /// <summary>
    /// Contact persons, phones, responsible persons' and grid workers' names: false for leadership (and for nobody
    /// signed in).
    /// </summary>
    public bool SeesPersonalData { get; }

    /// <summary>
    /// The record numbers an evaluation or warning reason lists (petitions, cases, key persons …): false for leadership
    /// and liaisons, who read the counts only.
    /// </summary>
    public bool SeesRecordNumbers { get; }

    /// <summary>A grid worker's village/community.</summary>
    public int? TerritoryId { get; }

    /// <summary>A liaison's own enterprise/unit.</summary>
    public int? SubjectId { get; }

    /// <summary>What this scope lets its holder see, as part of a cached page's key (<see cref="Features.Shared.PageCache"/>).</summary>
    public string CacheKey => FormattableString.Invariant($"{WholeTown}/{TerritoryId}/{SubjectId}/{SeesPersonalData}/{SeesRecordNumbers}");

    public static AccessScope Nothing { get; } = new(false, null, null, false, false);

    public static AccessScope For(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Nothing;
        }
        if (user.IsInRole(Roles.Office) || user.IsInRole(Roles.Admin))
        {
            return new AccessScope(true, null, null);
        }
        if (user.IsInRole(Roles.Leadership))
        {
            return new AccessScope(true, null, null, seesPersonalData: false, seesRecordNumbers: false);
        }
        var scope = int.TryParse(user.FindFirstValue(SanLingClaims.ScopeSubjectId), out var id) ? id : (int?)null;
        if (scope is null)
        {
            return Nothing;
        }
        if (user.IsInRole(Roles.GridWorker))
        {
            return new AccessScope(false, scope, null);
        }
        return user.IsInRole(Roles.Liaison) ? new AccessScope(false, null, scope, seesRecordNumbers: false) : Nothing;
    }

    public static AccessScope FromHttpContext(IServiceProvider services) =>
        For(services.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new ClaimsPrincipal());

    /// <summary>The subjects in scope.</summary>
    public IQueryable<Subject> Apply(IQueryable<Subject> subjects)
    {
        if (WholeTown)
        {
            return subjects;
        }
        if (TerritoryId is { } territory)
        {
            return subjects.Where(s => s.Id == territory || s.TerritoryId == territory);
        }
        if (SubjectId is { } own)
        {
            return subjects.Where(s => s.Id == own);
        }
        return subjects.Where(_ => false);
    }

    /// <summary>Records that belong to a subject, restricted to the subjects in scope.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> records, Expression<Func<T, Subject?>> subjectOf)
    {
        if (WholeTown)
        {
            return records;
        }
        var parameter = subjectOf.Parameters[0];
        var subject = subjectOf.Body;
        Expression condition;
        if (TerritoryId is { } territory)
        {
            condition = Expression.OrElse(
                Expression.Equal(Expression.Property(subject, nameof(Subject.Id)), Expression.Constant(territory)),
                Expression.Equal(Expression.Property(subject, nameof(Subject.TerritoryId)), Expression.Constant((int?)territory, typeof(int?))));
        }
        else if (SubjectId is { } own)
        {
            condition = Expression.Equal(Expression.Property(subject, nameof(Subject.Id)), Expression.Constant(own));
        }
        else
        {
            condition = Expression.Constant(false);
        }
        return records.Where(Expression.Lambda<Func<T, bool>>(condition, parameter));
    }
}
