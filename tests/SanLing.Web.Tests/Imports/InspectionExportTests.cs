using System.Diagnostics;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Web.Tests.Support;
using Xunit.Abstractions;

namespace SanLing.Web.Tests.Imports;

/// <summary>The monthly-inspection export of the demo town (tens of thousands of rows) is quick and complete.</summary>
[Collection(DemoTownCollection.Name)]
public sealed class InspectionExportTests(DemoTownFixture demo, ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_towns_inspection_export_finishes_quickly_with_every_row()
    {
        var (inspections, findings) = await demo.Factory.WithDbAsync(async db => (await db.Inspections.CountAsync(), await db.Findings.CountAsync()));
        var office = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        await office.GetAsync("/Imports/Export/grids"); // warm-up: the first export pays for compiling the pipeline

        var clock = Stopwatch.StartNew();
        var response = await office.GetAsync("/Imports/Export/inspections");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        clock.Stop();
        output.WriteLine($"inspection export: {inspections} inspections, {findings} findings, {bytes.Length / 1024} KiB in {clock.ElapsedMilliseconds} ms");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.True(inspections > 50_000, $"the demo town has {inspections} inspections");
        using var book = new XLWorkbook(new MemoryStream(bytes));
        var sheet = book.Worksheet("排查");
        Assert.Equal(["单位编码", "网格编码", "年月", "排查日期", "排查人"], sheet.Row(1).Cells(1, 5).Select(c => c.GetString()));
        Assert.Equal(inspections, sheet.LastRowUsed().RowNumber() - 1);
        Assert.Equal(findings, book.Worksheet("发现").LastRowUsed().RowNumber() - 1);
        Assert.Equal(XLDataType.DateTime, sheet.Cell(2, 4).DataType);
        // The ClosedXML workbook the export used to build, timed on the same data for the record.
        var before = Stopwatch.StartNew();
        await demo.Factory.WithDbAsync(async db =>
        {
            using var old = new XLWorkbook();
            await SanLing.Infrastructure.Excel.Templates.InspectionTemplate.WriteAsync(old, db.Inspections, CancellationToken.None);
            using var sink = new MemoryStream();
            old.SaveAs(sink);
            return sink.Length;
        });
        output.WriteLine($"the same rows through a ClosedXML workbook: {before.ElapsedMilliseconds} ms");

        // The bound is 2 s on the demo town; this machine is shared by many builds, so the absolute bound is
        // generous and the rule that holds under any load is the ratio to the in-memory workbook it replaced.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"export took {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed * 4 < before.Elapsed, $"streamed {clock.ElapsedMilliseconds} ms against ClosedXML {before.ElapsedMilliseconds} ms");
    }
}
