using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Notifications;
using SanLing.Infrastructure.Notifications;
using SanLing.Web.Tests.Supervision;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Notifications;

/// <summary>
/// Reminders that reach people: the bell and list, the daily digest by e-mail to a real SMTP server, retries and
/// failure, the scheduled card and due-month reminders as the clock moves, and nobody told outside their scope.
/// The job is driven by hand (<see cref="NotificationPump.RunOnceAsync"/>) with the test clock.
/// </summary>
public sealed class NotificationTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly SanLingFactory _factory = new(demo: false);
    private SupervisionTown _town = null!;

    public async Task InitializeAsync()
    {
        _town = await SupervisionTown.SeedAsync(_factory);
        await _factory.WithDbAsync(async db =>
        {
            foreach (var user in await db.Users.ToListAsync())
            {
                user.Email = $"{user.UserName}@town.example";
            }
            await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private Task<HttpClient> AsAsync(string user) => _factory.CreateBrowserlessClient().LoggedInAsync(user, TownBuilder.Password);

    private void At(int month, int day, int hour = 9) => _factory.Clock.Now = new DateTimeOffset(2026, month, day, hour, 0, 0, China);

    private Task RunJobAsync() => _factory.Services.GetRequiredService<NotificationPump>().RunOnceAsync(CancellationToken.None);

    private Task<List<Notification>> NotificationsOfAsync(string user) => _factory.WithDbAsync(db =>
        db.Notifications.AsNoTracking().Where(n => n.UserId == _town.Town.UserIds[user]).OrderBy(n => n.Id).ToListAsync());

    private Task<List<OutboxMessage>> OutboxAsync() => _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>The office issues a 督办 from the village's overdue hazard to its grid worker (default form values).</summary>
    private async Task<int> IssueAsync(string village, string limitDays = "3", bool fromDispute = false)
    {
        var office = await AsAsync("office");
        var page = await office.GetPageAsync(fromDispute
            ? $"/Supervision/Issue?source=RiskyDispute&id={_town.RiskyDispute(village)}"
            : $"/Supervision/Issue?source=OverdueHazard&id={_town.Hazard(village)}");
        var values = PortalClient.FormValues(page, "#issue-form");
        values["LimitDays"] = limitDays;
        var response = await office.PostFormAsync("/Supervision/Issue", PortalClient.TokenOf(page), values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The admin sets the mail server on the settings page (no TLS: the test server is plain).</summary>
    private async Task ConfigureMailAsync(int port, string password = "s3cret-smtp-pass", string digestHour = "8")
    {
        var admin = await AsAsync("admin");
        var page = await admin.GetPageAsync("/Settings");
        var values = PortalClient.FormValues(page, "#mail-settings-form");
        values["SmtpHost"] = "127.0.0.1";
        values["SmtpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        values["SmtpSecurity"] = "None";
        values["SmtpPassword"] = password;
        values["MailFrom"] = "sanling@town.example";
        values["DigestHour"] = digestHour;
        var response = await admin.PostFormAsync("/Settings/Mail", PortalClient.TokenOf(page), values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_new_order_reaches_its_addressee_in_the_bell_and_the_list_and_is_marked_read_by_them_alone()
    {
        var id = await IssueAsync("CUN01");
        var grid1 = await AsAsync("grid1");
        var home = await grid1.GetPageAsync("/Notifications");
        Assert.Equal("1", home.QuerySelector("#notification-count")!.TextContent.Trim());
        var item = Assert.Single(home.QuerySelectorAll("#notification-list li[data-notification]"));
        Assert.Equal("true", item.GetAttribute("data-unread"));
        var link = item.QuerySelector("a.notification-text")!;
        Assert.Equal($"/Supervision/Details/{id}", link.GetAttribute("href"));
        Assert.StartsWith("新督办：上塘村", link.TextContent, StringComparison.Ordinal);

        // In English the same item reads in English.
        var english = await AsAsync("grid1");
        await english.PostFormAsync("/Account/SetLanguage", await english.AntiforgeryTokenAsync("/Notifications"), [new("culture", "en"), new("returnUrl", "/Notifications")]);
        Assert.StartsWith("New supervision order: 上塘村", (await english.GetPageAsync("/Notifications")).QuerySelector("a.notification-text")!.TextContent, StringComparison.Ordinal);

        // Another worker cannot mark it read: it does not exist for them.
        var grid2 = await AsAsync("grid2");
        var notificationId = item.GetAttribute("data-notification")!;
        Assert.Equal(HttpStatusCode.NotFound, (await grid2.PostFormAsync($"/Notifications/MarkRead/{notificationId}", await grid2.AntiforgeryTokenAsync("/Notifications"), [])).StatusCode);
        Assert.Equal("1", (await grid1.GetPageAsync("/Notifications")).QuerySelector("#notification-count")!.TextContent.Trim());

        var list = await grid1.GetPageAsync("/Notifications");
        var mark = list.QuerySelector("form.mark-read-form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await grid1.PostFormAsync(mark.GetAttribute("action")!, PortalClient.TokenOf(list), [])).StatusCode);
        list = await grid1.GetPageAsync("/Notifications");
        Assert.Null(list.QuerySelector("#notification-count"));
        Assert.Equal("false", list.QuerySelector("#notification-list li")!.GetAttribute("data-unread"));

        // Mark all read clears several at once.
        await IssueAsync("CUN01", "5", fromDispute: true);
        await IssueAsync("CUN02", "5", fromDispute: true); // grid2's: untouched by grid1's "all"
        Assert.Equal("1", (await grid1.GetPageAsync("/Notifications")).QuerySelector("#notification-count")!.TextContent.Trim());
        list = await grid1.GetPageAsync("/Notifications");
        Assert.Equal(HttpStatusCode.Redirect, (await grid1.PostFormAsync("/Notifications/MarkAllRead", PortalClient.TokenOf(list), [])).StatusCode);
        Assert.Null((await grid1.GetPageAsync("/Notifications")).QuerySelector("#notification-count"));
        Assert.Equal("1", (await grid2.GetPageAsync("/Notifications")).QuerySelector("#notification-count")!.TextContent.Trim());
    }

    [Fact]
    public async Task Nobody_is_notified_outside_their_scope()
    {
        await IssueAsync("CUN01");
        At(12, 2); // 3 days before the November inspection's due day (5 December)
        await RunJobAsync();

        var grid1 = await NotificationsOfAsync("grid1");
        Assert.Contains(grid1, n => n.Kind == NotificationKind.SupervisionIssued);
        Assert.All(grid1, n => Assert.Contains("上塘村", n.Args, StringComparison.Ordinal));
        Assert.Single(grid1, n => n.Kind == NotificationKind.DueSoon);

        // The other village's worker: only their own grid's reminder, nothing of 上塘村's order.
        var grid2 = await NotificationsOfAsync("grid2");
        var due = Assert.Single(grid2);
        Assert.Equal(NotificationKind.DueSoon, due.Kind);
        Assert.Contains("下塘村第一网格", due.Args, StringComparison.Ordinal);

        // The liaison: their enterprise (no grids) only.
        var liaison = Assert.Single(await NotificationsOfAsync("liaison"));
        Assert.Contains("青山厂", liaison.Args, StringComparison.Ordinal);

        // Leadership gets nothing (no names, no personal data); its page and bell are empty.
        Assert.Empty(await NotificationsOfAsync("leader"));
        var leader = await AsAsync("leader");
        var page = await leader.GetPageAsync("/Notifications");
        Assert.Null(page.QuerySelector("#notification-count"));
        Assert.NotNull(page.QuerySelector("#no-notifications"));
        Assert.DoesNotContain("张三", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_due_month_is_reminded_3_days_and_1_day_before_the_due_day_once_each()
    {
        async Task<IReadOnlyList<string>> DueSoonAsync() => (await NotificationsOfAsync("grid1")).Where(n => n.Kind == NotificationKind.DueSoon).Select(n => n.DedupeKey!).ToList();

        At(11, 25);
        await RunJobAsync();
        Assert.Empty(await DueSoonAsync()); // 10 days left
        At(12, 1);
        await RunJobAsync();
        Assert.Empty(await DueSoonAsync()); // 4 days left
        At(12, 2);
        await RunJobAsync();
        await RunJobAsync();
        var first = Assert.Single(await DueSoonAsync());
        Assert.StartsWith("due:2026-11:3:", first, StringComparison.Ordinal);
        var text = (await NotificationsOfAsync("grid1")).Single(n => n.Kind == NotificationKind.DueSoon);
        Assert.Equal("上塘村第二网格 2026-11 月度排查尚未提交，2026-12-05 截止（还剩 3 天）", NotificationWording.Chinese(text.Kind, text.Args));
        At(12, 3);
        await RunJobAsync();
        Assert.Single(await DueSoonAsync());
        At(12, 4);
        await RunJobAsync();
        await RunJobAsync();
        Assert.Equal(2, (await DueSoonAsync()).Count);
        Assert.Contains(await DueSoonAsync(), k => k.StartsWith("due:2026-11:1:", StringComparison.Ordinal));
        At(12, 5);
        await RunJobAsync();
        At(12, 6);
        await RunJobAsync();
        Assert.Equal(2, (await DueSoonAsync()).Count);
    }

    [Fact]
    public async Task A_card_turning_yellow_then_red_then_escalated_is_told_once_each()
    {
        var id = await IssueAsync("CUN01", "1"); // Wed 25 Nov, due Thu 26 Nov
        await RunJobAsync();
        await RunJobAsync();
        Assert.Single(await NotificationsOfAsync("grid1"), n => n.Kind == NotificationKind.CardYellow);
        At(11, 27);
        await RunJobAsync();
        await RunJobAsync();
        Assert.Single(await NotificationsOfAsync("grid1"), n => n.Kind == NotificationKind.CardRed);
        Assert.DoesNotContain(await NotificationsOfAsync("office"), n => n.Kind == NotificationKind.Escalated);
        At(11, 30); // two working days past the limit (Fri, Mon)
        await RunJobAsync();
        At(12, 1);
        await RunJobAsync();
        Assert.Single(await NotificationsOfAsync("grid1"), n => n.Kind == NotificationKind.Escalated);
        var escalated = Assert.Single(await NotificationsOfAsync("office"), n => n.Kind == NotificationKind.Escalated);
        Assert.Equal($"/Supervision/Details/{id}", escalated.Link);
        Assert.Empty(await NotificationsOfAsync("grid2"));
        Assert.Empty(await NotificationsOfAsync("leader"));
    }

    [Fact]
    public async Task The_daily_digest_is_one_email_per_person_sent_to_a_real_smtp_server()
    {
        using var smtp = new TestSmtpServer();
        await ConfigureMailAsync(smtp.Port);
        // The password is kept encrypted, not in clear text.
        var stored = await _factory.WithDbAsync(db => db.SystemSettings.AsNoTracking().SingleAsync(s => s.Key == MailSettingsStore.Key));
        Assert.DoesNotContain("s3cret-smtp-pass", stored.Value, StringComparison.Ordinal);

        At(11, 25, hour: 7); // before the digest hour: the items wait
        await IssueAsync("CUN01");
        await IssueAsync("CUN02");
        await RunJobAsync();
        Assert.Empty(await OutboxAsync());

        At(11, 25, hour: 8);
        await RunJobAsync();
        var messages = await OutboxAsync();
        Assert.Equal(new[] { "grid1", "grid2" }, messages.Select(m => m.Address.Split('@')[0]).Order().ToArray());
        Assert.All(messages, m => Assert.Equal((DeliveryStatus.Sent, 1, Channel.Email), (m.Status, m.Attempts, m.Channel)));
        Assert.Equal(2, smtp.Received.Count);
        var mail = smtp.Received.Single(m => m.To.Mailboxes.Single().Address == "grid1@town.example");
        Assert.Equal("sanling@town.example", mail.From.Mailboxes.Single().Address);
        Assert.Contains("新督办：上塘村", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("下塘村", mail.TextBody, StringComparison.Ordinal);

        // Later the same day: no second digest, the new item waits for tomorrow's.
        await IssueAsync("CUN01", "5", fromDispute: true);
        At(11, 25, hour: 15);
        await RunJobAsync();
        Assert.Equal(2, smtp.Received.Count);
        At(11, 26, hour: 8);
        await RunJobAsync();
        Assert.Equal(3, smtp.Received.Count);
        Assert.Contains("新督办：上塘村", smtp.Received.Last().TextBody, StringComparison.Ordinal);

        // Each item showed in the portal at once, whatever the digest.
        Assert.Equal(2, (await NotificationsOfAsync("grid1")).Count(n => n.Kind == NotificationKind.SupervisionIssued));
    }

    [Fact]
    public async Task A_failed_send_is_retried_with_backoff_and_reported_as_failed_after_the_maximum_attempts()
    {
        using var refusing = new TestSmtpServer(reject: true);
        await ConfigureMailAsync(refusing.Port);
        await IssueAsync("CUN01");
        await RunJobAsync();
        var message = Assert.Single(await OutboxAsync());
        Assert.Equal((DeliveryStatus.Pending, 1), (message.Status, message.Attempts));
        Assert.Contains("rejected by the test", message.LastError, StringComparison.Ordinal);

        // Not tried again before the back-off has passed.
        await RunJobAsync();
        Assert.Equal(1, Assert.Single(await OutboxAsync()).Attempts);

        // The server goes down: further tries fail to connect, until the maximum.
        await ConfigureMailAsync(TestSmtpServer.FreePort());
        for (var attempt = 2; attempt <= DeliveryRules.MaxAttempts; attempt++)
        {
            _factory.Clock.Now += DeliveryRules.BackoffAfter(attempt - 1);
            await RunJobAsync();
            Assert.Equal(attempt, Assert.Single(await OutboxAsync()).Attempts);
        }
        message = Assert.Single(await OutboxAsync());
        Assert.Equal(DeliveryStatus.Failed, message.Status);
        Assert.NotNull(message.LastError);
        _factory.Clock.Now += TimeSpan.FromDays(1);
        await RunJobAsync();
        Assert.Equal(DeliveryRules.MaxAttempts, (await OutboxAsync()).Single(m => m.Id == message.Id).Attempts);

        // The admin sees it failed, with its error; nobody else sees the outbox.
        var admin = await AsAsync("admin");
        var row = (await admin.GetPageAsync("/Notifications/Outbox?status=Failed")).QuerySelector($"#outbox-table tr[data-message='{message.Id}']")!;
        Assert.Equal("发送失败", row.QuerySelector(".status")!.TextContent.Trim());
        Assert.Equal(message.LastError, row.QuerySelector(".last-error")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await AsAsync("office")).GetAsync("/Notifications/Outbox")).StatusCode);
    }

    [Fact]
    public async Task Reminder_generation_runs_a_fixed_number_of_queries_whatever_the_towns_size()
    {
        At(12, 2);
        using var counter = new QueryCounter(_factory.DatabasePath);
        var small = await counter.CountAsync(RunJobAsync);

        using var bigFactory = new SanLingFactory(demo: false);
        await SupervisionTown.SeedAsync(bigFactory, extra: 12);
        bigFactory.Clock.Now = _factory.Clock.Now;
        using var bigCounter = new QueryCounter(bigFactory.DatabasePath);
        var large = await bigCounter.CountAsync(() => bigFactory.Services.GetRequiredService<NotificationPump>().RunOnceAsync(CancellationToken.None));
        Assert.True(large <= small + 2, $"{small} SQL commands for 3 subjects, {large} for 27");
    }
}
