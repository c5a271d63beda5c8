using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Ledgers;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// Personal fields reach the audit trail encrypted: the database file shows neither a petition's matter nor a person's
/// name, while the administrator's audit viewer and its export show them; other staff see that the value is hidden.
/// SQLite's secure_delete is on, so a deleted record does not linger in the file's free pages.
/// </summary>
public sealed class AuditProtectionTests : IDisposable
{
    private readonly SanLingFactory _factory = DemoTown.Start(kestrel: false);

    [Fact]
    public async Task Secure_delete_is_on_for_the_portals_connections()
    {
        var value = await _factory.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA secure_delete;";
                return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        Assert.Equal(1L, value);
    }

    [Fact]
    public async Task A_petitions_matter_is_kept_only_encrypted_in_the_trail_and_gone_from_the_file_once_deleted_yet_the_admin_reads_it()
    {
        const string Matter = "反映邻居赵某某占用宅基地测试事由甲乙";
        var subjectId = await _factory.WithDbAsync(db => db.Subjects.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        var petitionId = await _factory.WithDbAsync(async db =>
        {
            var petition = new Petition { Number = "XF-AUDIT-1", SubjectId = subjectId, OccurredOn = new DateOnly(2026, 10, 8), Matter = Matter };
            db.Petitions.Add(petition);
            await db.SaveChangesAsync();
            db.Petitions.Remove(petition);
            await db.SaveChangesAsync();
            return petition.Id;
        });
        await KeyTestSupport.CheckpointAsync(_factory);

        var stored = await _factory.WithDbAsync(db => db.AuditEntries
            .Where(a => a.EntityType == nameof(Petition) && a.EntityId == petitionId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(a => a.Changes!).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, changes => Assert.Contains("\"Matter\":{\"protected\":", changes, StringComparison.Ordinal));
        Assert.All(stored, changes => Assert.Contains("XF-AUDIT-1", changes, StringComparison.Ordinal));
        Assert.Empty(KeyTestSupport.FilesHolding(Matter, KeyTestSupport.DatabaseFiles(_factory.DatabasePath)));

        var admin = await _factory.CreateBrowserlessClient().LoggedInAsync("admin");
        var page = await admin.GetPageAsync($"/Audit?type=Petition&recordId={petitionId}");
        var shown = page.QuerySelector("#audit-list")!.TextContent;
        Assert.Contains(Matter, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("\"protected\"", shown, StringComparison.Ordinal);

        var export = await admin.GetAsync($"/Audit/Export?type=Petition&recordId={petitionId}");
        Assert.Equal(System.Net.HttpStatusCode.OK, export.StatusCode);
        using var workbook = new ClosedXML.Excel.XLWorkbook(await export.Content.ReadAsStreamAsync());
        var cells = workbook.Worksheet(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains(cells, c => c.Contains(Matter, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Office_staff_see_a_records_history_without_the_personal_values()
    {
        var petitionId = await _factory.WithDbAsync(async db =>
        {
            var petition = await db.Petitions.OrderBy(p => p.Id).FirstAsync();
            petition.Matter = "历史中应隐藏的新事由丙丁";
            await db.SaveChangesAsync();
            return petition.Id;
        });
        var office = await _factory.CreateBrowserlessClient().LoggedInAsync("office");

        var history = (await office.GetPageAsync($"/Petitions/Details/{petitionId}")).QuerySelector("#history")!.TextContent;

        Assert.DoesNotContain("历史中应隐藏的新事由丙丁", history, StringComparison.Ordinal);
        Assert.DoesNotContain("\"protected\"", history, StringComparison.Ordinal);
        Assert.Contains("已加密", history, StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
