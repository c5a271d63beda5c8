using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.KeyPopulations;
using SanLing.Infrastructure.Data;

namespace SanLing.Infrastructure.Excel.Templates;

/// <summary>出租屋: sheet 出租屋, key 编号.</summary>
public sealed class RentalHouseTemplate : ExcelTemplate
{
    public static readonly SheetSpec Sheet = new("出租屋",
    [
        new("编号", "必填，乡镇内唯一"),
        new("单位编码", "必填：已登记单位的编码"),
        new("地址", "必填"),
        new("房东", "文本"),
        new("承租人数", "整数，≥0"),
        new("是否登记备案", "是 / 否"),
        new("登记日期", "日期；“是”时必填，“否”时留空"),
    ]);

    public override string Key => "rental-houses";
    public override string Title => "出租屋";
    public override IReadOnlyList<SheetSpec> Sheets => [Sheet];

    private sealed record Row(string Number, int SubjectId, string Address, string? Landlord, int Tenants, bool Registered, DateOnly? RegisteredOn);

    internal override async Task<Func<CancellationToken, Task>> PrepareAsync(ImportContext context, CancellationToken ct)
    {
        var reader = context.Open(Sheet);
        var rows = new List<Row>();
        if (reader is null)
        {
            return _ => Task.CompletedTask;
        }
        var subjects = await context.SubjectsAsync(ct);
        var keys = new RowKeys<string>("编号", "编号");
        foreach (var r in reader.Rows())
        {
            var number = r.Text("编号", 40, required: true);
            var subject = ImportContext.Subject(r, "单位编码", r.Text("单位编码", 32, required: true), subjects);
            var address = r.Text("地址", 200, required: true);
            var landlord = r.Text("房东", 50);
            var tenants = r.Int("承租人数", 0, 10_000);
            var registered = r.YesNo("是否登记备案");
            var registeredOn = r.Date("登记日期");
            if (registered == true && registeredOn is null)
            {
                r.Error("登记日期", "已登记备案的出租屋必须填写登记日期");
            }
            if (registered == false && registeredOn is not null)
            {
                r.Error("登记日期", "未登记备案的出租屋不填登记日期");
            }
            if (registeredOn > context.Today)
            {
                r.Error("登记日期", "不能晚于今天");
            }
            if (!r.HasErrors && new Row(number!, subject!.Id, address!, landlord, tenants!.Value, registered!.Value, registeredOn) is var row
                && keys.IsNew(r, row.Number, row))
            {
                rows.Add(row);
            }
        }

        return async token =>
        {
            var numbers = rows.Select(r => r.Number).ToList();
            var existing = await context.Db.RentalHouses.Where(h => EF.Parameter(numbers).Contains(h.Number)).ToDictionaryAsync(h => h.Number, StringComparer.Ordinal, token);
            foreach (var row in rows)
            {
                if (!existing.TryGetValue(row.Number, out var house))
                {
                    house = new RentalHouse { Number = row.Number, Address = row.Address };
                    context.Db.RentalHouses.Add(house);
                }
                context.Count(Sheet.Name, inserted: !existing.ContainsKey(row.Number));
                house.SubjectId = row.SubjectId;
                house.Address = row.Address;
                house.Landlord = row.Landlord;
                house.TenantCount = row.Tenants;
                house.IsRegistered = row.Registered;
                house.RegisteredOn = row.RegisteredOn;
            }
            await context.Db.SaveChangesAsync(token);
        };
    }

    internal override async Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct) =>
        await WriteAsync(workbook, db.RentalHouses, ct);

    public static async Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<RentalHouse> houses, CancellationToken ct)
    {
        var sheet = AddSheet(workbook, Sheet);
        var rows = await houses.AsNoTracking().OrderBy(h => h.Number)
            .Select(h => new { h.Number, SubjectCode = h.Subject!.Code, h.Address, h.Landlord, h.TenantCount, h.IsRegistered, h.RegisteredOn })
            .ToListAsync(ct);
        var r = 2;
        foreach (var h in rows)
        {
            sheet.Cell(r, 1).SetText(h.Number);
            sheet.Cell(r, 2).SetText(h.SubjectCode);
            sheet.Cell(r, 3).SetText(h.Address);
            sheet.Cell(r, 4).SetText(h.Landlord);
            sheet.Cell(r, 5).SetNumber(h.TenantCount);
            sheet.Cell(r, 6).SetYesNo(h.IsRegistered);
            sheet.Cell(r, 7).SetDate(h.RegisteredOn);
            r++;
        }
        return rows.Count;
    }
}
