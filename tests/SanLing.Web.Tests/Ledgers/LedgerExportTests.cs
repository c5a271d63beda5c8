using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Ledgers;

[Collection(DemoTownCollection.Name)]
public sealed class LedgerExportTests(DemoTownFixture demo)
{
    private static async Task<List<string>> ExportedNumbersAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheets.First();
        return sheet.RowsUsed().Skip(1).Select(r => r.Cell(1).GetString()).ToList();
    }

    [Fact]
    public async Task The_export_holds_exactly_the_filtered_list_and_is_audited()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var expected = await demo.Factory.WithDbAsync(db => db.Petitions.Where(p => p.OccurredOn.Year == 2024).OrderBy(p => p.Number).Select(p => p.Number).ToListAsync());
        var auditsBefore = await demo.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Export));

        var numbers = await ExportedNumbersAsync(await client.GetAsync("/Petitions/Export?from=2024-01-01&to=2024-12-31"));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, numbers.Order().ToList());
        Assert.Equal(auditsBefore + 1, await demo.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Export)));
    }

    [Fact]
    public async Task A_grid_workers_export_holds_only_their_village()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var expected = await demo.Factory.WithDbAsync(db => db.Grids.Where(g => g.Subject!.Code == "CUN01" || g.Subject.Territory!.Code == "CUN01").Select(g => g.Code).ToListAsync());

        var codes = await ExportedNumbersAsync(await client.GetAsync("/Grids/Export"));

        Assert.Equal(expected.Order(), codes.Order());
    }

    [Theory]
    [InlineData("/Petitions/Export")]
    [InlineData("/Accidents/Export")]
    [InlineData("/Cases/Export")]
    [InlineData("/Grids/Export")]
    public async Task Leadership_cannot_export_ledgers(string url)
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
    }
}
