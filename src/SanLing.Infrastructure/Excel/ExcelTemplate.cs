using ClosedXML.Excel;
using SanLing.Domain.Common;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Excel.Templates;
using SanLing.Infrastructure.Security;

namespace SanLing.Infrastructure.Excel;

/// <summary>
/// One import template (templates.md): its sheets and headers, how its rows are read and validated, how they are
/// written, and how the ledger is exported in the same shape (an export re-imports to the same data).
/// </summary>
public abstract class ExcelTemplate
{
    /// <summary>The command-line name, e.g. <c>petitions</c>.</summary>
    public abstract string Key { get; }

    /// <summary>The Chinese title, e.g. 信访.</summary>
    public abstract string Title { get; }

    public abstract IReadOnlyList<SheetSpec> Sheets { get; }

    /// <summary>
    /// Reads and validates every row (errors go to <paramref name="context"/>); returns the writer that applies the rows.
    /// The importer runs the writer, in one transaction, only when no row was bad.
    /// </summary>
    internal abstract Task<Func<CancellationToken, Task>> PrepareAsync(ImportContext context, CancellationToken ct);

    /// <summary>Writes the whole ledger of the current town.</summary>
    internal abstract Task<int> ExportTownAsync(SanLingDbContext db, IXLWorkbook workbook, ExportOptions options, CancellationToken ct);

    /// <summary>
    /// True when the ledger can be large enough that its export is written row by row (<see cref="StreamTownAsync"/>)
    /// instead of through an in-memory ClosedXML workbook.
    /// </summary>
    internal virtual bool StreamsExport => false;

    /// <summary>Writes the whole ledger of the current town straight to <paramref name="output"/> as an .xlsx.</summary>
    internal virtual Task<int> StreamTownAsync(SanLingDbContext db, Stream output, ExportOptions options, CancellationToken ct) =>
        throw new NotSupportedException($"{Key} has no streamed export.");

    /// <summary>An empty sheet of this template with its header row.</summary>
    internal static IXLWorksheet AddSheet(IXLWorkbook workbook, SheetSpec spec)
    {
        var sheet = workbook.Worksheets.Add(spec.Name);
        ExcelCells.WriteHeader(sheet, spec.Headers);
        return sheet;
    }

    /// <summary>
    /// Writes one sheet of the template: its header row, then a row per item of <paramref name="items"/>, each written
    /// by <paramref name="write"/> cell after cell in the sheet's column order. Returns the number of rows.
    /// </summary>
    internal static async Task<int> WriteRowsAsync<T>(IXLWorkbook workbook, SheetSpec spec, IQueryable<T> items, Action<RowWriter, T> write, CancellationToken ct)
    {
        var sheet = AddSheet(workbook, spec);
        var rows = await items.ToListAsync(ct);
        for (var i = 0; i < rows.Count; i++)
        {
            write(new RowWriter(sheet, i + 2), rows[i]);
        }
        return rows.Count;
    }
}

/// <summary>Writes the cells of one exported row from left to right, each value in its safe cell form (<see cref="ExcelCells"/>).</summary>
internal sealed class RowWriter(IXLWorksheet sheet, int row)
{
    private int _column = 1;

    public RowWriter Text(string? value) => Next(cell => cell.SetText(value));

    public RowWriter Number(int? value) => Next(cell => cell.SetNumber(value));

    public RowWriter Number(decimal? value) => Next(cell => cell.SetNumber(value));

    public RowWriter Date(DateOnly? value) => Next(cell => cell.SetDate(value));

    public RowWriter YesNo(bool value) => Next(cell => cell.SetYesNo(value));

    private RowWriter Next(Action<IXLCell> write)
    {
        write(sheet.Cell(row, _column++));
        return this;
    }
}

/// <summary>
/// How a one-sheet ledger is imported: its rows' key (duplicates in the file, see <see cref="RowKeys{TKey}"/>), how a row
/// is read and checked (null when it has errors), how the records of the keys are found, made and given a row's values.
/// </summary>
internal sealed class SheetImport<TKey, TRow, TEntity>
    where TKey : notnull
    where TRow : class
    where TEntity : class
{
    public required RowKeys<TKey> Keys { get; init; }
    public required Func<TRow, TKey> KeyOf { get; init; }
    public required Func<RowReader, Dictionary<string, SubjectKey>, TRow?> Read { get; init; }
    public required Func<List<TKey>, CancellationToken, Task<Dictionary<TKey, TEntity>>> Existing { get; init; }
    public required Func<TRow, TEntity> Create { get; init; }
    public required Action<TEntity, TRow> Apply { get; init; }
}

/// <summary>Export switches decided by the caller (who may see what).</summary>
public sealed record ExportOptions(bool RevealIdNumbers = false, IdNumberProtector? IdNumbers = null);

/// <summary>The nine templates.</summary>
public static class ExcelTemplates
{
    public static readonly IReadOnlyList<ExcelTemplate> All =
    [
        new SubjectTemplate(),
        new GridTemplate(),
        new PetitionTemplate(),
        new AccidentTemplate(),
        new CaseTemplate(),
        new InspectionTemplate(),
        new KeyPersonTemplate(),
        new RentalHouseTemplate(),
        new AttestationTemplate(),
    ];

    public static ExcelTemplate? Find(string? key) => All.FirstOrDefault(t => t.Key == key);
}

/// <summary>What a template's validation needs: the workbook, the error list, the town's codes (loaded once each).</summary>
internal sealed class ImportContext(SanLingDbContext db, TimeProvider clock, IdNumberProtector idNumbers, IXLWorkbook workbook)
{
    private Dictionary<string, SubjectKey>? _subjects;
    private readonly Dictionary<string, (int Inserted, int Updated)> _counts = new(StringComparer.Ordinal);

    public SanLingDbContext Db => db;
    public TimeProvider Clock => clock;
    public IdNumberProtector IdNumbers => idNumbers;
    public IXLWorkbook Workbook => workbook;
    public List<ImportError> Errors { get; } = [];

    /// <summary>Today in the town's time zone (dates after it are refused).</summary>
    public DateOnly Today => clock.Today();

    public SheetReader? Open(SheetSpec spec, bool optional = false) => SheetReader.Open(workbook, spec, Errors, optional);

    /// <summary>The town's subjects by code (one query per import).</summary>
    public async Task<Dictionary<string, SubjectKey>> SubjectsAsync(CancellationToken ct) =>
        _subjects ??= await db.Subjects.AsNoTracking()
            .Select(s => new SubjectKey(s.Id, s.Code, s.Kind))
            .ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, ct);

    /// <summary>The subject a code names, or an error on the row.</summary>
    public static SubjectKey? Subject(RowReader row, string column, string? code, Dictionary<string, SubjectKey> subjects)
    {
        if (code is null)
        {
            return null;
        }
        if (subjects.TryGetValue(code, out var subject))
        {
            return subject;
        }
        row.Error(column, "单位编码“{0}”不存在（请先导入单位名录）", code);
        return null;
    }

    /// <summary>Duplicate keys within the file: the second occurrence is an error naming the first row.</summary>
    public static bool IsDuplicate<TKey>(Dictionary<TKey, int> seen, TKey key, RowReader row, string column, string what) where TKey : notnull
    {
        if (seen.TryGetValue(key, out var first))
        {
            row.Error(column, "{0}与第{1}行重复", what, first);
            return true;
        }
        seen[key] = row.Number;
        return false;
    }

    /// <summary>
    /// Reads and checks every row of a one-sheet ledger (nothing when the sheet is missing: that error is listed); returns
    /// the writer that saves the good rows, new or updated by key.
    /// </summary>
    public async Task<Func<CancellationToken, Task>> ImportAsync<TKey, TRow, TEntity>(SheetSpec sheet, SheetImport<TKey, TRow, TEntity> import, CancellationToken ct)
        where TKey : notnull
        where TRow : class
        where TEntity : class
    {
        if (Open(sheet) is not { } reader)
        {
            return _ => Task.CompletedTask;
        }
        var subjects = await SubjectsAsync(ct);
        var rows = new List<TRow>();
        foreach (var r in reader.Rows())
        {
            if (import.Read(r, subjects) is { } row && !r.HasErrors && import.Keys.IsNew(r, import.KeyOf(row), row))
            {
                rows.Add(row);
            }
        }
        return async token =>
        {
            var existing = await import.Existing(rows.Select(import.KeyOf).ToList(), token);
            await SaveRowsAsync(sheet, rows, import.KeyOf, existing, import.Create, import.Apply, token);
        };
    }

    /// <summary>
    /// Writes a sheet's checked rows in one save: each row's record is found by its key among <paramref name="existing"/>
    /// or made by <paramref name="create"/> and added, counted as new or updated, and given the row's values.
    /// </summary>
    public async Task SaveRowsAsync<TKey, TRow, TEntity>(SheetSpec sheet, IEnumerable<TRow> rows, Func<TRow, TKey> keyOf,
        IReadOnlyDictionary<TKey, TEntity> existing, Func<TRow, TEntity> create, Action<TEntity, TRow> apply, CancellationToken ct)
        where TKey : notnull
        where TEntity : class
    {
        foreach (var row in rows)
        {
            var found = existing.TryGetValue(keyOf(row), out var entity);
            if (!found)
            {
                entity = create(row);
                db.Add(entity);
            }
            Count(sheet.Name, inserted: !found);
            apply(entity!, row);
        }
        await db.SaveChangesAsync(ct);
    }

    public void Count(string sheet, bool inserted)
    {
        var (i, u) = _counts.GetValueOrDefault(sheet);
        _counts[sheet] = inserted ? (i + 1, u) : (i, u + 1);
    }

    public IReadOnlyList<SheetCount> Counts(IEnumerable<SheetSpec> sheets) =>
        sheets.Select(s => new SheetCount(s.Name, _counts.GetValueOrDefault(s.Name).Inserted, _counts.GetValueOrDefault(s.Name).Updated)).ToList();
}

internal sealed record SubjectKey(int Id, string Code, SubjectKind Kind);

/// <summary>
/// The natural key of a sheet's rows within one file. A row that repeats an earlier row exactly (same key, same content)
/// is the same record said twice and is taken once; a row with the key of an earlier row but other content contradicts
/// it and is refused, naming the earlier row and the columns they differ in.
/// </summary>
internal sealed class RowKeys<TKey>(string keyColumn, string keyName) where TKey : notnull
{
    private readonly Dictionary<TKey, (RowReader Row, object Content)> _seen = [];

    public IEnumerable<TKey> Keys => _seen.Keys;

    public bool Contains(TKey key) => _seen.ContainsKey(key);

    /// <summary>
    /// True when the row is the first with its key; false when it repeats an earlier row (take it once) or contradicts
    /// one (an error is added). <paramref name="content"/> is compared by value: pass a record of what the row says.
    /// </summary>
    public bool IsNew(RowReader row, TKey key, object content)
    {
        if (!_seen.TryGetValue(key, out var first))
        {
            _seen[key] = (row, content);
            return true;
        }
        if (!Equals(first.Content, content))
        {
            var differing = row.Columns.Where(c => first.Row.Shown(c) != row.Shown(c)).ToList();
            var what = differing.Count > 0 ? $"“{string.Join("”“", differing)}”" : "内容";
            row.Error(keyColumn, "{0}与第{1}行相同，但{2}不同；同一{0}只能有一条记录，请合并或删去其中一行", keyName, first.Row.Number, what);
        }
        return false;
    }
}
