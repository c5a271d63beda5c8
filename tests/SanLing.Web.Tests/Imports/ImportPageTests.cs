using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using ClosedXML.Excel;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Imports;

/// <summary>The 数据导入 pages as office staff use them, and as other roles are refused.</summary>
[Collection(DemoTownCollection.Name)]
public sealed class ImportPageTests(DemoTownFixture demo)
{
    private async Task<HttpClient> OfficeAsync() => await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string template, byte[] content, string fileName)
    {
        var token = await client.AntiforgeryTokenAsync("/Imports");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/Imports/Upload/{template}", form);
    }

    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.NotNull(page.QuerySelector("#import-refused"));
        return page.QuerySelector("#import-errors tbody")!.TextContent;
    }

    [Fact]
    public async Task Office_sees_every_template_and_downloads_a_blank_one()
    {
        var client = await OfficeAsync();
        var page = await client.GetPageAsync("/Imports");
        Assert.Equal(9, page.QuerySelectorAll(".import-card form[enctype='multipart/form-data']").Length);
        Assert.NotNull(page.QuerySelector("a.nav-link[href='/Imports']"));

        var response = await client.GetAsync("/Imports/Template/inspections");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["排查", "发现", "说明"], workbook.Worksheets.Select(w => w.Name));
        Assert.Equal(["单位编码", "网格编码", "年月", "排查日期", "排查人"], workbook.Worksheet("排查").Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal(1, workbook.Worksheet("排查").LastRowUsed().RowNumber());
    }

    [Fact]
    public async Task An_exported_ledger_uploads_back_as_updates_only()
    {
        var client = await OfficeAsync();
        var export = await client.GetAsync("/Imports/Export/rental-houses");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();

        var response = await UploadAsync(client, "rental-houses", bytes, "出租屋.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.NotNull(page.QuerySelector("#import-success"));
        var cells = page.QuerySelectorAll("#import-counts tbody td").Select(td => td.TextContent).ToList();
        Assert.Equal("出租屋", cells[0]);
        Assert.Equal("0", cells[1]);
        Assert.True(int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture) > 100);
    }

    [Fact]
    public async Task A_workbook_with_bad_rows_lists_each_row_and_writes_nothing()
    {
        var client = await OfficeAsync();
        using var workbook = Xlsx.Book(Xlsx.Sheet("信访", TemplateImportTests.PetitionHeaders,
            ["PG-1", "CUN01", new DateOnly(2026, 1, 5), "个体访", 1, null, null, "受理", null, "否", "否"],
            ["PG-2", "NOPE", new DateOnly(2026, 1, 5), "个体访", 1, null, null, "受理", null, "否", "否"],
            ["PG-3", "CUN01", new DateOnly(2026, 1, 5), "个体访", 1, null, null, "已化解", null, "否", "否"]));
        using var stream = Xlsx.ToStream(workbook);

        var errors = await RefusalAsync(await UploadAsync(client, "petitions", stream.ToArray(), "信访.xlsx"));
        Assert.Contains("NOPE", errors, StringComparison.Ordinal);
        Assert.Contains("化解日期", errors, StringComparison.Ordinal);
        Assert.Equal(0, await demo.Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Petitions, p => p.Number.StartsWith("PG-"))));
    }

    [Fact]
    public async Task Non_xlsx_oversize_malformed_and_zip_bomb_uploads_get_a_chinese_message_never_500()
    {
        var client = await OfficeAsync();

        // A CSV renamed to .xlsx: refused by content, not by name.
        Assert.Contains("不是有效的 Excel", await RefusalAsync(await UploadAsync(client, "subjects", "编码,名称\nC1,东村\n"u8.ToArray(), "单位.xlsx")), StringComparison.Ordinal);

        // A zip that is not a workbook.
        Assert.Contains("不是有效的 Excel", await RefusalAsync(await UploadAsync(client, "subjects", Zip(("word/document.xml", new byte[100])), "单位.xlsx")), StringComparison.Ordinal);

        // Looks like a workbook, but its parts are garbage.
        Assert.Contains("无法作为 Excel 工作簿读取", await RefusalAsync(await UploadAsync(client, "subjects", Zip(("xl/workbook.xml", "<not-xml"u8.ToArray()), ("[Content_Types].xml", "garbage"u8.ToArray())), "单位.xlsx")), StringComparison.Ordinal);

        // Over the size cap.
        var big = new byte[(int)Infrastructure.Excel.XlsxUpload.MaxBytes + 200_000];
        Random.Shared.NextBytes(big);
        Assert.Contains("超过 10 MB", await RefusalAsync(await UploadAsync(client, "subjects", big, "单位.xlsx")), StringComparison.Ordinal);

        // A small file that decompresses to more than the cap.
        Assert.Contains("解压后过大", await RefusalAsync(await UploadAsync(client, "subjects", Zip(("xl/workbook.xml", new byte[10]), ("xl/worksheets/sheet1.xml", new byte[210 * 1024 * 1024])), "单位.xlsx")), StringComparison.Ordinal);

        // Nothing chosen.
        Assert.Contains("请选择", await RefusalAsync(await UploadAsync(client, "subjects", [], "空.xlsx")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grid")]
    [InlineData("leader")]
    [InlineData("liaison")]
    public async Task Other_roles_get_403_on_every_import_page(string user)
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Imports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Imports/Template/petitions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Imports/Export/key-persons")).StatusCode);
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.xlsx" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/Imports/Upload/petitions", form)).StatusCode);
        var home = await client.GetPageAsync("/Subjects");
        Assert.Null(home.QuerySelector("a.nav-link[href='/Imports']"));
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }
}
