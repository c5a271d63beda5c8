using System.Linq.Expressions;
using System.Security.Claims;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Security;

/// <summary>
/// Which subjects the signed-in user may see. Office staff, admins and leadership: the whole town.
/// A grid worker: their village/community and the enterprises/units in it. A liaison: their own subject.
/// Fails closed: a grid worker or liaison without a scope claim sees nothing.
/// </summary>
public sealed class AccessScope
{
    private AccessScope(bool wholeTown, int? territoryId, int? subjectId)
    {
        WholeTown = wholeTown;
        TerritoryId = territoryId;
        SubjectId = subjectId;
    }

    public bool WholeTown { get; }

    /// <summary>A grid worker's village/community.</summary>
    public int? TerritoryId { get; }

    /// <summary>A liaison's own enterprise/unit.</summary>
    public int? SubjectId { get; }

    public static AccessScope Nothing { get; } = new(false, null, null);

    public static AccessScope For(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Nothing;
        }
        if (user.IsInRole(Roles.Office) || user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Leadership))
        {
            return new AccessScope(true, null, null);
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
        return user.IsInRole(Roles.Liaison) ? new AccessScope(false, null, scope) : Nothing;
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
