using System.Globalization;
using ClosedXML.Excel;
using SanLing.Domain.Common;
using SanLing.Domain.Inspections;

namespace SanLing.Infrastructure.Excel.Templates;

/// <summary>
/// 月度排查: sheet 排查 (key 单位编码 + 网格编码 + 年月) and sheet 发现, whose rows belong to an inspection of the
/// 排查 sheet. Importing an inspection replaces its findings with those of the file.
/// </summary>
public sealed class InspectionTemplate : ExcelTemplate
{
    public static readonly SheetSpec InspectionSheet = new("排查",
    [
        new("单位编码", "必填：已登记单位的编码"),
        new("网格编码", "该单位的网格编码；单位没有网格时留空"),
        new("年月", "必填，yyyy-MM"),
        new("排查日期", "必填，日期（晚于次月截止日记为逾期）"),
        new("排查人", "文本"),
    ]);

    public static readonly SheetSpec FindingSheet = new("发现",
    [
        new("单位编码", "与“排查”表中的一行对应"),
        new("网格编码", "与“排查”表中的一行对应"),
        new("年月", "与“排查”表中的一行对应"),
        new("类型", "矛盾纠纷 / 安全隐患", nameof(FindingValues.Type)),
        new("类别", "矛盾纠纷：邻里 / 婚姻家庭 / 土地 / 劳资 / 物业 / 其他；安全隐患：消防 / 道路交通 / 危化品 / 生产安全 / 食品药品 / 环境 / 其他"),
        new("描述", "必填", nameof(FindingValues.Description)),
        new("风险等级", "一般 / 较大 / 重大，可空", nameof(FindingValues.RiskLevel)),
        new("整改期限", "日期；安全隐患必填，矛盾纠纷留空", nameof(FindingValues.RectifyBy)),
        new("状态", "矛盾纠纷：化解中 / 已化解 / 上报；安全隐患：整改中 / 已整改", nameof(FindingValues.Status)),
        new("办结日期", "日期；仅“已化解”“已整改”填写且必填", nameof(FindingValues.ClosedOn)),
    ]);

    public override string Key => "inspections";
    public override string Title => "月度排查";
    public override IReadOnlyList<SheetSpec> Sheets => [InspectionSheet, FindingSheet];

    private sealed record Key3(int SubjectId, int? GridId, DateOnly Month);

    private static readonly Key3 Unknown = new(0, null, DateOnly.MinValue);

    private sealed record InspectionRow(Key3 Key, DateOnly InspectedOn, string? Inspector);

    private sealed record FindingRow(Key3 Key, FindingType Type, DisputeCategory? Dispute, HazardCategory? Hazard, string Description,
        RiskLevel? Risk, DateOnly? RectifyBy, FindingStatus Status, DateOnly? ClosedOn);

    internal override async Task<Func<CancellationToken, Task>> PrepareAsync(ImportContext context, CancellationToken ct)
    {
        var inspectionReader = context.Open(InspectionSheet);
        var findingReader = context.Open(FindingSheet);
        var inspections = new List<InspectionRow>();
        var findings = new List<FindingRow>();
        if (inspectionReader is null || findingReader is null)
        {
            return _ => Task.CompletedTask;
        }
        var subjects = await context.SubjectsAsync(ct);
        var grids = await context.Db.Grids.AsNoTracking()
            .Select(g => new { g.Code, g.Id, g.SubjectId }).ToDictionaryAsync(g => g.Code, StringComparer.Ordinal, ct);
        var subjectsWithGrids = grids.Values.Select(g => g.SubjectId).ToHashSet();

        Key3? ReadKey(RowReader r)
        {
            var subject = ImportContext.Subject(r, "单位编码", r.Text("单位编码", 32, required: true), subjects);
            var gridCode = r.Text("网格编码", 32);
            var month = r.Month("年月");
            int? gridId = null;
            if (gridCode is not null)
            {
                if (!grids.TryGetValue(gridCode, out var grid))
                {
                    r.Error("网格编码", "网格编码“{0}”不存在", gridCode);
                }
                else if (subject is not null && grid.SubjectId != subject.Id)
                {
                    r.Error("网格编码", "网格“{0}”不属于单位“{1}”", gridCode, subject.Code);
                }
                else
                {
                    gridId = grid.Id;
                }
            }
            else if (subject is not null && subjectsWithGrids.Contains(subject.Id))
            {
                r.Error("网格编码", "单位“{0}”有网格，须填写网格编码（每个网格一行）", subject.Code);
            }
            return subject is null || month is null || r.HasErrors ? null : new Key3(subject.Id, gridId, month.Value);
        }

        var keys = new RowKeys<Key3>("年月", "同一单位、网格、年月的排查");
        // Every readable key of the 排查 sheet, good row or not: a bad 排查 row is reported once, not again by each of its 发现.
        var keysInFile = new HashSet<Key3>();
        var inspectedOnOf = new Dictionary<Key3, DateOnly?>();
        foreach (var r in inspectionReader.Rows())
        {
            var key = ReadKey(r);
            var inspectedOn = r.Date("排查日期", required: true);
            var inspector = r.Text("排查人", FindingRules.InspectorMaxLength);
            if (key is not null)
            {
                keysInFile.Add(key);
                inspectedOnOf.TryAdd(key, inspectedOn);
            }
            if (key is not null && inspectedOn is { } on && on < key.Month)
            {
                r.Error("排查日期", "排查日期不能早于所排查的月份");
            }
            if (inspectedOn > context.Today)
            {
                r.Error("排查日期", "不能晚于今天");
            }
            if (!r.HasErrors && new InspectionRow(key!, inspectedOn!.Value, inspector) is var row && keys.IsNew(r, row.Key, row))
            {
                inspections.Add(row);
            }
        }

        foreach (var r in findingReader.Rows())
        {
            var key = ReadKey(r);
            var type = r.Enum<FindingType>("类型", required: false);
            var categoryText = r.Text("类别", 20, required: true);
            if (key is not null && !keysInFile.Contains(key))
            {
                r.Error("年月", "在“排查”表中找不到同一单位、网格、年月的排查");
            }
            DisputeCategory? dispute = null;
            HazardCategory? hazard = null;
            if (type == FindingType.Dispute)
            {
                dispute = Terms.Parse<DisputeCategory>(categoryText);
                if (categoryText is not null && dispute is null)
                {
                    r.Error("类别", "“{0}”不是矛盾纠纷的类别（{1}）", categoryText, string.Join("、", Terms.All<DisputeCategory>().Select(t => t.Word)));
                }
            }
            else if (type == FindingType.Hazard)
            {
                hazard = Terms.Parse<HazardCategory>(categoryText);
                if (categoryText is not null && hazard is null)
                {
                    r.Error("类别", "“{0}”不是安全隐患的类别（{1}）", categoryText, string.Join("、", Terms.All<HazardCategory>().Select(t => t.Word)));
                }
            }
            var v = new FindingValues
            {
                Type = type,
                DisputeCategory = dispute,
                HazardCategory = hazard,
                Description = r.Text("描述"),
                RiskLevel = r.Enum<RiskLevel>("风险等级", required: false),
                RectifyBy = r.Date("整改期限"),
                Status = r.Enum<FindingStatus>("状态", required: false),
                ClosedOn = r.Date("办结日期"),
            };
            // The category is one column for two fields; it has been checked above.
            r.Report(FindingRules.Check(v, context.Today, key?.Month, inspectedOnOf.GetValueOrDefault(key ?? Unknown), FindingSource.Import)
                .Where(x => x.Field is not (nameof(FindingValues.DisputeCategory) or nameof(FindingValues.HazardCategory))));
            var (description, risk, rectifyBy, status, closedOn) = (v.Description, v.RiskLevel, v.RectifyBy, v.Status, v.ClosedOn);
            if (!r.HasErrors)
            {
                findings.Add(new FindingRow(key!, type!.Value, dispute, hazard, description!, risk, rectifyBy, status!.Value, closedOn));
            }
        }

        var town = await context.Db.Towns.AsNoTracking().FirstAsync(t => t.Id == context.Db.Actor.TownId, ct);
        var now = context.Clock.GetUtcNow();
        return async token =>
        {
            var months = inspections.Select(i => i.Key.Month).Distinct().ToList();
            var existing = (await context.Db.Inspections.Include(i => i.Findings).Where(i => EF.Parameter(months).Contains(i.Month)).ToListAsync(token))
                .ToDictionary(i => new Key3(i.SubjectId, i.GridId, i.Month));
            var findingsOf = findings.ToLookup(f => f.Key);
            foreach (var row in inspections)
            {
                if (!existing.TryGetValue(row.Key, out var inspection))
                {
                    inspection = new Inspection { SubjectId = row.Key.SubjectId, GridId = row.Key.GridId, Month = row.Key.Month };
                    context.Db.Inspections.Add(inspection);
                }
                context.Count(InspectionSheet.Name, inserted: !existing.ContainsKey(row.Key));
                inspection.InspectedOn = row.InspectedOn;
                inspection.Inspector = row.Inspector;
                inspection.Status = InspectionStatus.Submitted;
                inspection.SubmittedAt ??= now;
                inspection.IsLate = MonthPeriod.IsLate(row.Key.Month, row.InspectedOn, town.InspectionDueDay);
                // The file's findings replace the inspection's findings.
                context.Db.Findings.RemoveRange(inspection.Findings);
                inspection.Findings = [];
                foreach (var f in findingsOf[row.Key])
                {
                    inspection.Findings.Add(new Finding
                    {
                        Type = f.Type,
                        DisputeCategory = f.Dispute,
                        HazardCategory = f.Hazard,
                        Description = f.Description,
                        RiskLevel = f.Risk,
                        RectifyBy = f.RectifyBy,
                        Status = f.Status,
                        ClosedOn = f.ClosedOn,
                    });
                    context.Count(FindingSheet.Name, inserted: true);
                }
                inspection.NothingFound = inspection.Findings.Count == 0;
            }
            await context.Db.SaveChangesAsync(token);
        };
    }

    internal override async Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct) =>
        await WriteAsync(workbook, db.Inspections, ct);

    /// <summary>A town has tens of thousands of inspections a few years in: written row by row, two streamed queries.</summary>
    internal override bool StreamsExport => true;

    internal override async Task<int> StreamTownAsync(SanLingDbContext db, Stream output, ExportOptions options, CancellationToken ct)
    {
        using var book = new StreamingWorkbook(output);
        var inspectionSheet = book.AddSheet(InspectionSheet.Name, InspectionSheet.Headers);
        var inspections = db.Inspections.AsNoTracking().OrderBy(i => i.Month).ThenBy(i => i.Subject!.Code).ThenBy(i => i.Grid!.Code).ThenBy(i => i.Id)
            .Select(i => new { SubjectCode = i.Subject!.Code, GridCode = i.Grid != null ? i.Grid.Code : null, i.Month, i.InspectedOn, i.Inspector });
        await foreach (var i in inspections.AsAsyncEnumerable().WithCancellation(ct))
        {
            inspectionSheet.Row().Text(i.SubjectCode).Text(i.GridCode).Text(MonthText(i.Month)).Date(i.InspectedOn).Text(i.Inspector);
        }
        var count = inspectionSheet.Rows - 1;
        var findingSheet = book.AddSheet(FindingSheet.Name, FindingSheet.Headers);
        var findings = db.Findings.AsNoTracking()
            .OrderBy(f => f.Inspection!.Month).ThenBy(f => f.Inspection!.Subject!.Code).ThenBy(f => f.Inspection!.Grid!.Code).ThenBy(f => f.InspectionId).ThenBy(f => f.Id)
            .Select(f => new
            {
                SubjectCode = f.Inspection!.Subject!.Code,
                GridCode = f.Inspection.Grid != null ? f.Inspection.Grid.Code : null,
                f.Inspection.Month,
                f.Type, f.DisputeCategory, f.HazardCategory, f.Description, f.RiskLevel, f.RectifyBy, f.Status, f.ClosedOn,
            });
        await foreach (var f in findings.AsAsyncEnumerable().WithCancellation(ct))
        {
            findingSheet.Row().Text(f.SubjectCode).Text(f.GridCode).Text(MonthText(f.Month)).Text(Terms.Of(f.Type))
                .Text(f.DisputeCategory is { } d ? Terms.Of(d) : f.HazardCategory is { } h ? Terms.Of(h) : "")
                .Text(f.Description).Text(f.RiskLevel is { } risk ? Terms.Of(risk) : "").Date(f.RectifyBy).Text(Terms.Of(f.Status)).Date(f.ClosedOn);
        }
        return count;
    }

    private static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static async Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<Inspection> inspections, CancellationToken ct)
    {
        var inspectionSheet = AddSheet(workbook, InspectionSheet);
        var findingSheet = AddSheet(workbook, FindingSheet);
        var rows = await inspections.AsNoTracking().OrderBy(i => i.Month).ThenBy(i => i.Subject!.Code).ThenBy(i => i.Grid!.Code)
            .Select(i => new
            {
                SubjectCode = i.Subject!.Code,
                GridCode = i.Grid != null ? i.Grid.Code : null,
                i.Month,
                i.InspectedOn,
                i.Inspector,
                Findings = i.Findings.OrderBy(f => f.Id).Select(f => new { f.Type, f.DisputeCategory, f.HazardCategory, f.Description, f.RiskLevel, f.RectifyBy, f.Status, f.ClosedOn }).ToList(),
            })
            .ToListAsync(ct);
        int r = 2, fr = 2;
        foreach (var i in rows)
        {
            var month = i.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            inspectionSheet.Cell(r, 1).SetText(i.SubjectCode);
            inspectionSheet.Cell(r, 2).SetText(i.GridCode);
            inspectionSheet.Cell(r, 3).SetText(month);
            inspectionSheet.Cell(r, 4).SetDate(i.InspectedOn);
            inspectionSheet.Cell(r, 5).SetText(i.Inspector);
            r++;
            foreach (var f in i.Findings)
            {
                findingSheet.Cell(fr, 1).SetText(i.SubjectCode);
                findingSheet.Cell(fr, 2).SetText(i.GridCode);
                findingSheet.Cell(fr, 3).SetText(month);
                findingSheet.Cell(fr, 4).SetText(Terms.Of(f.Type));
                findingSheet.Cell(fr, 5).SetText(f.DisputeCategory is { } d ? Terms.Of(d) : f.HazardCategory is { } h ? Terms.Of(h) : "");
                findingSheet.Cell(fr, 6).SetText(f.Description);
                findingSheet.Cell(fr, 7).SetText(f.RiskLevel is { } risk ? Terms.Of(risk) : "");
                findingSheet.Cell(fr, 8).SetDate(f.RectifyBy);
                findingSheet.Cell(fr, 9).SetText(Terms.Of(f.Status));
                findingSheet.Cell(fr, 10).SetDate(f.ClosedOn);
                fr++;
            }
        }
        return rows.Count;
    }
}
