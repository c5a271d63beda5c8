namespace SanLing.Infrastructure.Excel;

/// <summary>One bad cell or row of an uploaded workbook: where it is and why, in Chinese.</summary>
public sealed record ImportError(string Sheet, int Row, string Column, string Reason)
{
    /// <summary>工作表 第N行 列名：原因 (the CLI's line; row 0 means the sheet or the file itself).</summary>
    public override string ToString() =>
        Row > 0
            ? $"{Sheet} 第{Row}行 {Column}：{Reason}"
            : $"{Sheet}{(Column.Length > 0 ? " " + Column : "")}：{Reason}";
}

/// <summary>How many rows of one sheet were inserted and updated.</summary>
public sealed record SheetCount(string Sheet, int Inserted, int Updated);

/// <summary>The outcome of an import: either errors (nothing written) or the counts of what was written.</summary>
public sealed class ImportResult
{
    public ImportResult(IReadOnlyList<ImportError> errors, IReadOnlyList<SheetCount> counts)
    {
        Errors = errors;
        Counts = counts;
    }

    public IReadOnlyList<ImportError> Errors { get; }
    public IReadOnlyList<SheetCount> Counts { get; }
    public bool Succeeded => Errors.Count == 0;

    public static ImportResult Refused(string reason, string sheet = "文件") => new([new ImportError(sheet, 0, "", reason)], []);
}

/// <summary>
/// A column of a template: its header, what it takes (shown in the template's 说明 sheet) and the field of the ledger's
/// values record it fills (the Domain rules report by field; the row reports by column).
/// </summary>
public sealed record ColumnSpec(string Header, string Help, string? Field = null);

/// <summary>A sheet of a template.</summary>
public sealed record SheetSpec(string Name, IReadOnlyList<ColumnSpec> Columns)
{
    public IReadOnlyList<string> Headers => Columns.Select(c => c.Header).ToList();
}
