using System.Globalization;
using ClosedXML.Excel;
using SanLing.Domain.Common;

namespace SanLing.Infrastructure.Excel;

/// <summary>
/// Reads one sheet of an uploaded workbook: finds it by name, maps the trimmed header cells to column numbers and
/// hands out its non-empty rows. A cell holding a formula is a row error and is never evaluated.
/// </summary>
internal sealed class SheetReader
{
    private readonly IXLWorksheet _sheet;
    private readonly Dictionary<string, int> _columns;
    private readonly List<ImportError> _errors;

    private SheetReader(SheetSpec spec, IXLWorksheet sheet, Dictionary<string, int> columns, List<ImportError> errors)
    {
        Spec = spec;
        _sheet = sheet;
        _columns = columns;
        _errors = errors;
    }

    public SheetSpec Spec { get; }

    public string Name => Spec.Name;

    /// <summary>The sheet, or null (with an error unless it is optional and absent) when it cannot be read.</summary>
    public static SheetReader? Open(IXLWorkbook workbook, SheetSpec spec, List<ImportError> errors, bool optional = false)
    {
        if (!workbook.TryGetWorksheet(spec.Name, out var sheet))
        {
            if (!optional)
            {
                errors.Add(new ImportError(spec.Name, 0, "", $"缺少工作表“{spec.Name}”"));
            }
            return null;
        }
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var header = sheet.Row(1);
        var lastColumn = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
        for (var c = 1; c <= lastColumn; c++)
        {
            var cell = header.Cell(c);
            if (cell.HasFormula || cell.IsEmpty())
            {
                continue;
            }
            var name = cell.GetString().Trim();
            if (name.Length > 0)
            {
                columns.TryAdd(name, c);
            }
        }
        var missing = spec.Headers.Where(h => !columns.ContainsKey(h)).ToList();
        foreach (var column in missing)
        {
            errors.Add(new ImportError(spec.Name, 1, column, $"缺少列“{column}”（第一行须为表头）"));
        }
        return missing.Count > 0 ? null : new SheetReader(spec, sheet, columns, errors);
    }

    /// <summary>Every row after the header with at least one value; a row with a formula cell is reported and skipped.</summary>
    public IEnumerable<RowReader> Rows()
    {
        var last = _sheet.LastRowUsed()?.RowNumber() ?? 1;
        for (var r = 2; r <= last; r++)
        {
            var cells = new Dictionary<string, IXLCell>(_columns.Count, StringComparer.Ordinal);
            var hasFormula = false;
            var empty = true;
            foreach (var header in Spec.Headers)
            {
                var cell = _sheet.Cell(r, _columns[header]);
                // Checked before anything reads the cell's value: a formula is never evaluated.
                if (cell.HasFormula)
                {
                    _errors.Add(new ImportError(Name, r, header, "单元格含有公式，不予计算；请填写值本身"));
                    hasFormula = true;
                    continue;
                }
                empty &= cell.IsEmpty();
                cells[header] = cell;
            }
            if (hasFormula || empty)
            {
                continue;
            }
            yield return new RowReader(this, r, cells, _errors);
        }
    }
}

/// <summary>Typed access to the cells of one row; each bad value adds an error and returns null.</summary>
internal sealed class RowReader
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d"];
    private static readonly string[] MonthFormats = ["yyyy-MM", "yyyy-M", "yyyy/MM", "yyyy/M"];
    private readonly SheetReader _sheet;
    private readonly Dictionary<string, IXLCell> _cells;
    private readonly List<ImportError> _errors;
    private readonly int _errorsBefore;

    public RowReader(SheetReader sheet, int number, Dictionary<string, IXLCell> cells, List<ImportError> errors)
    {
        _sheet = sheet;
        Number = number;
        _cells = cells;
        _errors = errors;
        _errorsBefore = errors.Count;
    }

    /// <summary>The row number as Excel shows it.</summary>
    public int Number { get; }

    public string Sheet => _sheet.Name;

    /// <summary>True when this row added an error so far.</summary>
    public bool HasErrors => _errors.Count > _errorsBefore;

    public void Error(string column, string reason) => _errors.Add(new ImportError(_sheet.Name, Number, column, reason));

    private IXLCell Cell(string column) => _cells[column];

    /// <summary>Trimmed text (numbers as written, dates as yyyy-MM-dd); null when empty.</summary>
    public string? Text(string column, int maxLength, bool required = false)
    {
        var cell = Cell(column);
        string? text = cell.IsEmpty() ? null : cell.DataType switch
        {
            XLDataType.Number => FormatNumber(cell.GetDouble()),
            XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            XLDataType.Boolean => cell.GetBoolean() ? "是" : "否",
            _ => cell.GetString().Trim(),
        };
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Error(column, "不能为空");
            }
            return null;
        }
        if (text.Length > maxLength)
        {
            Error(column, $"不能超过 {maxLength} 个字");
            return null;
        }
        return text;
    }

    /// <summary>A number that must be kept digit for digit (ID number, phone): a numeric cell has lost its digits.</summary>
    public string? DigitsText(string column, int maxLength, bool required = false)
    {
        var cell = Cell(column);
        if (!cell.IsEmpty() && cell.DataType == XLDataType.Number)
        {
            Error(column, "被 Excel 存成了数字，可能已丢失位数；请把该列设置为“文本”格式后重新填写");
            return null;
        }
        return Text(column, maxLength, required);
    }

    public DateOnly? Date(string column, bool required = false)
    {
        var cell = Cell(column);
        if (cell.IsEmpty())
        {
            if (required)
            {
                Error(column, "不能为空");
            }
            return null;
        }
        if (cell.DataType == XLDataType.DateTime)
        {
            return DateOnly.FromDateTime(cell.GetDateTime());
        }
        if (cell.DataType == XLDataType.Text
            && DateOnly.TryParseExact(cell.GetString().Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Error(column, "应为日期（日期单元格或 yyyy-MM-dd 文本）");
        return null;
    }

    /// <summary>A month (yyyy-MM text, or a date cell) as its first day.</summary>
    public DateOnly? Month(string column)
    {
        var cell = Cell(column);
        if (cell.IsEmpty())
        {
            Error(column, "不能为空");
            return null;
        }
        if (cell.DataType == XLDataType.DateTime)
        {
            return MonthPeriod.Of(DateOnly.FromDateTime(cell.GetDateTime()));
        }
        if (cell.DataType == XLDataType.Text
            && DateOnly.TryParseExact(cell.GetString().Trim(), MonthFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return month;
        }
        Error(column, "应为年月（yyyy-MM）");
        return null;
    }

    public int? Int(string column, int min, int max, bool required = true)
    {
        var cell = Cell(column);
        if (cell.IsEmpty())
        {
            if (required)
            {
                Error(column, "不能为空");
            }
            return null;
        }
        double? value = cell.DataType switch
        {
            XLDataType.Number => cell.GetDouble(),
            XLDataType.Text when double.TryParse(cell.GetString().Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (value is not { } number || number != Math.Floor(number))
        {
            Error(column, "应为整数");
            return null;
        }
        if (number < min || number > max)
        {
            Error(column, number < min ? $"不能小于 {min}" : $"不能大于 {max}");
            return null;
        }
        return (int)number;
    }

    public decimal? Decimal(string column, decimal min, decimal max)
    {
        var cell = Cell(column);
        if (cell.IsEmpty())
        {
            return 0m;
        }
        decimal? value = cell.DataType switch
        {
            XLDataType.Number => (decimal)cell.GetDouble(),
            XLDataType.Text when decimal.TryParse(cell.GetString().Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (value is not { } number)
        {
            Error(column, "应为数字");
            return null;
        }
        if (number < min || number > max)
        {
            Error(column, number < min ? $"不能小于 {min}" : $"不能大于 {max}");
            return null;
        }
        return Math.Round(number, 2);
    }

    /// <summary>是/否 (empty means 否).</summary>
    public bool? YesNo(string column, string yes = "是", string no = "否")
    {
        var cell = Cell(column);
        if (cell.IsEmpty())
        {
            return false;
        }
        if (cell.DataType == XLDataType.Boolean)
        {
            return cell.GetBoolean();
        }
        var text = cell.GetString().Trim();
        if (text == yes)
        {
            return true;
        }
        if (text == no || text.Length == 0)
        {
            return false;
        }
        Error(column, $"应为“{yes}”或“{no}”");
        return null;
    }

    /// <summary>One of the Chinese words of <typeparamref name="T"/>.</summary>
    public T? Enum<T>(string column, bool required = true) where T : struct, Enum
    {
        var text = Text(column, 50, required);
        if (text is null)
        {
            return null;
        }
        if (Terms.Parse<T>(text) is { } value)
        {
            return value;
        }
        Error(column, $"“{text}”不是可选值（{string.Join("、", Terms.All<T>().Select(t => t.Word))}）");
        return null;
    }

    private static string FormatNumber(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("G15", CultureInfo.InvariantCulture);
}
