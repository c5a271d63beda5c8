using System.Globalization;
using ClosedXML.Excel;
using SanLing.Domain.Common;
using SanLing.Domain.Rules;

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

    /// <summary>
    /// The sheet, or null (with an error unless it is optional and absent) when it cannot be read. A workbook with a
    /// single sheet whose header row has every column of <paramref name="spec"/> is read as that sheet whatever its name
    /// (Excel's and WPS's default Sheet1 / 工作表1 when a clerk starts a blank workbook).
    /// </summary>
    public static SheetReader? Open(IXLWorkbook workbook, SheetSpec spec, List<ImportError> errors, bool optional = false)
    {
        if (!workbook.TryGetWorksheet(spec.Name, out var sheet))
        {
            if (workbook.Worksheets.Count == 1 && workbook.Worksheet(1) is var only && spec.Headers.All(HeaderColumns(only).ContainsKey))
            {
                sheet = only;
            }
            else
            {
                if (!optional)
                {
                    errors.Add(new ImportError(spec.Name, 0, "", "缺少工作表“{0}”", [spec.Name]));
                }
                return null;
            }
        }
        var columns = HeaderColumns(sheet);
        var missing = spec.Headers.Where(h => !columns.ContainsKey(h)).ToList();
        foreach (var column in missing)
        {
            errors.Add(new ImportError(spec.Name, 1, column, "缺少列“{0}”（第一行须为表头）", [column]));
        }
        return missing.Count > 0 ? null : new SheetReader(spec, sheet, columns, errors);
    }

    /// <summary>The trimmed header cells of row 1 and their column numbers (the first of a repeated header wins).</summary>
    private static Dictionary<string, int> HeaderColumns(IXLWorksheet sheet)
    {
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
        return columns;
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
    private readonly SheetReader _sheet;
    private readonly HashSet<string> _failedColumns = new(StringComparer.Ordinal);
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

    /// <summary>
    /// Reports a bad cell. One error per cell: a value that could not be read is not reported again by a check that
    /// depends on it (an unreadable 化解日期 is not also "missing" for 已化解).
    /// </summary>
    public void Error(string column, string reason) => Add(new ImportError(_sheet.Name, Number, column, reason));

    /// <summary>Reports a bad cell, the reason a Chinese composite format with the file's values as arguments.</summary>
    public void Error(string column, string format, params object[] args) => Add(new ImportError(_sheet.Name, Number, column, format, args));

    private void Add(ImportError error)
    {
        if (_failedColumns.Add(error.Column))
        {
            _errors.Add(error);
        }
    }

    /// <summary>
    /// Reports the Domain rules' violations by the columns their fields map to (<see cref="ColumnSpec.Field"/>), in the
    /// rules' own words, so a form and an import say the same; a cell that could not be read keeps its one error.
    /// </summary>
    public void Report(IEnumerable<RuleViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        foreach (var violation in violations)
        {
            var column = _sheet.Spec.Columns.FirstOrDefault(c => c.Field == violation.Field)?.Header;
            if (column is not null)
            {
                Add(new ImportError(_sheet.Name, Number, column, violation.Chinese, [], violation));
            }
        }
    }

    /// <summary>Whether the cell already has an error on this row.</summary>
    public bool Failed(string column) => _failedColumns.Contains(column);

    /// <summary>The cell as the clerk sees it (dates as yyyy-MM-dd), for naming the columns two rows differ in.</summary>
    public string Shown(string column)
    {
        var cell = Cell(column);
        return cell.IsEmpty() ? "" : cell.DataType switch
        {
            XLDataType.Number when IsDateFormatted(cell) => DateOnly.FromDateTime(DateTime.FromOADate(cell.GetDouble())).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            XLDataType.Number => FormatNumber(cell.GetDouble()),
            XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            XLDataType.Boolean => cell.GetBoolean() ? "是" : "否",
            _ => cell.GetString().Trim(),
        };
    }

    /// <summary>The template's columns, in order.</summary>
    public IReadOnlyList<string> Columns => _sheet.Spec.Headers;

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
            Error(column, "不能超过 {0} 个字", maxLength);
            return null;
        }
        return text;
    }

    /// <summary>Trimmed text whose length and presence the Domain rules check; null when empty.</summary>
    public string? Text(string column) => Text(column, int.MaxValue);

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

    /// <summary>
    /// A day: a date cell, a date-formatted number (Excel's serial day), or text typed as offices type it
    /// (<see cref="DateText"/>).
    /// </summary>
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
        if (DayOf(cell) is { } day)
        {
            return day;
        }
        if (cell.DataType == XLDataType.Text && DateText.TryParseDate(cell.GetString(), out var date))
        {
            return date;
        }
        Error(column, "“{0}”不是日期（如 2024-03-05、2024/3/5、2024.3.5 或 {1}）", Shown(column), "2024年3月5日");
        return null;
    }

    /// <summary>A month (2024-03, 2024年3月 …, or a date cell) as its first day.</summary>
    public DateOnly? Month(string column)
    {
        var cell = Cell(column);
        if (cell.IsEmpty())
        {
            Error(column, "不能为空");
            return null;
        }
        if (DayOf(cell) is { } day)
        {
            return MonthPeriod.Of(day);
        }
        if (cell.DataType == XLDataType.Text && DateText.TryParseMonth(cell.GetString(), out var month))
        {
            return month;
        }
        Error(column, "“{0}”不是年月（如 2024-03 或 {1}）", Shown(column), "2024年3月");
        return null;
    }

    /// <summary>The day of a date cell or of a date-formatted serial number; null for anything else.</summary>
    private static DateOnly? DayOf(IXLCell cell)
    {
        if (cell.DataType == XLDataType.DateTime)
        {
            return DateOnly.FromDateTime(cell.GetDateTime());
        }
        if (cell.DataType == XLDataType.Number && IsDateFormatted(cell))
        {
            var serial = cell.GetDouble();
            // Excel's day range: 1 = 1900-01-01 … 2958465 = 9999-12-31.
            return serial is >= 1 and < 2958466 ? DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial))) : null;
        }
        return null;
    }

    /// <summary>A number cell shown as a date: a built-in date format, or a custom one with year or day parts.</summary>
    private static bool IsDateFormatted(IXLCell cell)
    {
        var format = cell.Style.NumberFormat;
        // 14–17 and 22 are Excel's built-in date formats, 27–36 and 50–58 the East Asian ones (18–21, 45–47 are times).
        if (format.NumberFormatId is (>= 14 and <= 17) or 22 or (>= 27 and <= 36) or (>= 50 and <= 58))
        {
            return true;
        }
        // Quoted text, [colour]/[locale] sections and escaped characters are not date parts.
        var code = new System.Text.StringBuilder();
        var text = format.Format ?? "";
        for (var i = 0; i < text.Length; i++)
        {
            var close = text[i] switch { '"' => '"', '[' => ']', _ => '\0' };
            if (close != '\0')
            {
                var end = text.IndexOf(close, i + 1);
                i = end < 0 ? text.Length : end;
            }
            else if (text[i] == '\\')
            {
                i++;
            }
            else
            {
                code.Append(text[i]);
            }
        }
        var parts = code.ToString();
        return parts.Contains('y', StringComparison.OrdinalIgnoreCase) || parts.Contains('d', StringComparison.OrdinalIgnoreCase)
            || parts.Contains('年', StringComparison.Ordinal) || parts.Contains('日', StringComparison.Ordinal);
    }

    /// <summary>A whole number whose presence and range the Domain rules check; null when empty or unreadable.</summary>
    public int? Int(string column) => Int(column, int.MinValue, int.MaxValue, required: false);

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
            Error(column, number < min ? "不能小于 {0}" : "不能大于 {0}", number < min ? min : max);
            return null;
        }
        return (int)number;
    }

    /// <summary>A number whose range the Domain rules check; an empty cell is 0.</summary>
    public decimal? Decimal(string column) => Decimal(column, decimal.MinValue, decimal.MaxValue, round: false);

    public decimal? Decimal(string column, decimal min, decimal max, bool round = true)
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
            Error(column, number < min ? "不能小于 {0}" : "不能大于 {0}", number < min ? min : max);
            return null;
        }
        return round ? Math.Round(number, 2) : number;
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
        Error(column, "应为“{0}”或“{1}”", yes, no);
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
        Error(column, "“{0}”不是可选值（{1}）", text, string.Join("、", Terms.All<T>().Select(t => t.Word)));
        return null;
    }

    private static string FormatNumber(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("G15", CultureInfo.InvariantCulture);
}
