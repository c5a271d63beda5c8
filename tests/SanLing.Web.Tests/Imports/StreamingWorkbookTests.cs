using ClosedXML.Excel;
using SanLing.Infrastructure.Excel;

namespace SanLing.Web.Tests.Imports;

/// <summary>
/// The streamed workbook the county report is written with opens in ClosedXML (as in Excel) with its cells typed:
/// a sheet whose header row is written after its rows, numbers and percents as numbers, skipped cells empty.
/// </summary>
public sealed class StreamingWorkbookTests
{
    [Fact]
    public void A_sheet_whose_rows_were_written_before_its_header_reads_back_with_typed_cells()
    {
        using var output = new MemoryStream();
        using (var rowsFile = new MemoryStream())
        {
            using (var book = new StreamingWorkbook(output))
            {
                using (var first = book.AddSheet("各乡镇达标率", ["乡镇编码", "达标率"]))
                {
                    first.Row().Text("0012").Number(0.9123, StreamingWorkbook.PercentFormat);
                    first.Row(bold: true).At(2).Number(0.95, StreamingWorkbook.WholePercentFormat);
                }
                using (var rows = StreamingWorkbook.RowsInto(rowsFile))
                {
                    rows.Row().Text("甲镇").Number(3);
                    // A later town's rule set brings a column of its own (the fourth); its third cell is left empty.
                    rows.Row().Text("乙镇").Number(4).At(4).Text("=SUM(A1)");
                }
                book.AddSheet("单位明细", ["乡镇", "条目一", "条目二", "条目三"], [12, 16, 16, 16], rowsFile);
            }
        }

        output.Position = 0;
        using var read = new XLWorkbook(output);
        Assert.Equal(["各乡镇达标率", "单位明细"], read.Worksheets.Select(s => s.Name).ToList());

        var rates = read.Worksheet("各乡镇达标率");
        Assert.Equal(XLDataType.Text, rates.Cell(2, 1).DataType);
        Assert.Equal("0012", rates.Cell(2, 1).GetString());
        Assert.Equal(0.9123, rates.Cell(2, 2).GetDouble(), 6);
        Assert.Equal("0.0%", rates.Cell(2, 2).Style.NumberFormat.Format);
        Assert.True(rates.Cell(3, 1).IsEmpty());
        Assert.Equal(0.95, rates.Cell(3, 2).GetDouble(), 6);
        Assert.True(rates.Cell(3, 2).Style.Font.Bold);
        Assert.False(rates.Cell(2, 2).Style.Font.Bold);

        var details = read.Worksheet("单位明细");
        Assert.Equal(["乡镇", "条目一", "条目二", "条目三"], details.Row(1).Cells(1, 4).Select(c => c.GetString()).ToList());
        Assert.True(details.Cell(1, 1).Style.Font.Bold);
        // The widths given are kept (ClosedXML reads them back less its padding): the town column is the narrower.
        Assert.True(details.Column(1).Width < details.Column(2).Width - 3, $"{details.Column(1).Width} / {details.Column(2).Width}");
        Assert.Equal(3, details.LastRowUsed()!.RowNumber());
        Assert.Equal(XLDataType.Number, details.Cell(2, 2).DataType);
        Assert.Equal(4, details.Cell(3, 2).GetDouble());
        Assert.True(details.Cell(3, 3).IsEmpty());
        // Text that looks like a formula stays text (Excel's quote prefix), in a sheet assembled from two streams too.
        Assert.False(details.Cell(3, 4).HasFormula);
        Assert.Equal("=SUM(A1)", details.Cell(3, 4).GetString());
    }

    [Fact]
    public void Cells_are_written_left_to_right_and_only_in_the_formats_the_styles_hold()
    {
        using var output = new MemoryStream();
        using var book = new StreamingWorkbook(output);
        using var sheet = book.AddSheet("表", ["甲", "乙"]);
        sheet.Row().Text("a").Text("b");
        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.At(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.Row().Number(1, "0.00%"));
    }
}
