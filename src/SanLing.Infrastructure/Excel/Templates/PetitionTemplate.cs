using ClosedXML.Excel;
using SanLing.Domain.Common;
using SanLing.Domain.Ledgers;

namespace SanLing.Infrastructure.Excel.Templates;

/// <summary>信访: sheet 信访, key 编号.</summary>
public sealed class PetitionTemplate : ExcelTemplate
{
    public static readonly SheetSpec Sheet = new("信访",
    [
        new("编号", "必填，乡镇内唯一", nameof(PetitionValues.Number)),
        new("单位编码", "必填：已登记单位的编码", nameof(PetitionValues.SubjectCode)),
        new("登记日期", "必填，日期", nameof(PetitionValues.FiledOn)),
        new("类型", "个体访 / 集体访 / 重复访 / 越级访", nameof(PetitionValues.Kind)),
        new("人数", $"整数，{PetitionRules.MinPetitioners}–{PetitionRules.MaxPetitioners}（集体访 ≥{PetitionRules.CollectiveMinimum}）", nameof(PetitionValues.PetitionerCount)),
        new("事由", $"文本，至多 {PetitionRules.MatterMaxLength} 字", nameof(PetitionValues.Matter)),
        new("包案领导", "文本", nameof(PetitionValues.LeaderInCharge)),
        new("状态", "受理 / 办理中 / 已化解 / 上报", nameof(PetitionValues.Status)),
        new("化解日期", "日期；仅“已化解”填写且必填", nameof(PetitionValues.ResolvedOn)),
        new("有影响", "是 / 否"),
        new("重大", "是 / 否"),
    ]);

    public override string Key => "petitions";
    public override string Title => "信访";
    public override IReadOnlyList<SheetSpec> Sheets => [Sheet];

    private sealed record Row(IncidentRow Shared, PetitionKind Kind, int Count, string? Matter, string? Leader, PetitionStatus Status, DateOnly? ResolvedOn);

    internal override Task<Func<CancellationToken, Task>> PrepareAsync(ImportContext context, CancellationToken ct) =>
        context.ImportAsync(Sheet, new SheetImport<string, Row, Petition>
        {
            Keys = IncidentRows.Keys(),
            KeyOf = row => row.Shared.Key,
            Read = (r, subjects) =>
            {
                var v = new PetitionValues
                {
                    Number = r.Text("编号"),
                    SubjectCode = r.Text("单位编码"),
                    FiledOn = r.Date("登记日期"),
                    Kind = r.Enum<PetitionKind>("类型", required: false),
                    PetitionerCount = r.Int("人数"),
                    Matter = r.Text("事由"),
                    LeaderInCharge = r.Text("包案领导"),
                    Status = r.Enum<PetitionStatus>("状态", required: false),
                    ResolvedOn = r.Date("化解日期"),
                };
                r.Report(PetitionRules.Check(v, context.Today));
                var shared = IncidentRows.Shared(r, subjects, v.Number, v.SubjectCode, v.FiledOn);
                return r.HasErrors ? null : new Row(shared!, v.Kind!.Value, v.PetitionerCount!.Value, v.Matter, v.LeaderInCharge, v.Status!.Value, v.ResolvedOn);
            },
            Existing = (numbers, token) => IncidentRows.ExistingAsync(context.Db.Petitions, numbers, token),
            Create = row => new Petition { Number = row.Shared.Key },
            Apply = (petition, row) =>
            {
                IncidentRows.Apply(petition, row.Shared);
                petition.Kind = row.Kind;
                petition.PetitionerCount = row.Count;
                petition.Matter = row.Matter;
                petition.LeaderInCharge = row.Leader;
                petition.Status = row.Status;
                petition.ResolvedOn = row.ResolvedOn;
            },
        }, ct);

    internal override Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct) =>
        WriteAsync(workbook, db.Petitions, ct);

    public static Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<Petition> petitions, CancellationToken ct) =>
        WriteRowsAsync(workbook, Sheet, petitions.AsNoTracking().OrderBy(p => p.OccurredOn).ThenBy(p => p.Number)
            .Select(p => new { p.Number, SubjectCode = p.Subject!.Code, p.OccurredOn, p.Kind, p.PetitionerCount, p.Matter, p.LeaderInCharge, p.Status, p.ResolvedOn, p.IsImpactful, p.IsMajor }),
            (row, p) => row.Text(p.Number).Text(p.SubjectCode).Date(p.OccurredOn).Text(Terms.Of(p.Kind)).Number(p.PetitionerCount).Text(p.Matter)
                .Text(p.LeaderInCharge).Text(Terms.Of(p.Status)).Date(p.ResolvedOn).YesNo(p.IsImpactful).YesNo(p.IsMajor),
            ct);
}
