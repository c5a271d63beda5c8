using ClosedXML.Excel;
using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.Shared;

/// <summary>A ledger's list: the filter as given, one page of rows, the territories to filter by, whether the user may edit.</summary>
public sealed record LedgerListPage<TFilter, TRow>(TFilter Filter, IReadOnlyList<TRow> Rows, PageInfo Paging, IReadOnlyList<Option> Territories, bool CanEdit);

/// <summary>One record of a ledger, with its history for those who may edit it.</summary>
public sealed record LedgerDetails<TRow>(TRow Row, bool CanEdit, IReadOnlyList<AuditLine> History);

/// <summary>A ledger's form and the record it edits (null when creating).</summary>
public sealed record LedgerEditor<TForm>(TForm Form, int? Id);

/// <summary>A list filter that pages.</summary>
public interface IPagedFilter
{
    int? Page { get; }
}

/// <summary>The reads a ledger's controller needs, within the user's scope.</summary>
public interface ILedgerQueries<TFilter, TRow, TForm>
{
    int RowsPerPage { get; }

    Task<(IReadOnlyList<TRow> Rows, int Total)> ListAsync(TFilter filter, CancellationToken ct);

    Task<TRow?> RowAsync(int id, CancellationToken ct);

    /// <summary>The form that edits the record as it is.</summary>
    TForm FormOf(TRow row);

    /// <summary>The list as shown (filters and scope applied, all pages) in the ledger's import template; the number of rows.</summary>
    Task<int> ExportAsync(IXLWorkbook workbook, TFilter filter, CancellationToken ct);
}

/// <summary>The writes of a ledger; the form is validated before.</summary>
public interface ILedgerCommands<TForm>
{
    Task<int> CreateAsync(TForm form, CancellationToken ct);

    Task<SaveOutcome> UpdateAsync(int id, TForm form, CancellationToken ct);

    Task<SaveOutcome> DeleteAsync(int id, Guid version, CancellationToken ct);
}
