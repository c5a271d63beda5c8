using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Data;

namespace SanLing.Infrastructure.Excel.Templates;

/// <summary>
/// 案件: sheet 案件, key 编号. The offender's key-person 编号 is kept as given and linked when that person is registered,
/// now or by a later key-person import, so the ledgers import in any order.
/// </summary>
public sealed class CaseTemplate : ExcelTemplate
{
    public static readonly SheetSpec Sheet = new("案件",
    [
        new("编号", "必填，乡镇内唯一", nameof(CaseValues.Number)),
        new("单位编码", "必填：已登记单位的编码", nameof(CaseValues.SubjectCode)),
        new("发案日期", "必填，日期", nameof(CaseValues.OccurredOn)),
        new("性质", "刑事 / 治安", nameof(CaseValues.Kind)),
        new("简要案情", "文本", nameof(CaseValues.Facts)),
        new("涉事重点人员编号", "可空；或重点人员的编号（可先于重点人员台账导入）", nameof(CaseValues.OffenderNumber)),
        new("有影响", "是 / 否"),
        new("重大", "是 / 否"),
    ]);

    public override string Key => "cases";
    public override string Title => "案件";
    public override IReadOnlyList<SheetSpec> Sheets => [Sheet];

    private sealed record Row(IncidentRow Shared, CaseKind Kind, string? Facts, string? OffenderNumber, int? KeyPersonId);

    internal override async Task<Func<CancellationToken, Task>> PrepareAsync(ImportContext context, CancellationToken ct)
    {
        var reader = context.Open(Sheet);
        var rows = new List<Row>();
        if (reader is null)
        {
            return _ => Task.CompletedTask;
        }
        var subjects = await context.SubjectsAsync(ct);
        var persons = await context.Db.KeyPersons.AsNoTracking()
            .Select(k => new { k.Number, k.Id }).ToDictionaryAsync(k => k.Number, k => k.Id, StringComparer.Ordinal, ct);
        var keys = IncidentRows.Keys();
        foreach (var r in reader.Rows())
        {
            var v = new CaseValues
            {
                Number = r.Text("编号"),
                SubjectCode = r.Text("单位编码"),
                OccurredOn = r.Date("发案日期"),
                Kind = r.Enum<CaseKind>("性质", required: false),
                Facts = r.Text("简要案情"),
                OffenderNumber = r.Text("涉事重点人员编号"),
            };
            r.Report(CaseRules.Check(v, context.Today));
            var shared = IncidentRows.Shared(r, subjects, v.Number, v.SubjectCode, v.OccurredOn);
            int? personId = v.OffenderNumber is { } personNumber && persons.TryGetValue(personNumber, out var id) ? id : null;
            if (!r.HasErrors && new Row(shared!, v.Kind!.Value, v.Facts, v.OffenderNumber, personId) is var row && keys.IsNew(r, row.Shared.Key, row))
            {
                rows.Add(row);
            }
        }

        return async token =>
        {
            var existing = await IncidentRows.ExistingAsync(context.Db.Cases, rows.Select(r => r.Shared.Key), token);
            await context.SaveRowsAsync(Sheet, rows, row => row.Shared.Key, existing,
                row => new SecurityCase { Number = row.Shared.Key },
                (item, row) =>
                {
                    IncidentRows.Apply(item, row.Shared);
                    item.Kind = row.Kind;
                    item.Facts = row.Facts;
                    item.OffenderNumber = row.OffenderNumber;
                    item.OffenderKeyPersonId = row.KeyPersonId;
                }, token);
        };
    }

    internal override async Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct) =>
        await WriteAsync(workbook, db.Cases, ct);

    public static async Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<SecurityCase> cases, CancellationToken ct)
    {
        var sheet = AddSheet(workbook, Sheet);
        var rows = await cases.AsNoTracking().OrderBy(c => c.OccurredOn).ThenBy(c => c.Number)
            .Select(c => new { c.Number, SubjectCode = c.Subject!.Code, c.OccurredOn, c.Kind, c.Facts, PersonNumber = c.OffenderKeyPerson != null ? c.OffenderKeyPerson.Number : c.OffenderNumber, c.IsImpactful, c.IsMajor })
            .ToListAsync(ct);
        var r = 2;
        foreach (var c in rows)
        {
            IncidentRows.WriteShared(sheet, Sheet, r, c.Number, c.SubjectCode, "发案日期", c.OccurredOn, c.IsImpactful, c.IsMajor);
            sheet.Cell(r, 4).SetText(Terms.Of(c.Kind));
            sheet.Cell(r, 5).SetText(c.Facts);
            sheet.Cell(r, 6).SetText(c.PersonNumber);
            r++;
        }
        return rows.Count;
    }
}
