using ClosedXML.Excel;
using SanLing.Domain.Common;
using SanLing.Domain.KeyPopulations;
using SanLing.Infrastructure.Security;

namespace SanLing.Infrastructure.Excel.Templates;

/// <summary>
/// 重点人员: sheet 人员 (key 编号) and, optionally, sheet 帮教记录 (key: every column, 人员编号 + 日期 + 帮教人 + 情况;
/// docs/decisions/0010). ID numbers are
/// validated, then stored only as cipher, keyed hash and masked form; exports mask them unless told otherwise.
/// </summary>
public sealed class KeyPersonTemplate : ExcelTemplate
{
    public static readonly SheetSpec PersonSheet = new("人员",
    [
        new("编号", "必填，乡镇内唯一", nameof(KeyPersonValues.Number)),
        new("姓名", "必填", nameof(KeyPersonValues.Name)),
        new("身份证号", "必填，18 位，校验位正确；请把该列设置为文本格式"),
        new("类别", "吸毒人员 / 易肇事肇祸精神障碍患者 / 刑满释放人员 / 社区矫正对象 / 涉邪教人员 / 不良行为青少年", nameof(KeyPersonValues.Category)),
        new("单位编码", "必填：已登记单位的编码", nameof(KeyPersonValues.SubjectCode)),
        new("列管日期", "必填，日期", nameof(KeyPersonValues.ListedOn)),
        new("解除日期", "日期，列管中留空", nameof(KeyPersonValues.DelistedOn)),
        new("帮教方案", "有 / 无", nameof(KeyPersonValues.HasAssistancePlan)),
        new("帮教责任人", "文本", nameof(KeyPersonValues.HelperName)),
    ]);

    public static readonly SheetSpec FollowUpSheet = new("帮教记录",
    [
        new("人员编号", "本文件“人员”表或已登记重点人员的编号"),
        new("日期", "必填，日期", nameof(FollowUpValues.VisitedOn)),
        new("帮教人", "必填", nameof(FollowUpValues.VisitedBy)),
        new("情况", "文本", nameof(FollowUpValues.Note)),
    ]);

    public override string Key => "key-persons";
    public override string Title => "重点人员";
    public override IReadOnlyList<SheetSpec> Sheets => [PersonSheet, FollowUpSheet];

    /// <summary><see cref="Id"/> null: keep the stored ID number (the row carried its masked form).</summary>
    private sealed record PersonRow(string Number, string Name, ProtectedIdNumber? Id, KeyPersonCategory Category, int SubjectId,
        DateOnly ListedOn, DateOnly? DelistedOn, bool HasPlan, string? Helper);

    private sealed record FollowUpRow(string PersonNumber, DateOnly VisitedOn, string VisitedBy, string? Note);

    internal override async Task<Func<CancellationToken, Task>> PrepareAsync(ImportContext context, CancellationToken ct)
    {
        var personReader = context.Open(PersonSheet);
        var followUpReader = context.Open(FollowUpSheet, optional: true);
        var persons = new List<PersonRow>();
        var followUps = new List<FollowUpRow>();
        if (personReader is null)
        {
            return _ => Task.CompletedTask;
        }
        var subjects = await context.SubjectsAsync(ct);
        var registered = await context.Db.KeyPersons.AsNoTracking()
            .Select(k => new { k.Number, k.IdNumberHash, k.IdNumberMasked }).ToListAsync(ct);
        var maskedOf = registered.ToDictionary(k => k.Number, k => k.IdNumberMasked, StringComparer.Ordinal);
        var numberOfHash = registered.GroupBy(k => k.IdNumberHash).ToDictionary(g => g.Key, g => g.First().Number, StringComparer.Ordinal);
        var keys = new RowKeys<string>("编号", "编号");
        var numbersInFile = new HashSet<string>(StringComparer.Ordinal);
        var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in personReader.Rows())
        {
            var v = new KeyPersonValues
            {
                Number = r.Text("编号"),
                Name = r.Text("姓名"),
                Category = r.Enum<KeyPersonCategory>("类别", required: false),
                SubjectCode = r.Text("单位编码"),
                ListedOn = r.Date("列管日期"),
                DelistedOn = r.Date("解除日期"),
                HasAssistancePlan = r.YesNo("帮教方案", "有", "无") == true,
                HelperName = r.Text("帮教责任人"),
            };
            var idText = r.DigitsText("身份证号", KeyPersonRules.IdNumberMaxLength, required: true);
            r.Report(KeyPersonRules.Check(v, context.Today, planTextAsked: false));
            var number = r.Failed("编号") ? null : v.Number;
            var subject = r.Failed("单位编码") ? null : ImportContext.Subject(r, "单位编码", v.SubjectCode, subjects);
            if (number is not null)
            {
                numbersInFile.Add(number);
            }
            ProtectedIdNumber? id = null;
            // A masked number (from a masked export) that matches the registered person keeps the stored number.
            var keepsStoredId = idText is not null && number is not null && idText.Contains('*', StringComparison.Ordinal)
                && maskedOf.TryGetValue(number, out var masked) && masked == idText;
            if (idText is not null && !keepsStoredId)
            {
                if (ChineseIdNumber.Validate(idText) is { } reason)
                {
                    r.Error("身份证号", reason);
                }
                else
                {
                    // Protected now, before the write transaction (it may create keys through another context).
                    id = context.IdNumbers.Protect(idText);
                    if (number is not null && numberOfHash.TryGetValue(id.Hash, out var other) && other != number)
                    {
                        r.Error("身份证号", "该身份证号已登记为重点人员 {0}", other);
                    }
                }
            }
            if (r.HasErrors)
            {
                continue;
            }
            var person = new PersonRow(number!, v.Name!, id, v.Category!.Value, subject!.Id, v.ListedOn!.Value, v.DelistedOn, v.HasAssistancePlan, v.HelperName);
            // Compared without the cipher (a fresh one each time the same number is protected).
            if (keys.IsNew(r, person.Number, (person with { Id = null }, id?.Hash, idText))
                && (id is null || !ImportContext.IsDuplicate(seenIds, id.Hash, r, "身份证号", "身份证号")))
            {
                persons.Add(person);
            }
        }

        if (followUpReader is not null)
        {
            var known = registered.Select(k => k.Number).Concat(numbersInFile).ToHashSet(StringComparer.Ordinal);
            // A follow-up is keyed by all it says: two visits of one person on one day by one helper are two records
            // when their notes differ; a row repeated exactly is one record.
            var seenVisits = new HashSet<(string, DateOnly, string, string)>();
            foreach (var r in followUpReader.Rows())
            {
                var number = r.Text("人员编号", KeyPersonRules.NumberMaxLength, required: true);
                var visit = new FollowUpValues { VisitedOn = r.Date("日期"), VisitedBy = r.Text("帮教人"), Note = r.Text("情况") };
                r.Report(KeyPersonRules.Check(visit, context.Today));
                if (number is not null && !known.Contains(number))
                {
                    r.Error("人员编号", "重点人员编号“{0}”既不在“人员”表中，也未登记", number);
                }
                if (!r.HasErrors && seenVisits.Add((number!, visit.VisitedOn!.Value, visit.VisitedBy!, visit.Note ?? "")))
                {
                    followUps.Add(new FollowUpRow(number!, visit.VisitedOn!.Value, visit.VisitedBy!, visit.Note));
                }
            }
        }

        return async token =>
        {
            var numbers = persons.Select(p => p.Number).Concat(followUps.Select(f => f.PersonNumber)).Distinct().ToList();
            var existing = await context.Db.KeyPersons.Include(k => k.FollowUps)
                .Where(k => EF.Parameter(numbers).Contains(k.Number)).ToDictionaryAsync(k => k.Number, StringComparer.Ordinal, token);
            var byNumber = new Dictionary<string, KeyPerson>(existing, StringComparer.Ordinal);
            foreach (var row in persons)
            {
                if (!byNumber.TryGetValue(row.Number, out var person))
                {
                    var id = row.Id!;
                    person = new KeyPerson { Number = row.Number, Name = row.Name, IdNumberCipher = id.Cipher, IdNumberHash = id.Hash, IdNumberMasked = id.Masked };
                    context.Db.KeyPersons.Add(person);
                    byNumber[row.Number] = person;
                }
                context.Count(PersonSheet.Name, inserted: !existing.ContainsKey(row.Number));
                person.Name = row.Name;
                if (row.Id is not null && person.IdNumberHash != row.Id.Hash)
                {
                    person.IdNumberCipher = row.Id.Cipher;
                    person.IdNumberHash = row.Id.Hash;
                    person.IdNumberMasked = row.Id.Masked;
                }
                person.Category = row.Category;
                person.SubjectId = row.SubjectId;
                person.ListedOn = row.ListedOn;
                person.DelistedOn = row.DelistedOn;
                person.HasAssistancePlan = row.HasPlan;
                person.HelperName = row.Helper;
            }
            foreach (var row in followUps)
            {
                var person = byNumber[row.PersonNumber];
                // Found when every column is equal: nothing to change. Otherwise it is another visit.
                var alreadyThere = person.FollowUps.Any(f => f.VisitedOn == row.VisitedOn && f.VisitedBy.Trim() == row.VisitedBy
                    && (f.Note?.Trim() ?? "") == (row.Note ?? ""));
                context.Count(FollowUpSheet.Name, inserted: !alreadyThere);
                if (!alreadyThere)
                {
                    person.FollowUps.Add(new FollowUp { VisitedOn = row.VisitedOn, VisitedBy = row.VisitedBy, Note = row.Note });
                }
            }
            await context.Db.SaveChangesAsync(token);
            await CaseOffenderLinks.LinkAsync(context.Db, persons.Select(p => p.Number).ToList(), token);
        };
    }

    internal override async Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct) =>
        await WriteAsync(workbook, db.KeyPersons, options, ct);

    /// <summary>Writes the given key persons; ID numbers masked unless <see cref="ExportOptions.RevealIdNumbers"/>.</summary>
    public static async Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<KeyPerson> keyPersons, ExportOptions options, CancellationToken ct)
    {
        if (options.RevealIdNumbers && options.IdNumbers is null)
        {
            throw new ArgumentException("Revealing ID numbers needs the IdNumberProtector.", nameof(options));
        }
        var personSheet = AddSheet(workbook, PersonSheet);
        var followUpSheet = AddSheet(workbook, FollowUpSheet);
        var rows = await keyPersons.AsNoTracking().OrderBy(k => k.Number)
            .Select(k => new
            {
                k.Number, k.Name, k.IdNumberCipher, k.IdNumberMasked, k.Category, SubjectCode = k.Subject!.Code,
                k.ListedOn, k.DelistedOn, k.HasAssistancePlan, k.HelperName,
                FollowUps = k.FollowUps.OrderBy(f => f.VisitedOn).ThenBy(f => f.Id).Select(f => new { f.VisitedOn, f.VisitedBy, f.Note }).ToList(),
            })
            .ToListAsync(ct);
        int r = 2, fr = 2;
        foreach (var k in rows)
        {
            personSheet.Cell(r, 1).SetText(k.Number);
            personSheet.Cell(r, 2).SetText(k.Name);
            personSheet.Cell(r, 3).SetText(options.RevealIdNumbers ? options.IdNumbers!.Unprotect(k.IdNumberCipher) : k.IdNumberMasked);
            personSheet.Cell(r, 4).SetText(Terms.Of(k.Category));
            personSheet.Cell(r, 5).SetText(k.SubjectCode);
            personSheet.Cell(r, 6).SetDate(k.ListedOn);
            personSheet.Cell(r, 7).SetDate(k.DelistedOn);
            personSheet.Cell(r, 8).SetText(k.HasAssistancePlan ? "有" : "无");
            personSheet.Cell(r, 9).SetText(k.HelperName);
            r++;
            foreach (var f in k.FollowUps)
            {
                followUpSheet.Cell(fr, 1).SetText(k.Number);
                followUpSheet.Cell(fr, 2).SetDate(f.VisitedOn);
                followUpSheet.Cell(fr, 3).SetText(f.VisitedBy);
                followUpSheet.Cell(fr, 4).SetText(f.Note);
                fr++;
            }
        }
        personSheet.Column(3).Width = 24;
        return rows.Count;
    }
}
