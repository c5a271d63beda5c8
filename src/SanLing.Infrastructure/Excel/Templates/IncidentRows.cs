using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Ledgers;

namespace SanLing.Infrastructure.Excel.Templates;

/// <summary>What the three incident ledgers share: 编号 (key), 单位编码, the date, 有影响, 重大.</summary>
internal sealed record IncidentRow(string Key, int SubjectId, DateOnly OccurredOn, bool Impactful, bool Major);

internal static class IncidentRows
{
    /// <summary>Reads the shared columns; null when one of them is bad (the error is on the row).</summary>
    public static IncidentRow? Read(RowReader r, ImportContext context, Dictionary<string, SubjectKey> subjects, string dateColumn)
    {
        var number = r.Text("编号", 40, required: true);
        var subjectCode = r.Text("单位编码", 32, required: true);
        var date = r.Date(dateColumn, required: true);
        var impactful = r.YesNo("有影响");
        var major = r.YesNo("重大");
        var subject = ImportContext.Subject(r, "单位编码", subjectCode, subjects);
        if (date > context.Today)
        {
            r.Error(dateColumn, "不能晚于今天");
        }
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

    public static void WriteShared(IXLWorksheet sheet, SheetSpec spec, int r, string number, string subjectCode, string dateColumn, DateOnly date, bool impactful, bool major)
    {
        sheet.Cell(r, ExcelTemplate.Col(spec, "编号")).SetText(number);
        sheet.Cell(r, ExcelTemplate.Col(spec, "单位编码")).SetText(subjectCode);
        sheet.Cell(r, ExcelTemplate.Col(spec, dateColumn)).SetDate(date);
        sheet.Cell(r, ExcelTemplate.Col(spec, "有影响")).SetYesNo(impactful);
        sheet.Cell(r, ExcelTemplate.Col(spec, "重大")).SetYesNo(major);
    }
}
