using System.Net;
using System.Net.Http.Headers;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Inspections;
using SanLing.Infrastructure.Identity;
using SanLing.Infrastructure.Photos;
using SanLing.Web.Tests.Support;
using SkiaSharp;

namespace SanLing.Web.Tests.Photos;

/// <summary>A town for the photo tests: 东村 (V1, grid of w1) with the enterprise E1 (liaison l1), 西村 (V2, w2), office and leadership.</summary>
public sealed class PhotoTownFixture : IAsyncLifetime
{
    public SanLingFactory Factory { get; } = new(demo: false);
    public Dictionary<string, int> Subjects { get; } = [];
    public Dictionary<string, int> Grids { get; } = [];

    public async Task InitializeAsync()
    {
        var town = await new TownBuilder().DueDay(5)
            .Village("V1", "东村").WithGrid("V1-G1", "第一网格", "钱一", "13800000001", account: "w1")
            .Village("V2", "西村").WithGrid("V2-G1", "西一网格", "李三", "13800000003", account: "w2")
            .Enterprise("E1", "东村农机厂", territory: "V1")
            .User("w1", Roles.GridWorker, "V1")
            .User("w2", Roles.GridWorker, "V2")
            .User("l1", Roles.Liaison, "E1")
            .User("o1", Roles.Office)
            .User("lead", Roles.Leadership)
            .BuildAsync(Factory);
        foreach (var s in town.Subjects)
        {
            Subjects[s.Code] = s.Id;
        }
        foreach (var g in town.Grids)
        {
            Grids[g.Code] = g.Id;
        }
    }

    public async Task<HttpClient> ClientAsync(string user) =>
        await Factory.CreateBrowserlessClient().LoggedInAsync(user, TownBuilder.Password);

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Photos on findings as the server treats them (decision 0014): a camera JPEG with GPS is stored shrunk and without its
/// location; a renamed text file, an oversized file and a decompression bomb are refused with a message and nothing is
/// written; a photo is shown to the office and the worker of its village, not to another village's worker, the
/// liaison of another subject, or leadership.
/// </summary>
public sealed class FindingPhotoTests(PhotoTownFixture town) : IClassFixture<PhotoTownFixture>
{
    private string EditUrl(string month) => $"/Inspections/Edit?subjectId={town.Subjects["V1"]}&gridId={town.Grids["V1-G1"]}&month={month}";

    /// <summary>The inspection form of <paramref name="month"/> with one hazard and the files, as the phone's browser posts it (multipart).</summary>
    private async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string month, bool recordLocation, params (string Name, byte[] Content, string Type)[] photos)
    {
        var page = await client.GetPageAsync(EditUrl(month));
        var values = PortalClient.FormValues(page);
        values.Remove("Findings[0].Photos");
        values.Remove("Findings[0].AfterPhotos");
        values["Findings[0].Type"] = "Hazard";
        values["Findings[0].HazardCategory"] = "Fire";
        values["Findings[0].RiskLevel"] = "General";
        values["Findings[0].Description"] = "灭火器过期";
        values["Findings[0].RectifyBy"] = "2026-11-20";
        values["Command"] = "submit";
        if (recordLocation)
        {
            values["RecordLocation"] = "true";
        }
        values["__RequestVerificationToken"] = PortalClient.TokenOf(page);
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var (name, bytes, type) in photos)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, "Findings[0].Photos", name);
        }
        return await client.PostAsync("/Inspections/Edit", content);
    }

    private Task<List<FindingPhoto>> PhotosOfMonthAsync(string month) => town.Factory.WithDbAsync(db =>
    {
        var day = DateOnly.Parse(month + "-01", System.Globalization.CultureInfo.InvariantCulture);
        return db.FindingPhotos.AsNoTracking().Where(p => p.Finding!.Inspection!.Month == day).ToListAsync();
    });

    private string[] StoredFiles() =>
        System.IO.Directory.Exists(town.Factory.PhotoDirectory) ? System.IO.Directory.GetFiles(town.Factory.PhotoDirectory) : [];

    private static bool HasGps(byte[] jpeg)
    {
        using var stream = new MemoryStream(jpeg);
        return ImageMetadataReader.ReadMetadata(stream).OfType<GpsDirectory>().Any(g => g.GetGeoLocation() is not null);
    }

    [Fact]
    public async Task A_camera_jpeg_with_gps_is_stored_shrunk_and_without_its_location()
    {
        var original = PhotoFiles.JpegWithGps(3000, 2000);
        Assert.True(HasGps(original), "the test photo must carry GPS to prove anything");
        var client = await town.ClientAsync("w1");

        var response = await SubmitAsync(client, "2026-10", recordLocation: false, ("IMG_0001.jpg", original, "image/jpeg"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var photo = Assert.Single(await PhotosOfMonthAsync("2026-10"));
        Assert.Equal(PhotoStage.Before, photo.Stage);
        Assert.Equal((1600, 1067), (photo.Width, photo.Height));
        Assert.Null(photo.Latitude);
        Assert.Null(photo.Longitude);
        Assert.DoesNotContain("IMG_0001", photo.StoredName, StringComparison.Ordinal);
        var stored = await File.ReadAllBytesAsync(Path.Combine(town.Factory.PhotoDirectory, photo.StoredName));
        Assert.Equal(photo.Bytes, stored.Length);
        Assert.True(stored.Length < original.Length / 2, $"stored {stored.Length} bytes of {original.Length}");
        Assert.False(HasGps(stored));
        using var stream = new MemoryStream(stored);
        Assert.Empty(ImageMetadataReader.ReadMetadata(stream).OfType<ExifDirectoryBase>());
        using var decoded = SKBitmap.Decode(stored);
        Assert.Equal((1600, 1067), (decoded.Width, decoded.Height));
        Assert.DoesNotContain("wwwroot", town.Factory.PhotoDirectory, StringComparison.Ordinal);

        // The photo is on the finding in the form, as a thumbnail that opens it.
        var page = await client.GetPageAsync(EditUrl("2026-10"));
        var link = page.QuerySelector($".finding-photos a[href='/Photos/Show/{photo.Id}']");
        Assert.NotNull(link);
        Assert.Equal($"/Photos/Show/{photo.Id}?thumb=true", link.QuerySelector("img")?.GetAttribute("src"));
    }

    [Fact]
    public async Task With_record_location_ticked_only_the_rounded_position_is_kept_in_the_database_not_in_the_file()
    {
        var client = await town.ClientAsync("w1");

        var response = await SubmitAsync(client, "2026-09", recordLocation: true, ("IMG_0002.jpg", PhotoFiles.JpegWithGps(800, 600), "image/jpeg"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var photo = Assert.Single(await PhotosOfMonthAsync("2026-09"));
        Assert.Equal(Math.Round(PhotoFiles.Latitude, 5), photo.Latitude);
        Assert.Equal(Math.Round(PhotoFiles.Longitude, 5), photo.Longitude);
        Assert.Equal((800, 600), (photo.Width, photo.Height));
        Assert.False(HasGps(await File.ReadAllBytesAsync(Path.Combine(town.Factory.PhotoDirectory, photo.StoredName))));
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "text", "不是照片" },
        { "oversized", "太大" },
        { "bomb", "像素太多" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_file_that_is_not_a_sound_photo_is_refused_with_a_message_and_nothing_is_written(string kind, string message)
    {
        var (name, content) = kind switch
        {
            "text" => ("receipt.jpg", "这不是照片，只是改了扩展名的文本。"u8.ToArray()),
            "oversized" => ("huge.jpg", [0xFF, 0xD8, 0xFF, .. new byte[PhotoRules.MaxUploadBytes]]),
            _ => ("bomb.png", PhotoFiles.PngClaiming(50000, 50000)),
        };
        var month = kind switch { "text" => "2026-08", "oversized" => "2026-07", _ => "2026-06" };
        var client = await town.ClientAsync("w1");
        var filesBefore = StoredFiles();

        var response = await SubmitAsync(client, month, recordLocation: false, (name, content, "image/jpeg"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        var shown = page.QuerySelector("[data-field='Findings[0].Photos'], field-error[name='Findings[0].Photos']")?.TextContent
            ?? string.Concat(page.QuerySelectorAll(".invalid-feedback, .text-danger, .alert-danger").Select(e => e.TextContent));
        Assert.Contains(name, shown, StringComparison.Ordinal);
        Assert.Contains(message, shown, StringComparison.Ordinal);
        var day = DateOnly.Parse(month + "-01", System.Globalization.CultureInfo.InvariantCulture);
        var gridId = town.Grids["V1-G1"];
        Assert.False(await town.Factory.WithDbAsync(db => db.Inspections.AnyAsync(i => i.GridId == gridId && i.Month == day)));
        Assert.Empty(await PhotosOfMonthAsync(month));
        Assert.Equal(filesBefore.Order(), StoredFiles().Order());
    }

    [Fact]
    public void A_decompression_bomb_is_refused_from_its_header_before_decoding()
    {
        var (photo, refusal) = PhotoProcessor.Process(PhotoFiles.PngClaiming(50000, 50000), recordLocation: false);

        Assert.Null(photo);
        Assert.Contains("像素太多", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_photo_is_shown_to_the_office_and_its_villages_worker_never_to_another_village_the_other_liaison_or_leadership()
    {
        var owner = await town.ClientAsync("w1");
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(owner, "2026-05", recordLocation: false, ("IMG_0005.jpg", PhotoFiles.JpegWithGps(640, 480), "image/jpeg"))).StatusCode);
        var photo = Assert.Single(await PhotosOfMonthAsync("2026-05"));
        var url = $"/Photos/Show/{photo.Id}";

        foreach (var user in new[] { "w1", "o1" })
        {
            var client = user == "w1" ? owner : await town.ClientAsync(user);
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl?.Private, $"{user}: Cache-Control private");
            Assert.False(HasGps(await response.Content.ReadAsByteArrayAsync()));
            var thumb = await client.GetAsync(url + "?thumb=true");
            using var small = SKBitmap.Decode(await thumb.Content.ReadAsByteArrayAsync());
            Assert.Equal(PhotoRules.ThumbnailLongestSide, Math.Max(small.Width, small.Height));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await (await town.ClientAsync("w2")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await town.ClientAsync("l1")).GetAsync(url)).StatusCode);
        var leader = await (await town.ClientAsync("lead")).GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, leader.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/Photos/Show/999999")).StatusCode);
    }

    [Fact]
    public async Task A_rectified_hazard_takes_after_photos_and_the_office_sees_the_photos_on_its_overdue_list()
    {
        var worker = await town.ClientAsync("w1");
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(worker, "2026-04", recordLocation: false, ("before.jpg", PhotoFiles.JpegWithGps(640, 480), "image/jpeg"))).StatusCode);
        var before = Assert.Single(await PhotosOfMonthAsync("2026-04"));

        // Overdue (整改期限 2026-11-20, today 2026-11-25): on the office's work list with its photo.
        var office = await town.ClientAsync("o1");
        var list = await office.GetPageAsync("/InspectionReview/WorkList?list=hazards");
        Assert.NotNull(list.QuerySelector($"#overdue-hazards a[href='/Photos/Show/{before.Id}']"));

        // 待办: the card shows the photo; 已整改 with an "after" photo.
        var todo = await worker.GetPageAsync("/Inspections/Todo");
        var card = todo.QuerySelector($"li[data-finding='{before.FindingId}']");
        Assert.NotNull(card?.QuerySelector($"a[href='/Photos/Show/{before.Id}']"));
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)card!.QuerySelector("form.follow-up-form")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(PortalClient.TokenOf(todo)), "__RequestVerificationToken" },
            { new StringContent(form.QuerySelector("input[name=Version]")!.GetAttribute("value")!), "Version" },
            { new StringContent("2026-11-24"), "ClosedOn" },
            { new StringContent("Rectified"), "Outcome" },
        };
        var file = new ByteArrayContent(PhotoFiles.JpegWithGps(640, 480));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "AfterPhotos", "after.jpg");

        var response = await worker.PostAsync(form.Action, content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var photos = await PhotosOfMonthAsync("2026-04");
        Assert.Equal([PhotoStage.Before, PhotoStage.After], photos.OrderBy(p => p.Id).Select(p => p.Stage));
        var findingId = before.FindingId;
        Assert.Equal(FindingStatus.Rectified, await town.Factory.WithDbAsync(db => db.Findings.Where(f => f.Id == findingId).Select(f => f.Status).SingleAsync()));
    }
}
