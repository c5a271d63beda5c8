using SanLing.Domain.Ledgers;

namespace SanLing.Infrastructure.Excel.Templates;

/// <summary>What the three incident ledgers share: 编号 (key), 单位编码, the date, 有影响, 重大.</summary>
internal sealed record IncidentRow(string Key, int SubjectId, DateOnly OccurredOn, bool Impactful, bool Major);

internal static class IncidentRows
{
    /// <summary>
    /// The shared part of a row whose fields the Domain rules have checked: the subject by its code and the two flags;
    /// null when one of them is bad (the error is on the row).
    /// </summary>
    public static IncidentRow? Shared(RowReader r, Dictionary<string, SubjectKey> subjects, string? number, string? subjectCode, DateOnly? date)
    {
        var impactful = r.YesNo("有影响");
        var major = r.YesNo("重大");
        var subject = r.Failed("单位编码") ? null : ImportContext.Subject(r, "单位编码", subjectCode, subjects);
        return number is null || subject is null || date is null || impactful is null || major is null
            ? null
            : new IncidentRow(number, subject.Id, date.Value, impactful.Value, major.Value);
    }

    /// <summary>The key of the incident ledgers: 编号.</summary>
    public static RowKeys<string> Keys() => new("编号", "编号");

    /// <summary>The town's records with the given numbers, tracked, by number (one JSON parameter: thousands of keys fit SQL Server's 2100-parameter limit).</summary>
    public static Task<Dictionary<string, T>> ExistingAsync<T>(IQueryable<T> set, IEnumerable<string> numbers, CancellationToken ct) where T : Incident
    {
        var list = numbers.ToList();
        return set.Where(i => EF.Parameter(list).Contains(i.Number)).ToDictionaryAsync(i => i.Number, StringComparer.Ordinal, ct);
    }

    public static void Apply(Incident incident, IncidentRow row)
    {
        incident.SubjectId = row.SubjectId;
        incident.OccurredOn = row.OccurredOn;
        incident.IsImpactful = row.Impactful;
        incident.IsMajor = row.Major;
    }
}
