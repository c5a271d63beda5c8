using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using SanLing.Domain.Inspections;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Browser;

/// <summary>A village with one grid (worker w3) and its October inspection submitted, served over real HTTP; today 2026-11-25.</summary>
public sealed class KestrelSignOffTownFixture : IAsyncLifetime, IDisposable
{
    public SanLingFactory Factory { get; } = new(demo: false);

    public string BaseUrl { get; private set; } = "";

    public int SubjectId { get; private set; }

    public int GridId { get; private set; }

    public async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        BaseUrl = Factory.ClientOptions.BaseAddress.ToString();
        var builder = new TownBuilder().DueDay(5)
            .Village("V2", "西村")
                .WithGrid("V2-G1", "西一网格", "李三", "13800000003", account: "w3")
            .User("w3", Roles.GridWorker, "V2")
            .User("o1", Roles.Office);
        // Through the app's services (BuildAsync(factory) reads the test server, which Kestrel has not).
        BuiltTown town;
        using (var scope = Factory.Services.CreateScope())
        {
            town = await builder.BuildAsync(scope.ServiceProvider.GetRequiredService<SanLing.Infrastructure.Data.SanLingDbContext>(), scope.ServiceProvider);
        }
        SubjectId = town.Subjects.Single().Id;
        GridId = town.Grids.Single().Id;
        await Factory.WithDbAsync(async db =>
        {
            db.Inspections.Add(new Inspection
            {
                SubjectId = SubjectId, GridId = GridId, Month = new DateOnly(2026, 10, 1), InspectedOn = new DateOnly(2026, 10, 21),
                Inspector = "李三", Status = InspectionStatus.Submitted, SubmittedAt = DateTimeOffset.UtcNow, NothingFound = true,
            });
            await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Factory.Dispose();
}

/// <summary>Real Chromium: the office returns an inspection with a reason; the grid worker sees it on a 360 px phone and resubmits.</summary>
public sealed class SignOffBrowserTests(KestrelSignOffTownFixture portal) : IClassFixture<KestrelSignOffTownFixture>
{
    private const string Reason = "请写明排查的具体地点和走访的农户";

    [BrowserFact]
    public void The_grid_worker_sees_the_returned_inspection_with_its_reason_on_a_phone_and_resubmits()
    {
        using (var office = new BrowserSession(portal.BaseUrl, 1280, 900))
        {
            office.LogIn("o1", TownBuilder.Password);
            office.Open($"/Inspections/Edit?subjectId={portal.SubjectId}&gridId={portal.GridId}&month=2026-10");
            var reason = office.Find("#return-reason-input");
            ((IJavaScriptExecutor)office.Driver).ExecuteScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", reason);
            reason.SendKeys(Reason);
            office.Find("#return-button").Click();
            Assert.Equal(Reason, office.Find("#return-reason").Text.Trim());
            office.Screenshot("signoff-1-office-returns-an-inspection");
        }

        using var phone = new BrowserSession(portal.BaseUrl, 360, 740);
        phone.LogIn("w3", TownBuilder.Password);
        phone.Open("/Worklist");
        var item = phone.Find("#returned-inspections [data-kind=returned]");
        Assert.Contains(Reason, item.Text, StringComparison.Ordinal);
        Assert.True((long)((IJavaScriptExecutor)phone.Driver).ExecuteScript("return document.documentElement.scrollWidth")! <= 360, "the worklist is wider than the phone");
        phone.Screenshot("signoff-2-worker-sees-the-return-at-360px");

        item.FindElement(By.CssSelector("a")).Click();
        Assert.Equal(Reason, phone.Find("#return-reason").Text.Trim());
        phone.Screenshot("signoff-3-worker-opens-the-returned-inspection");
        var submit = phone.Find("#submit-button");
        ((IJavaScriptExecutor)phone.Driver).ExecuteScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", submit);
        submit.Click();
        // inspections.js asks to confirm a submission.
        phone.Find("#confirm-submit").Click();
        phone.Find("[data-flash=success]");
        var state = portal.Factory.WithDbAsync(db => db.Inspections.Where(i => i.GridId == portal.GridId).Select(i => i.ReviewState).SingleAsync()).GetAwaiter().GetResult();
        Assert.Equal(ReviewState.Resubmitted, state);
        phone.Open("/Worklist");
        phone.Find("#due-inspections");
        Assert.Empty(phone.Driver.FindElements(By.CssSelector("#returned-inspections")));
    }
}
