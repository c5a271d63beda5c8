using SanLing.Domain.Ledgers;
using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.Petitions;

public sealed class PetitionFilter : LedgerFilter
{
    public PetitionKind? Kind { get; set; }
    public PetitionStatus? Status { get; set; }

    /// <summary>Only 积案: filed in an earlier year and not resolved by the end of that year.</summary>
    public bool Backlog { get; set; }
}

public sealed record PetitionRow(
    int Id, string Number, DateOnly FiledOn, string SubjectCode, string SubjectName, PetitionKind Kind, int PetitionerCount,
    string? LeaderInCharge, PetitionStatus Status, DateOnly? ResolvedOn, bool IsImpactful, bool IsMajor, bool IsBacklog);

public sealed record PetitionListPage(PetitionFilter Filter, IReadOnlyList<PetitionRow> Rows, PageInfo Paging, IReadOnlyList<Option> Territories, bool CanEdit);

public sealed record PetitionDetails(PetitionRow Row, int SubjectId, string? Matter, Guid Version, bool CanEdit, IReadOnlyList<AuditLine> History);
