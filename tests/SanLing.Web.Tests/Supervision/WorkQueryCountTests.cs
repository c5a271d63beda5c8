using SanLing.Domain.Supervision;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Supervision;

/// <summary>今日工作, the matrix, the work list, 督办 and the dispute queue run as many SQL commands for 3 villages as for 43.</summary>
public sealed class WorkQueryCountTests
{
    private static async Task<Dictionary<string, int>> CountAsync(int extraVillages)
    {
        using var factory = new SanLingFactory(demo: false);
        var town = await SupervisionTown.SeedAsync(factory, extraVillages);
        // Every village's hazard has an order, every escalated dispute is accepted: the lists have a row per village.
        await factory.WithDbAsync(async db =>
        {
            var calendar = WorkingCalendar.WeekendsOnly;
            foreach (var ((village, type, escalated), id) in town.FindingIds)
            {
                var subject = town.Town.Id(village);
                if (type == Domain.Inspections.FindingType.Hazard)
                {
                    db.SupervisionOrders.Add(SupervisionRules.Issue(new SupervisionOrder
                    {
                        Source = SupervisionSource.OverdueHazard, SubjectId = subject, FindingId = id, AssigneeKind = AssigneeKind.SubjectLeader,
                        AssigneeName = "钱二", Instruction = "请整改", LimitDays = 3,
                    }, new DateOnly(2026, 11, 20), calendar));
                }
                else if (escalated)
                {
                    db.EscalatedDisputes.Add(EscalatedDisputeRules.Accept(id, subject, new DateOnly(2026, 10, 21), "office", new DateOnly(2026, 11, 20), calendar));
                }
            }
            await db.SaveChangesAsync();
        });
        using var counter = new QueryCounter(factory.DatabasePath);
        var client = await factory.CreateBrowserlessClient().LoggedInAsync("office", TownBuilder.Password);
        var leader = await factory.CreateBrowserlessClient().LoggedInAsync("leader", TownBuilder.Password);
        var pages = new (HttpClient Client, string Url)[]
        {
            (client, "/Dashboard/Office"), (client, "/InspectionReview?year=2026"), (client, "/InspectionReview/WorkList"),
            (client, "/InspectionReview/Missing"), (client, "/Supervision"), (client, "/Supervision?Card=Red"), (client, "/Disputes"),
            (client, "/Supervision/Export"), (leader, "/Dashboard"),
        };
        var counts = new Dictionary<string, int>();
        foreach (var (who, url) in pages)
        {
            await who.GetPageAsync(url.Contains("Export", StringComparison.Ordinal) ? "/Supervision" : url); // warm-up
            counts[url] = await counter.CountAsync(async () => Assert.True((await who.GetAsync(url)).IsSuccessStatusCode, url));
        }
        return counts;
    }

    [Fact]
    public async Task A_small_and_a_large_town_take_the_same_number_of_queries()
    {
        var small = await CountAsync(extraVillages: 1);
        var large = await CountAsync(extraVillages: 40);

        Assert.All(small.Values, c => Assert.InRange(c, 1, 25));
        Assert.Equal(small, large);
    }
}
