using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Data;

namespace SanLing.Infrastructure.Excel.Templates;

/// <summary>信访: sheet 信访, key 编号.</summary>
public sealed class PetitionTemplate : ExcelTemplate
{
    public static readonly SheetSpec Sheet = new("信访",
    [
        new("编号", "必填，乡镇内唯一"),
        new("单位编码", "必填：已登记单位的编码"),
        new("登记日期", "必填，日期"),
        new("类型", "个体访 / 集体访 / 重复访 / 越级访"),
        new("人数", "整数，≥1（集体访 ≥5）"),
        new("事由", "文本"),
        new("包案领导", "文本"),
        new("状态", "受理 / 办理中 / 已化解 / 上报"),
        new("化解日期", "日期；仅“已化解”填写且必填"),
        new("有影响", "是 / 否"),
        new("重大", "是 / 否"),
    ]);

    public override string Key => "petitions";
    public override string Title => "信访";
    public override IReadOnlyList<SheetSpec> Sheets => [Sheet];

    private sealed record Row(IncidentRow Shared, PetitionKind Kind, int Count, string? Matter, string? Leader, PetitionStatus Status, DateOnly? ResolvedOn);

    internal override async Task<Func<CancellationToken, Task>> PrepareAsync(ImportContext context, CancellationToken ct)
    {
        var reader = context.Open(Sheet);
        var rows = new List<Row>();
        if (reader is null)
        {
            return _ => Task.CompletedTask;
        }
        var subjects = await context.SubjectsAsync(ct);
        var keys = IncidentRows.Keys();
        foreach (var r in reader.Rows())
        {
            var shared = IncidentRows.Read(r, context, subjects, "登记日期");
            var kind = r.Enum<PetitionKind>("类型");
            var count = r.Int("人数", 1, 100_000);
            var matter = r.Text("事由", 1000);
            var leader = r.Text("包案领导", 50);
            var status = r.Enum<PetitionStatus>("状态");
            var resolvedOn = r.Date("化解日期");
            if (kind == PetitionKind.Collective && count < 5)
            {
                r.Error("人数", "集体访的人数应不少于 5 人");
            }
            if (status == PetitionStatus.Resolved && resolvedOn is null)
            {
                r.Error("化解日期", "状态为“已化解”时必须填写化解日期");
            }
            if (status is not null and not PetitionStatus.Resolved && resolvedOn is not null)
            {
                r.Error("化解日期", "只有状态为“已化解”时才填写化解日期");
            }
            if (resolvedOn is { } resolved && shared is not null && resolved < shared.OccurredOn)
            {
                r.Error("化解日期", "化解日期不能早于登记日期");
            }
            if (resolvedOn > context.Today)
            {
                r.Error("化解日期", "不能晚于今天");
            }
            if (!r.HasErrors && new Row(shared!, kind!.Value, count!.Value, matter, leader, status!.Value, resolvedOn) is var row && keys.IsNew(r, row.Shared.Key, row))
            {
                rows.Add(row);
            }
        }

        return async token =>
        {
            var existing = await IncidentRows.ExistingAsync(context.Db.Petitions, rows.Select(r => r.Shared.Key), token);
            foreach (var row in rows)
            {
                if (!existing.TryGetValue(row.Shared.Key, out var petition))
                {
                    petition = new Petition { Number = row.Shared.Key };
                    context.Db.Petitions.Add(petition);
                }
                context.Count(Sheet.Name, inserted: !existing.ContainsKey(row.Shared.Key));
                IncidentRows.Apply(petition, row.Shared);
                petition.Kind = row.Kind;
                petition.PetitionerCount = row.Count;
                petition.Matter = row.Matter;
                petition.LeaderInCharge = row.Leader;
                petition.Status = row.Status;
                petition.ResolvedOn = row.ResolvedOn;
            }
            await context.Db.SaveChangesAsync(token);
        };
    }

    internal override async Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct) =>
        await WriteAsync(workbook, db.Petitions, ct);

    public static async Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<Petition> petitions, CancellationToken ct)
    {
        var sheet = AddSheet(workbook, Sheet);
        var rows = await petitions.AsNoTracking().OrderBy(p => p.OccurredOn).ThenBy(p => p.Number)
            .Select(p => new { p.Number, SubjectCode = p.Subject!.Code, p.OccurredOn, p.Kind, p.PetitionerCount, p.Matter, p.LeaderInCharge, p.Status, p.ResolvedOn, p.IsImpactful, p.IsMajor })
            .ToListAsync(ct);
        var r = 2;
        foreach (var p in rows)
        {
            IncidentRows.WriteShared(sheet, Sheet, r, p.Number, p.SubjectCode, "登记日期", p.OccurredOn, p.IsImpactful, p.IsMajor);
            sheet.Cell(r, 4).SetText(Terms.Of(p.Kind));
            sheet.Cell(r, 5).SetNumber(p.PetitionerCount);
            sheet.Cell(r, 6).SetText(p.Matter);
            sheet.Cell(r, 7).SetText(p.LeaderInCharge);
            sheet.Cell(r, 8).SetText(Terms.Of(p.Status));
            sheet.Cell(r, 9).SetDate(p.ResolvedOn);
            r++;
        }
        return rows.Count;
    }
}
