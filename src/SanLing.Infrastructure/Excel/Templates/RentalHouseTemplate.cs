using ClosedXML.Excel;
using SanLing.Domain.KeyPopulations;

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

    internal override Task<Func<CancellationToken, Task>> PrepareAsync(ImportContext context, CancellationToken ct) =>
        context.ImportAsync(Sheet, new SheetImport<string, Row, RentalHouse>
        {
            Keys = new RowKeys<string>("编号", "编号"),
            KeyOf = row => row.Number,
            Read = (r, subjects) =>
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
                return r.HasErrors ? null : new Row(v.Number!, subject!.Id, v.Address!, v.Landlord, v.TenantCount!.Value, v.IsRegistered, v.RegisteredOn);
            },
            Existing = (numbers, token) => context.Db.RentalHouses.Where(h => EF.Parameter(numbers).Contains(h.Number)).ToDictionaryAsync(h => h.Number, StringComparer.Ordinal, token),
            Create = row => new RentalHouse { Number = row.Number, Address = row.Address },
            Apply = (house, row) =>
            {
                house.SubjectId = row.SubjectId;
                house.Address = row.Address;
                house.Landlord = row.Landlord;
                house.TenantCount = row.Tenants;
                house.IsRegistered = row.Registered;
                house.RegisteredOn = row.RegisteredOn;
            },
        }, ct);

    internal override Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct) =>
        WriteAsync(workbook, db.RentalHouses, ct);

    public static Task<int> WriteAsync(IXLWorkbook workbook, IQueryable<RentalHouse> houses, CancellationToken ct) =>
        WriteRowsAsync(workbook, Sheet, houses.AsNoTracking().OrderBy(h => h.Number)
            .Select(h => new { h.Number, SubjectCode = h.Subject!.Code, h.Address, h.Landlord, h.TenantCount, h.IsRegistered, h.RegisteredOn }),
            (row, h) => row.Text(h.Number).Text(h.SubjectCode).Text(h.Address).Text(h.Landlord).Number(h.TenantCount).YesNo(h.IsRegistered).Date(h.RegisteredOn),
            ct);
}
