using ClosedXML.Excel;

namespace SanLing.Infrastructure.Excel;

/// <summary>
/// Writing cells safely with ClosedXML 0.95: text stays text (an ID number must not become a number, a date-like
/// code must not become a date, "=HYPERLINK(…)" must not become a formula), dates are real dates.
/// </summary>
public static class ExcelCells
{
    public const string DateFormat = "yyyy-mm-dd";

    /// <summary>Writes a string as a text cell. Leading = + - @ are kept as text and shown with Excel's quote prefix.</summary>
    public static IXLCell SetText(this IXLCell cell, string? value)
    {
        cell.SetValue<string>(value ?? "");
        cell.DataType = XLDataType.Text;
        if (value is { Length: > 0 } && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            cell.Style.IncludeQuotePrefix = true;
        }
        return cell;
    }

    public static IXLCell SetDate(this IXLCell cell, DateOnly? value)
    {
        if (value is { } date)
        {
            cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
            cell.Style.DateFormat.Format = DateFormat;
        }
        return cell;
    }

    public static IXLCell SetNumber(this IXLCell cell, decimal? value)
    {
        if (value is { } number)
        {
            cell.SetValue(number);
        }
        return cell;
    }

    public static IXLCell SetNumber(this IXLCell cell, int? value)
    {
        if (value is { } number)
        {
            cell.SetValue(number);
        }
        return cell;
    }

    public static IXLCell SetYesNo(this IXLCell cell, bool value) => cell.SetText(value ? "是" : "否");

    /// <summary>A bold header row with fixed widths (AdjustToContents needs fonts that Linux servers lack).</summary>
    public static void WriteHeader(IXLWorksheet sheet, IReadOnlyList<string> headers, int width = 16)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            sheet.Cell(1, i + 1).SetText(headers[i]);
            sheet.Column(i + 1).Width = Math.Max(width, headers[i].Length * 2 + 4);
        }
        var header = sheet.Range(1, 1, 1, headers.Count);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
        sheet.SheetView.FreezeRows(1);
    }
}
