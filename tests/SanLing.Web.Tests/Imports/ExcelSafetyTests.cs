using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using static SanLing.Web.Tests.Imports.Xlsx;

namespace SanLing.Web.Tests.Imports;

/// <summary>Formulas never travel through the templates, and ID numbers and phones survive digit for digit.</summary>
public sealed class ExcelSafetyTests(SmallTownFixture town) : IClassFixture<SmallTownFixture>
{
    private const string Hyperlink = "=HYPERLINK(\"http://x\",\"y\")";

    [Fact]
    public async Task Formula_like_text_is_exported_as_text_and_ids_and_phones_round_trip_exactly()
    {
        var idEndingInX = TemplateImportTests.IdNumber("440301198807070", endingInX: true);
        var id = TemplateImportTests.IdNumber("110105200001010");
        string[] names = [Hyperlink, "+SUM(1,2)", "-1+2", "@cmd"];
        ImportAssert.Succeeded(await town.ImportAsync("subjects", Book(Sheet("单位", TemplateImportTests.SubjectHeaders,
            ["S9-CUN", Hyperlink, "村", null, "+SUM(1,2)", "-1+2", "013912345678", "@cmd", null, null],
            ["S9-QY", "=1+1", "企业", "S9-CUN", null, null, "0571-88886666", null, null, null]))));
        ImportAssert.Succeeded(await town.ImportAsync("key-persons", Book(Sheet("人员", TemplateImportTests.PersonHeaders,
            ["S9-K1", "甲", idEndingInX, "吸毒人员", "S9-CUN", new DateOnly(2025, 1, 1), null, "有", null],
            ["S9-K2", "乙", id, "吸毒人员", "S9-CUN", new DateOnly(2025, 1, 1), null, "无", null]))));

        using var subjects = await SmallTownFixture.ExportAsync(town.Factory, "subjects");
        using (var workbook = new XLWorkbook(subjects))
        {
            var sheet = workbook.Worksheet("单位");
            var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "S9-CUN");
            Assert.All(Enumerable.Range(1, 10).Select(row.Cell), c => Assert.False(c.HasFormula));
            Assert.Equal(Hyperlink, row.Cell(2).GetString());
            Assert.Equal(XLDataType.Text, row.Cell(2).DataType);
            Assert.Equal(("+SUM(1,2)", "-1+2", "013912345678", "@cmd"), (row.Cell(5).GetString(), row.Cell(6).GetString(), row.Cell(7).GetString(), row.Cell(8).GetString()));
            Assert.Equal(XLDataType.Text, row.Cell(7).DataType);
            var other = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "S9-QY");
            Assert.False(other.Cell(2).HasFormula);
            Assert.Equal(("=1+1", "0571-88886666"), (other.Cell(2).GetString(), other.Cell(7).GetString()));
        }

        using var persons = await SmallTownFixture.ExportAsync(town.Factory, "key-persons", reveal: true);
        using (var workbook = new XLWorkbook(persons))
        {
            var sheet = workbook.Worksheet("人员");
            Assert.Equal(idEndingInX, sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "S9-K1").Cell(3).GetString());
            var cell = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "S9-K2").Cell(3);
            Assert.Equal((id, XLDataType.Text), (cell.GetString(), cell.DataType));
        }

        // Masked by default.
        using var masked = await SmallTownFixture.ExportAsync(town.Factory, "key-persons");
        using (var workbook = new XLWorkbook(masked))
        {
            var text = string.Join("|", workbook.Worksheet("人员").CellsUsed().Select(c => c.GetString()));
            Assert.DoesNotContain(id, text, StringComparison.Ordinal);
            Assert.Contains(Domain.KeyPopulations.ChineseIdNumber.Mask(id), text, StringComparison.Ordinal);
        }

        // The masked export re-imports without touching the stored numbers.
        masked.Position = 0;
        ImportAssert.Succeeded(await SmallTownFixture.ImportAsync(town.Factory, "key-persons", masked));
        using var again = await SmallTownFixture.ExportAsync(town.Factory, "key-persons", reveal: true);
        using (var workbook = new XLWorkbook(again))
        {
            Assert.Equal(idEndingInX, workbook.Worksheet("人员").RowsUsed().Single(r => r.Cell(1).GetString() == "S9-K1").Cell(3).GetString());
        }
    }

    [Fact]
    public async Task A_formula_cell_in_an_upload_is_a_row_error_and_nothing_is_written()
    {
        ImportAssert.Succeeded(await town.ImportAsync("subjects", Book(Sheet("单位", TemplateImportTests.SubjectHeaders,
            ["F9-CUN", "北村", "村", null, null, null, null, null, null, null]))));
        var result = await town.ImportAsync("petitions", Book(Sheet("信访", TemplateImportTests.PetitionHeaders,
            ["F9-P1", "F9-CUN", new DateOnly(2026, 1, 5), "个体访", 1, "正常", null, "受理", null, "否", "否"],
            ["F9-P2", "F9-CUN", new DateOnly(2026, 1, 5), "个体访", new Formula("1+1"), new Formula("HYPERLINK(\"http://x\",\"y\")"), null, "受理", null, "否", "否"])));

        Assert.Equal([("信访", 3, "人数"), ("信访", 3, "事由")], result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.All(result.Errors, e => Assert.Contains("公式", e.Reason, StringComparison.Ordinal));
        Assert.Equal(0, await town.Factory.WithDbAsync(db => db.Petitions.CountAsync(p => p.Number.StartsWith("F9-"))));
    }
}
