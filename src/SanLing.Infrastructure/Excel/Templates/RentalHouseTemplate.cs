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
        new("编号", "必填，乡镇内唯一", nameof(RentalHouseValues.Number)),
        new("单位编码", "必填：已登记单位的编码", nameof(RentalHouseValues.SubjectCode)),
        new("地址", "必填", nameof(RentalHouseValues.Address)),
        new("房东", "文本", nameof(RentalHouseValues.Landlord)),
        new("承租人数", $"整数，0–{RentalHouseRules.MaxTenants}", nameof(RentalHouseValues.TenantCount)),
        new("是否登记备案", "是 / 否", nameof(RentalHouseValues.IsRegistered)),
        new("登记日期", "日期；“是”时必填，“否”时留空", nameof(RentalHouseValues.RegisteredOn)),
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
            var registered = r.YesNo("是否登记备案");
            var v = new RentalHouseValues
            {
                Number = r.Text("编号"),
                SubjectCode = r.Text("单位编码"),
                Address = r.Text("地址"),
                Landlord = r.Text("房东"),
                TenantCount = r.Int("承租人数"),
                IsRegistered = registered == true,
                RegisteredOn = r.Date("登记日期"),
            };
            // An unreadable 是否登记备案 says nothing about the date.
            r.Report(RentalHouseRules.Check(registered is null ? v with { RegisteredOn = null } : v, context.Today));
            var subject = r.Failed("单位编码") ? null : ImportContext.Subject(r, "单位编码", v.SubjectCode, subjects);
            if (!r.HasErrors && new Row(v.Number!, subject!.Id, v.Address!, v.Landlord, v.TenantCount!.Value, v.IsRegistered, v.RegisteredOn) is var row
                && keys.IsNew(r, row.Number, row))
            {
                rows.Add(row);
            }
        }

        return async token =>
        {
            var numbers = rows.Select(r => r.Number).ToList();
            var existing = await context.Db.RentalHouses.Where(h => EF.Parameter(numbers).Contains(h.Number)).ToDictionaryAsync(h => h.Number, StringComparer.Ordinal, token);
            await context.SaveRowsAsync(Sheet, rows, row => row.Number, existing,
                row => new RentalHouse { Number = row.Number, Address = row.Address },
                (house, row) =>
                {
                    house.SubjectId = row.SubjectId;
                    house.Address = row.Address;
                    house.Landlord = row.Landlord;
                    house.TenantCount = row.Tenants;
                    house.IsRegistered = row.Registered;
                    house.RegisteredOn = row.RegisteredOn;
                }, token);
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
