using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SanLing.Domain.Inspections;
using SanLing.Web;
using SanLing.Web.Features.Inspections;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.GoLive;

/// <summary>What ships: demo only in Development, and a portal that starts in every environment.</summary>
public sealed class ShippedConfigurationTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Staging")]
    [InlineData("Production")]
    public async Task The_host_builds_and_answers_health_checks_in(string environment)
    {
        using var factory = new SanLingFactory(demo: false, environment: environment);
        var client = factory.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public void Demo_mode_is_off_in_the_shipped_configuration_and_on_for_dotnet_run()
    {
        var web = Path.Combine(PortalProcess.RepositoryFolder(), "src", "SanLing.Web");
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(web, "appsettings.json")).Build();
        var development = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(web, "appsettings.json"))
            .AddJsonFile(Path.Combine(web, "appsettings.Development.json"))
            .Build();
        Assert.False(shipped.GetValue<bool>("Demo:Enabled"));
        Assert.True(development.GetValue<bool>("Demo:Enabled"));

        // `dotnet run --project src/SanLing.Web` takes the first launch profile: Development on port 5000.
        using var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "Properties", "launchSettings.json")));
        var profile = launch.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        Assert.Equal("http://localhost:5000", profile.GetProperty("applicationUrl").GetString());
        Assert.Equal("Development", profile.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
    }

    [Fact]
    public async Task A_finding_closed_before_its_month_or_due_before_its_inspection_is_refused_by_its_field()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8)));
        var form = new InspectionForm
        {
            Month = "2026-10",
            InspectedOn = new DateOnly(2026, 10, 20),
            Findings =
            [
                new FindingForm { Type = FindingType.Dispute, DisputeCategory = DisputeCategory.Neighbour, Description = "邻里纠纷", Status = FindingStatus.Resolved, ClosedOn = new DateOnly(2026, 9, 30), ResolutionMethod = ResolutionMethod.Mediation },
                new FindingForm { Type = FindingType.Hazard, HazardCategory = HazardCategory.Fire, RiskLevel = RiskLevel.General, Description = "消防通道堵塞", RectifyBy = new DateOnly(2026, 10, 1) },
            ],
        };

        var result = await new InspectionFormValidator(clock, new ChineseLocalizer<SharedResource>()).ValidateAsync(form);

        Assert.Contains(result.Errors, e => e.PropertyName == "Findings[0].ClosedOn" && e.ErrorMessage == "办结日期不能早于所排查的月份");
        Assert.Contains(result.Errors, e => e.PropertyName == "Findings[1].RectifyBy" && e.ErrorMessage == "整改期限不能早于排查日期");
    }
}
