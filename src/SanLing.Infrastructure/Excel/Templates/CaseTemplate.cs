using ClosedXML.Excel;
using SanLing.Domain.Common;
using SanLing.Domain.Ledgers;

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
        var persons = await context.Db.KeyPersons.AsNoTracking()
            .Select(k => new { k.Number, k.Id }).ToDictionaryAsync(k => k.Number, k => k.Id, StringComparer.Ordinal, ct);
        return await context.ImportAsync(Sheet, new SheetImport<string, Row, SecurityCase>
        {
            Keys = IncidentRows.Keys(),
            KeyOf = row => row.Shared.Key,
            Read = (r, subjects) =>
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
                return r.HasErrors ? null : new Row(shared!, v.Kind!.Value, v.Facts, v.OffenderNumber, personId);
            },
            Existing = (numbers, token) => IncidentRows.ExistingAsync(context.Db.Cases, numbers, token),
            Create = row => new SecurityCase { Number = row.Shared.Key },
            Apply = (item, row) =>
            {
                IncidentRows.Apply(item, row.Shared);
                item.Kind = row.Kind;
                item.Facts = row.Facts;
                item.OffenderNumber = row.OffenderNumber;
                item.OffenderKeyPersonId = row.KeyPersonId;
            },
        }, ct);
    }

    internal override Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct) =>
        WriteAsync(workbook, db.Cases, ct);

    public static Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<SecurityCase> cases, CancellationToken ct) =>
        WriteRowsAsync(workbook, Sheet, cases.AsNoTracking().OrderBy(c => c.OccurredOn).ThenBy(c => c.Number)
            .Select(c => new { c.Number, SubjectCode = c.Subject!.Code, c.OccurredOn, c.Kind, c.Facts, PersonNumber = c.OffenderKeyPerson != null ? c.OffenderKeyPerson.Number : c.OffenderNumber, c.IsImpactful, c.IsMajor }),
            (row, c) => row.Text(c.Number).Text(c.SubjectCode).Date(c.OccurredOn).Text(Terms.Of(c.Kind)).Text(c.Facts).Text(c.PersonNumber)
                .YesNo(c.IsImpactful).YesNo(c.IsMajor),
            ct);
}
