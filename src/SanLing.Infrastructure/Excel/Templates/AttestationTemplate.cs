using ClosedXML.Excel;
using SanLing.Domain.Common;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;

namespace SanLing.Infrastructure.Excel.Templates;

/// <summary>
/// 年度评定: sheet 评定, key 单位编码 + 年度 + 条目. Only items the year's rule set judges by attestation (A) for the
/// subject's kind may be given; 不适用 only where the item allows it or does not apply to that kind.
/// </summary>
public sealed class AttestationTemplate : ExcelTemplate
{
    public static readonly SheetSpec Sheet = new("评定",
    [
        new("单位编码", "必填：已登记单位的编码"),
        new("年度", "整数，如 2025"),
        new("条目", "评定细则中由综治办评定（A）的条目，如 1.3"),
        new("结果", "达标 / 不达标 / 不适用"),
        new("说明", "文本"),
    ]);

    public override string Key => "attestations";
    public override string Title => "年度评定";
    public override IReadOnlyList<SheetSpec> Sheets => [Sheet];

    private sealed record Row(int SubjectId, int Year, string Item, AttestationResult Result, string? Note);

    internal override async Task<Func<CancellationToken, Task>> PrepareAsync(ImportContext context, CancellationToken ct)
    {
        var ruleSets = await context.Db.RuleSets.AsNoTracking().Include(r => r.Items).ToListAsync(ct);
        var choice = await context.Db.RuleSetChoiceAsync(ct);
        return await context.ImportAsync(Sheet, new SheetImport<(int, int, string), Row, Attestation>
        {
            Keys = new RowKeys<(int, int, string)>("条目", "同一单位、年度、条目的评定"),
            KeyOf = row => (row.SubjectId, row.Year, row.Item),
            Read = (r, subjects) =>
            {
                var subject = ImportContext.Subject(r, "单位编码", r.Text("单位编码", 32, required: true), subjects);
                var year = r.Int("年度", AttestationRules.FirstYear, AttestationRules.LastYear);
                var code = r.Text("条目", AttestationRules.ItemCodeMaxLength, required: true);
                var result = r.Enum<AttestationResult>("结果");
                var note = r.Text("说明", AttestationRules.NoteMaxLength);
                if (year > context.Today.Year)
                {
                    r.Error("年度", "不能评定将来的年度");
                }
                if (subject is not null && year is { } y2 && code is not null)
                {
                    var ruleSet = choice.For(y2) is { } chosen ? ruleSets.Find(s => s.Id == chosen.Id) : null;
                    var item = ruleSet?.Items.FirstOrDefault(i => i.Code == code);
                    if (ruleSet is null)
                    {
                        r.Error("年度", "没有适用于 {0} 年的评定细则", y2);
                    }
                    else if (item is null)
                    {
                        r.Error("条目", "“{0}”不是《{1}》中的条目", code, ruleSet.Name);
                    }
                    else
                    {
                        var applies = item.AppliesToKind(subject.Kind);
                        if (!item.JudgingFor(subject.Kind).IsAttested())
                        {
                            r.Error("条目", "条目 {0} 对{1}由数据自动判定，不需评定", code, Terms.Of(subject.Kind));
                        }
                        else if (result == AttestationResult.NotApplicable && applies && !item.AllowsNotApplicable)
                        {
                            r.Error("结果", "条目 {0} 不允许评为“不适用”", code);
                        }
                        else if (result is AttestationResult.Pass or AttestationResult.Fail && !applies)
                        {
                            r.Error("结果", "条目 {0} 不适用于{1}，只能评为“不适用”", code, Terms.Of(subject.Kind));
                        }
                    }
                }
                return r.HasErrors ? null : new Row(subject!.Id, year!.Value, code!, result!.Value, note);
            },
            Existing = async (keys, token) =>
            {
                var years = keys.Select(k => k.Item2).Distinct().ToList();
                return (await context.Db.Attestations.Where(a => EF.Parameter(years).Contains(a.Year)).ToListAsync(token))
                    .ToDictionary(a => (a.SubjectId, a.Year, a.ItemCode));
            },
            Create = row => new Attestation { SubjectId = row.SubjectId, Year = row.Year, ItemCode = row.Item },
            Apply = (attestation, row) =>
            {
                attestation.Result = row.Result;
                attestation.Note = row.Note;
            },
        }, ct);
    }

    internal override Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct) =>
        WriteAsync(workbook, db.Attestations, ct);

    public static Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<Attestation> attestations, CancellationToken ct) =>
        WriteRowsAsync(workbook, Sheet, attestations.AsNoTracking().OrderBy(a => a.Year).ThenBy(a => a.Subject!.Code).ThenBy(a => a.ItemCode)
            .Select(a => new { SubjectCode = a.Subject!.Code, a.Year, a.ItemCode, a.Result, a.Note }),
            (row, a) => row.Text(a.SubjectCode).Number(a.Year).Text(a.ItemCode).Text(Terms.Of(a.Result)).Text(a.Note),
            ct);
}
