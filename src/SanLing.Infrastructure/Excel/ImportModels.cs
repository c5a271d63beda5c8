using System.Globalization;
using SanLing.Domain.Rules;

namespace SanLing.Infrastructure.Excel;

/// <summary>
/// One bad cell or row of an uploaded workbook: where it is and why. The why is a broken ledger rule
/// (<see cref="Violation"/>) or a Chinese composite format with its arguments (values from the file): the format is the
/// key of the web's resource file, so the portal can say it in the reader's language.
/// </summary>
public sealed record ImportError(string Sheet, int Row, string Column, string Format, IReadOnlyList<object> Args, RuleViolation? Violation = null)
{
    /// <summary>A reason without arguments, taken as it is.</summary>
    public ImportError(string sheet, int row, string column, string reason) : this(sheet, row, column, reason, [])
    {
    }

    /// <summary>The reason in Chinese.</summary>
    public string Reason => Violation?.Chinese ?? (Args.Count == 0 ? Format : string.Format(CultureInfo.InvariantCulture, Format, [.. Args]));

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

    /// <summary>The sheet named by a refusal of the whole file.</summary>
    public const string FileSheet = "文件";

    /// <summary>The whole file refused, for a reason given as a composite format and its arguments.</summary>
    public static ImportResult Refused(string format, params object[] args) => new([new ImportError(FileSheet, 0, "", format, args)], []);
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
