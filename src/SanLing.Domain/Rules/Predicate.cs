using System.Linq.Expressions;

namespace SanLing.Domain.Rules;

/// <summary>
/// Helpers that let a rule be written once as an expression over plain values and be used both in SQL (spliced
/// into an entity's predicate) and in memory (compiled once).
/// </summary>
public static class Predicate
{
    /// <summary>The body of <paramref name="rule"/> with its parameters replaced by <paramref name="arguments"/>.</summary>
    public static Expression Inline(LambdaExpression rule, params Expression[] arguments)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var map = rule.Parameters.Select((p, i) => (p, arguments[i])).ToDictionary(x => x.p, x => x.Item2);
        return new Replacer(map).Visit(rule.Body);
    }

    /// <summary>A value as EF sees a captured variable (a query parameter, not a constant baked into the SQL).</summary>
    public static Expression Captured<T>(T value) => ((Expression<Func<T>>)(() => value)).Body;

    private sealed class Replacer(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var e) ? e : node;
    }
}
