using ClosedXML.Excel;
using SanLing.Domain.Subjects;

namespace SanLing.Infrastructure.Excel.Templates;

/// <summary>
/// 网格: sheet 网格, key 网格编码. templates.md names a 村/社区 as the owner; the model also keeps the workshops/teams
/// (车间、班组) of enterprises and units as grids, so those are accepted too (otherwise their export could not be
/// imported back, nor their monthly inspections).
/// </summary>
public sealed class GridTemplate : ExcelTemplate
{
    public static readonly SheetSpec Sheet = new("网格",
    [
        new("网格编码", "必填，乡镇内唯一；字母、数字、- 和 _", nameof(GridValues.Code)),
        new("网格名称", "必填", nameof(GridValues.Name)),
        new("所属单位编码", "必填：村或社区的编码（企业、单位的车间/班组填该企业、单位的编码）", nameof(GridValues.SubjectCode)),
        new("网格员", "网格员姓名，可空（空则 7.1 不达标）", nameof(GridValues.WorkerName)),
    ]);

    public override string Key => "grids";
    public override string Title => "网格";
    public override IReadOnlyList<SheetSpec> Sheets => [Sheet];

    private sealed record Row(string Code, string Name, int SubjectId, string? Worker);

    internal override Task<Func<CancellationToken, Task>> PrepareAsync(ImportContext context, CancellationToken ct) =>
        context.ImportAsync(Sheet, new SheetImport<string, Row, Grid>
        {
            Keys = new RowKeys<string>("网格编码", "网格编码"),
            KeyOf = row => row.Code,
            Read = (r, subjects) =>
            {
                var v = new GridValues
                {
                    Code = r.Text("网格编码"),
                    Name = r.Text("网格名称"),
                    SubjectCode = r.Text("所属单位编码"),
                    WorkerName = r.Text("网格员"),
                };
                r.Report(GridRules.Check(v));
                var subject = r.Failed("所属单位编码") ? null : ImportContext.Subject(r, "所属单位编码", v.SubjectCode, subjects);
                return r.HasErrors ? null : new Row(v.Code!, v.Name!, subject!.Id, v.WorkerName);
            },
            Existing = (codes, token) => context.Db.Grids.Where(g => EF.Parameter(codes).Contains(g.Code)).ToDictionaryAsync(g => g.Code, StringComparer.Ordinal, token),
            Create = row => new Grid { Code = row.Code, Name = row.Name },
            Apply = (grid, row) =>
            {
                grid.Name = row.Name;
                grid.SubjectId = row.SubjectId;
                grid.WorkerName = row.Worker;
            },
        }, ct);

    internal override Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct) =>
        WriteAsync(workbook, db.Grids, ct);

    public static Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<Grid> grids, CancellationToken ct) =>
        WriteRowsAsync(workbook, Sheet, grids.AsNoTracking().OrderBy(g => g.Code).Select(g => new { g.Code, g.Name, SubjectCode = g.Subject!.Code, g.WorkerName }),
            (row, g) => row.Text(g.Code).Text(g.Name).Text(g.SubjectCode).Text(g.WorkerName),
            ct);
}
