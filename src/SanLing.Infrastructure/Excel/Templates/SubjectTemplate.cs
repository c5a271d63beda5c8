using ClosedXML.Excel;
using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Infrastructure.Excel.Templates;

/// <summary>单位名录: sheet 单位, key 编码. A territory may be a 村/社区 of the same workbook.</summary>
public sealed class SubjectTemplate : ExcelTemplate
{
    public static readonly SheetSpec Sheet = new("单位",
    [
        new("编码", "必填，乡镇内唯一", nameof(SubjectValues.Code)),
        new("名称", "必填", nameof(SubjectValues.Name)),
        new("类型", "村 / 社区 / 企业 / 单位", nameof(SubjectValues.Kind)),
        new("所属村社区编码", "企业、单位必填：所在村或社区的编码；村、社区留空", SubjectRules.TerritoryField),
        new("第一责任人", "可空（空则 1.2 不达标）", nameof(SubjectValues.PrincipalName)),
        new("直接责任人", "可空（空则 1.2 不达标）", nameof(SubjectValues.LeaderInChargeName)),
        new("联系电话", "手机号或带区号的固定电话", nameof(SubjectValues.Phone)),
        new("地址", "文本", nameof(SubjectValues.Address)),
        new("设立日期", "日期，可空（空表示一直是创建主体）", nameof(SubjectValues.EstablishedOn)),
        new("撤销日期", "日期，可空（空表示仍在）", nameof(SubjectValues.DissolvedOn)),
    ]);

    public override string Key => "subjects";
    public override string Title => "单位名录";
    public override IReadOnlyList<SheetSpec> Sheets => [Sheet];

    private sealed record Row(int Number, string Code, string Name, SubjectKind Kind, string? TerritoryCode, string? Principal,
        string? Leader, string? Phone, string? Address, DateOnly? EstablishedOn, DateOnly? DissolvedOn);

    internal override async Task<Func<CancellationToken, Task>> PrepareAsync(ImportContext context, CancellationToken ct)
    {
        var reader = context.Open(Sheet);
        var rows = new List<Row>();
        if (reader is null)
        {
            return _ => Task.CompletedTask;
        }
        var keys = new RowKeys<string>("编码", "编码");
        var pending = new List<(RowReader Reader, Row Row)>();
        foreach (var r in reader.Rows())
        {
            var territory = r.Text("所属村社区编码", SubjectRules.CodeMaxLength);
            var v = new SubjectValues
            {
                Code = r.Text("编码"),
                Name = r.Text("名称"),
                Kind = r.Enum<SubjectKind>("类型", required: false),
                HasTerritory = territory is not null,
                PrincipalName = r.Text("第一责任人"),
                LeaderInChargeName = r.Text("直接责任人"),
                Phone = r.DigitsText("联系电话", int.MaxValue),
                Address = r.Text("地址"),
                EstablishedOn = r.Date("设立日期"),
                DissolvedOn = r.Date("撤销日期"),
            };
            r.Report(SubjectRules.Check(v));
            if (!r.HasErrors)
            {
                var row = new Row(r.Number, v.Code!, v.Name!, v.Kind!.Value, territory, v.PrincipalName, v.LeaderInChargeName, v.Phone, v.Address, v.EstablishedOn, v.DissolvedOn);
                if (keys.IsNew(r, row.Code, row with { Number = 0 }))
                {
                    pending.Add((r, row));
                }
            }
        }

        // Territories: a 村/社区 of the file, or one already registered (the file's kind wins for its own codes).
        var subjects = await context.SubjectsAsync(ct);
        var kinds = subjects.Values.ToDictionary(s => s.Code, s => s.Kind, StringComparer.Ordinal);
        foreach (var (_, row) in pending)
        {
            kinds[row.Code] = row.Kind;
        }
        foreach (var (r, row) in pending)
        {
            if (row.TerritoryCode is { } t)
            {
                if (!kinds.TryGetValue(t, out var territoryKind))
                {
                    r.Error("所属村社区编码", "编码“{0}”既不在本文件中，也未登记", t);
                    continue;
                }
                if (!territoryKind.IsTerritory())
                {
                    r.Error("所属村社区编码", "“{0}”不是村或社区", t);
                    continue;
                }
            }
            rows.Add(row);
        }

        // A registered 村/社区 that the file turns into an enterprise or unit must not leave subjects sitting in it.
        var fileRows = pending.ToDictionary(p => p.Row.Code, p => p.Reader, StringComparer.Ordinal);
        var registeredChildren = await context.Db.Subjects.AsNoTracking().Where(s => s.TerritoryId != null)
            .Select(s => new { s.Code, TerritoryCode = s.Territory!.Code }).ToListAsync(ct);
        foreach (var child in registeredChildren.Where(c => !fileRows.ContainsKey(c.Code)))
        {
            if (fileRows.TryGetValue(child.TerritoryCode, out var territoryRow) && !kinds[child.TerritoryCode].IsTerritory())
            {
                territoryRow.Error("类型", "仍有单位（如 {0}）属于该村社区，不能改为企业或单位", child.Code);
                fileRows.Remove(child.TerritoryCode);
                rows.RemoveAll(r => r.Code == child.TerritoryCode);
            }
        }

        return async token =>
        {
            var codes = rows.Select(r => r.Code).ToList();
            var existing = await context.Db.Subjects.Where(s => EF.Parameter(codes).Contains(s.Code)).ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, token);
            var byCode = new Dictionary<string, Subject>(existing, StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (!byCode.TryGetValue(row.Code, out var subject))
                {
                    subject = new Subject { Code = row.Code, Name = row.Name };
                    context.Db.Subjects.Add(subject);
                    byCode[row.Code] = subject;
                }
                context.Count(Sheet.Name, inserted: !existing.ContainsKey(row.Code));
                subject.Name = row.Name;
                subject.Kind = row.Kind;
                subject.PrincipalName = row.Principal;
                subject.LeaderInChargeName = row.Leader;
                subject.Phone = row.Phone;
                subject.Address = row.Address;
                subject.EstablishedOn = row.EstablishedOn;
                subject.DissolvedOn = row.DissolvedOn;
            }
            foreach (var row in rows)
            {
                var subject = byCode[row.Code];
                if (row.TerritoryCode is not { } t)
                {
                    subject.TerritoryId = null;
                    subject.Territory = null;
                }
                else if (byCode.TryGetValue(t, out var inFile))
                {
                    subject.Territory = inFile;
                }
                else
                {
                    subject.TerritoryId = subjects[t].Id;
                }
            }
            await context.Db.SaveChangesAsync(token);
        };
    }

    internal override Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct) =>
        WriteAsync(workbook, db.Subjects, ct);

    /// <summary>Writes the given subjects (already filtered by the caller) in the 单位 sheet.</summary>
    public static Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<Subject> subjects, CancellationToken ct) =>
        WriteRowsAsync(workbook, Sheet, subjects.AsNoTracking()
            .OrderBy(s => s.Kind == SubjectKind.Village || s.Kind == SubjectKind.Community ? 0 : 1).ThenBy(s => s.Code)
            .Select(s => new
            {
                s.Code, s.Name, s.Kind, TerritoryCode = s.Territory != null ? s.Territory.Code : null,
                s.PrincipalName, s.LeaderInChargeName, s.Phone, s.Address, s.EstablishedOn, s.DissolvedOn,
            }),
            (row, s) => row.Text(s.Code).Text(s.Name).Text(Terms.Of(s.Kind)).Text(s.TerritoryCode).Text(s.PrincipalName)
                .Text(s.LeaderInChargeName).Text(s.Phone).Text(s.Address).Date(s.EstablishedOn).Date(s.DissolvedOn),
            ct);
}
