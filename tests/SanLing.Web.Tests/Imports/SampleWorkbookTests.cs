using Microsoft.EntityFrameworkCore;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Imports;

/// <summary>
/// The town's real 2024 workbooks (shared/samples/town-2024) import into an empty database, in dependency order,
/// through the same import code as the page, without a single refused row; importing them again changes nothing.
/// </summary>
public sealed class SampleWorkbookTests
{
    /// <summary>Dependency order: the registry, its grids, key persons (cases name them), then the rest.</summary>
    private static readonly string[] Order =
        ["subjects", "grids", "key-persons", "petitions", "accidents", "cases", "rental-houses", "inspections", "attestations"];

    /// <summary>shared/samples/town-2024, found above the test binaries (CI clones the repository beside shared/).</summary>
    internal static string SamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "samples", "town-2024");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/samples/town-2024 not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task All_nine_sample_workbooks_import_into_an_empty_database_without_a_row_error_and_again_without_change()
    {
        using var factory = new SanLingFactory(demo: false);
        _ = factory.Server;
        await SmallTownFixture.CreateTownAsync(factory);
        var folder = SamplesFolder();
        Assert.Equal(Order.Length, Directory.GetFiles(folder, "*.xlsx").Length);

        var firstCounts = new Dictionary<string, IReadOnlyList<Infrastructure.Excel.SheetCount>>();
        foreach (var template in Order)
        {
            await using var stream = File.OpenRead(Path.Combine(folder, template + ".xlsx"));
            var result = await SmallTownFixture.ImportAsync(factory, template, stream);
            ImportAssert.Succeeded(result);
            Assert.All(result.Counts, c => Assert.Equal(0, c.Updated));
            Assert.Contains(result.Counts, c => c.Inserted > 0);
            firstCounts[template] = result.Counts;
        }

        // Again: every row is found by its key and updated in place, nothing is inserted twice.
        foreach (var template in Order)
        {
            await using var stream = File.OpenRead(Path.Combine(folder, template + ".xlsx"));
            var result = await SmallTownFixture.ImportAsync(factory, template, stream);
            ImportAssert.Succeeded(result);
            Assert.All(result.Counts, c => Assert.Equal(0, template == "inspections" && c.Sheet == "发现" ? c.Inserted - firstCounts[template].Single(f => f.Sheet == c.Sheet).Inserted : c.Inserted));
        }
    }

    /// <summary>The order templates.md lists the templates in: cases come before the key persons they name.</summary>
    private static readonly string[] ListedOrder =
        ["subjects", "grids", "petitions", "accidents", "cases", "inspections", "key-persons", "rental-houses", "attestations"];

    [Fact]
    public async Task Cases_imported_before_key_persons_are_linked_to_them_when_the_key_persons_arrive()
    {
        using var factory = new SanLingFactory(demo: false);
        _ = factory.Server;
        await SmallTownFixture.CreateTownAsync(factory);
        var folder = SamplesFolder();
        foreach (var template in ListedOrder)
        {
            await using var stream = File.OpenRead(Path.Combine(folder, template + ".xlsx"));
            ImportAssert.Succeeded(await SmallTownFixture.ImportAsync(factory, template, stream));
        }

        var cases = await factory.WithDbAsync(db => db.Cases.AsNoTracking()
            .Where(c => c.OffenderNumber != null)
            .Select(c => new { c.Number, c.OffenderNumber, Linked = c.OffenderKeyPerson != null ? c.OffenderKeyPerson.Number : null })
            .ToListAsync());
        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.Equal(c.OffenderNumber, c.Linked));
    }
}
