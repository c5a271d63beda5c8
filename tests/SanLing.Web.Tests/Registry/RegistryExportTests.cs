using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Web.Tests.Imports;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Registry;

/// <summary>单位名录 export: the list as shown, in the workbook the subjects import reads.</summary>
[Collection(DemoTownCollection.Name)]
public sealed class RegistryExportTests(DemoTownFixture demo)
{
    [Fact]
    public async Task The_export_imports_into_an_empty_town_as_the_same_subjects()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var response = await client.GetAsync("/Subjects/Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var exported = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var cells = Xlsx.Cells(exported);

        using var target = new SanLingFactory(demo: false);
        _ = target.Server;
        await SmallTownFixture.CreateTownAsync(target);
        exported.Position = 0;
        var result = await SmallTownFixture.ImportAsync(target, "subjects", exported);
        ImportAssert.Succeeded(result);

        var source = await demo.Factory.WithDbAsync(db => db.Subjects.OrderBy(s => s.Code)
            .Select(s => new { s.Code, s.Name, s.Kind, Territory = s.Territory!.Code, s.PrincipalName, s.LeaderInChargeName, s.Phone, s.Address, s.EstablishedOn, s.DissolvedOn })
            .ToListAsync());
        var copy = await target.WithDbAsync(db => db.Subjects.OrderBy(s => s.Code)
            .Select(s => new { s.Code, s.Name, s.Kind, Territory = s.Territory!.Code, s.PrincipalName, s.LeaderInChargeName, s.Phone, s.Address, s.EstablishedOn, s.DissolvedOn })
            .ToListAsync());
        Assert.Equal(source.Count, Assert.Single(result.Counts).Inserted);
        Assert.Equal(source, copy);

        // And the copy exports to the very same cells (codes and phones stay text, leading zeros kept).
        using var again = await SmallTownFixture.ExportAsync(target, "subjects");
        Assert.Equal(cells, Xlsx.Cells(again));
    }

    [Fact]
    public async Task The_export_follows_the_lists_filter_and_is_audited()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var villages = await demo.Factory.WithDbAsync(db => db.Subjects.CountAsync(s => s.Kind == SanLing.Domain.Subjects.SubjectKind.Village));
        var audited = await demo.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Subject"));

        var response = await client.GetAsync("/Subjects/Export?kind=Village");
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));

        Assert.Equal(villages, workbook.Worksheet("单位").RowsUsed().Count() - 1);
        Assert.Equal(audited + 1, await demo.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Subject")));
    }

    [Fact]
    public async Task Only_the_office_exports_the_registry_with_its_names_and_phones()
    {
        foreach (var user in new[] { "grid", "leader", "liaison" })
        {
            var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Subjects/Export")).StatusCode);
        }
    }
}
