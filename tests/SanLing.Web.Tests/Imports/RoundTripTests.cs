using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Excel.Templates;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Imports;

/// <summary>
/// Every template's export re-imports to the same data: the demo town's ledgers are exported, imported into an
/// empty database, exported again from there, and the two workbooks hold the same cells (values and types).
/// </summary>
[Collection(DemoTownCollection.Name)]
public sealed class RoundTripTests(DemoTownFixture demo, Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>In dependency order: codes referred to by later templates are imported first.</summary>
    private static readonly string[] Order = ["subjects", "grids", "key-persons", "rental-houses", "petitions", "accidents", "cases", "inspections", "attestations"];

    /// <summary>
    /// The demo town's ledger; its 70 000 inspections and 40 000 attestations are cut to one month and the villages'
    /// and communities' attestations of one year (the exporters take any filtered query) to keep the suite quick.
    /// </summary>
    private async Task<MemoryStream> ExportSourceAsync(string template, bool reveal)
    {
        if (template is not ("inspections" or "attestations"))
        {
            return await SmallTownFixture.ExportAsync(demo.Factory, template, reveal);
        }
        return await demo.Factory.WithDbAsync(async db =>
        {
            using var workbook = new ClosedXML.Excel.XLWorkbook();
            if (template == "inspections")
            {
                await InspectionTemplate.WriteAsync(workbook, db.Inspections.Where(i => i.Month == new DateOnly(2026, 1, 1)), CancellationToken.None);
            }
            else
            {
                await AttestationTemplate.WriteAsync(workbook, db.Attestations.Where(a => a.Year == 2025 && (a.Subject!.Kind == SubjectKind.Village || a.Subject.Kind == SubjectKind.Community)), CancellationToken.None);
            }
            var stream = new MemoryStream();
            workbook.SaveAs(stream);
            stream.Position = 0;
            return stream;
        });
    }

    [Fact]
    public async Task Every_export_reimports_to_the_same_data()
    {
        using var target = new SanLingFactory(demo: false);
        _ = target.Server;
        await SmallTownFixture.CreateTownAsync(target);

        foreach (var template in Order)
        {
            // Key persons in full: a masked number cannot create a person elsewhere.
            var reveal = template == "key-persons";
            using var source = await ExportSourceAsync(template, reveal);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var sourceCells = Xlsx.Cells(source);
            Assert.True(sourceCells.Count > 20, $"{template}: the demo export is nearly empty");

            source.Position = 0;
            var first = await SmallTownFixture.ImportAsync(target, template, source);
            ImportAssert.Succeeded(first);
            output.WriteLine($"{template}: {string.Join(", ", first.Counts)} imported in {watch.Elapsed.TotalSeconds:0.0}s");
            Assert.All(first.Counts, c => Assert.Equal(0, c.Updated));

            using var copy = await SmallTownFixture.ExportAsync(target, template, reveal);
            Assert.Equal(sourceCells, Xlsx.Cells(copy));

            // Importing the copy again only updates (an inspection's findings are replaced, so they count as new),
            // and the data stays the same.
            copy.Position = 0;
            var again = await SmallTownFixture.ImportAsync(target, template, copy);
            ImportAssert.Succeeded(again);
            foreach (var (before, after) in first.Counts.Zip(again.Counts))
            {
                Assert.Equal(before.Sheet == "发现" ? (before.Inserted, 0) : (0, before.Inserted), (after.Inserted, after.Updated));
            }
            using var third = await SmallTownFixture.ExportAsync(target, template, reveal);
            Assert.Equal(sourceCells, Xlsx.Cells(third));
        }
    }
}
