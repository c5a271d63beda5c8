using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Infrastructure.Excel;
using static SanLing.Web.Tests.Imports.Xlsx;

namespace SanLing.Web.Tests.Imports;

/// <summary>
/// Workbooks as offices really fill them: dates typed as text, Excel's default sheet name, rows said twice, two
/// follow-ups of one person on one day. What is only a repeat is taken once; only contradictions are refused.
/// </summary>
public sealed class ImportReadingTests(SmallTownFixture town) : IClassFixture<SmallTownFixture>
{
    private static readonly DateOnly March5 = new(2024, 3, 5);

    private async Task RegistryAsync()
    {
        ImportAssert.Succeeded(await town.ImportAsync("subjects", Book(Sheet("单位", TemplateImportTests.SubjectHeaders,
            ["RD-CUN", "读村", "村", null, "张三", "李四", null, null, null, null]))));
        ImportAssert.Succeeded(await town.ImportAsync("key-persons", Book(Sheet("人员", TemplateImportTests.PersonHeaders,
            ["RD-K1", "周八", TemplateImportTests.IdNumber("110105195001010"), "刑满释放人员", "RD-CUN", new DateOnly(2023, 1, 5), null, "有", "吴九"]))));
    }

    private static object?[] Petition(string number, object? filedOn, int count = 1, string status = "受理", object? resolvedOn = null) =>
        [number, "RD-CUN", filedOn, "个体访", count, "土地", null, status, resolvedOn, "否", "否"];

    [Fact]
    public async Task Two_follow_ups_of_one_person_day_and_helper_with_different_notes_are_two_records_and_a_repeated_row_is_one()
    {
        await RegistryAsync();
        XLWorkbook File() => Book(
            Sheet("人员", TemplateImportTests.PersonHeaders),
            Sheet("帮教记录", ["人员编号", "日期", "帮教人", "情况"],
                ["RD-K1", March5, "吴九", "上午走访，情绪稳定"],
                ["RD-K1", March5, "吴九", "下午电话回访"],
                ["RD-K1", March5, "吴九", "上午走访，情绪稳定"]));
        ImportAssert.Counts(await town.ImportAsync("key-persons", File()), ("人员", 0, 0), ("帮教记录", 2, 0));

        // The same file again: each record is found (the repeated row once), nothing added, nothing changed.
        ImportAssert.Counts(await town.ImportAsync("key-persons", File()), ("人员", 0, 0), ("帮教记录", 0, 2));
        var notes = await town.Factory.WithDbAsync(db => db.FollowUps.Where(f => f.KeyPerson!.Number == "RD-K1")
            .OrderBy(f => f.Id).Select(f => f.Note).ToListAsync());
        Assert.Equal(["上午走访，情绪稳定", "下午电话回访"], notes);
    }

    [Fact]
    public async Task Dates_typed_as_text_the_way_offices_type_them_are_read()
    {
        await RegistryAsync();
        var book = Book(Sheet("信访", TemplateImportTests.PetitionHeaders,
            Petition("RD-P1", "2024年3月5日"),
            Petition("RD-P2", "2024/3/5"),
            Petition("RD-P3", "2024.3.5"),
            Petition("RD-P4", "2024-3-5"),
            Petition("RD-P5", "2024-03-05"),
            Petition("RD-P6", March5),
            Petition("RD-P7", 45356d)));
        // A serial day number shown through a Chinese date format, as WPS writes it.
        var serial = book.Worksheet("信访").Cell(8, 3);
        serial.Style.NumberFormat.Format = "yyyy\"年\"m\"月\"d\"日\"";
        ImportAssert.Counts(await town.ImportAsync("petitions", book), ("信访", 7, 0));
        var days = await town.Factory.WithDbAsync(db => db.Petitions.Where(p => p.Number.StartsWith("RD-P")).Select(p => p.OccurredOn).Distinct().ToListAsync());
        Assert.Equal([March5], days);
    }

    [Fact]
    public async Task An_unreadable_date_is_one_error_on_its_cell_and_no_follow_on_error()
    {
        await RegistryAsync();
        var result = await town.ImportAsync("petitions", Book(Sheet("信访", TemplateImportTests.PetitionHeaders,
            Petition("RD-B1", March5, status: "已化解", resolvedOn: "2024-02-30"),
            Petition("RD-B2", "上周三", status: "已化解", resolvedOn: March5))));
        Assert.Equal([("信访", 2, "化解日期"), ("信访", 3, "登记日期")], result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.Contains("2024-02-30", result.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("2024年3月5日", result.Errors[1].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sheet1")]
    [InlineData("工作表1")]
    public async Task A_single_sheet_with_the_template_headers_is_read_whatever_its_name(string sheetName)
    {
        await RegistryAsync();
        var number = "RD-S-" + sheetName;
        ImportAssert.Counts(await town.ImportAsync("petitions", Book(Sheet(sheetName, TemplateImportTests.PetitionHeaders,
            Petition(number, March5)))), ("信访", 1, 0));
        Assert.Equal(1, await town.Factory.WithDbAsync(db => db.Petitions.CountAsync(p => p.Number == number)));
    }

    [Fact]
    public async Task A_row_said_twice_is_taken_once_and_a_contradicting_row_is_refused_naming_row_and_columns()
    {
        await RegistryAsync();
        ImportAssert.Counts(await town.ImportAsync("petitions", Book(Sheet("信访", TemplateImportTests.PetitionHeaders,
            Petition("RD-D1", March5, 3),
            Petition("RD-D1", "2024-03-05", 3)))), ("信访", 1, 0));

        var result = await town.ImportAsync("petitions", Book(Sheet("信访", TemplateImportTests.PetitionHeaders,
            Petition("RD-D2", March5, 3),
            Petition("RD-D2", March5, 4))));
        var error = Assert.Single(result.Errors);
        Assert.Equal(("信访", 3, "编号"), (error.Sheet, error.Row, error.Column));
        Assert.Contains("第2行", error.Reason, StringComparison.Ordinal);
        Assert.Contains("人数", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await town.Factory.WithDbAsync(db => db.Petitions.CountAsync(p => p.Number == "RD-D2")));
    }
}
