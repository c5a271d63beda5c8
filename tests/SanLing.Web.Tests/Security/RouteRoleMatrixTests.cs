using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// Every page (a GET action with no route values) × the five roles and anonymous, against an explicit table.
/// A new page fails <see cref="Every_page_is_in_the_table"/> until someone decides who may open it.
/// </summary>
[Collection(DemoTownCollection.Name)]
public sealed class RouteRoleMatrixTests(DemoTownFixture demo)
{
    private const string Admin = "admin";
    private const string Office = "office";
    private const string Grid = "grid";
    private const string Liaison = "liaison";
    private const string Leader = "leader";
    private static readonly string[] Everyone = [Admin, Office, Grid, Liaison, Leader];
    private static readonly string[] LedgerUsers = [Office, Grid, Liaison];

    /// <summary>Who may open each page; everyone else signed in gets 403, anonymous users go to the login page.</summary>
    public static readonly Dictionary<string, string[]> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/Home/Index"] = Everyone,
        ["/Subjects/Index"] = Everyone,
        ["/Subjects/Create"] = [Office],
        ["/Petitions/Index"] = LedgerUsers,
        ["/Petitions/Create"] = [Office],
        ["/Petitions/Export"] = LedgerUsers,
        ["/Accidents/Index"] = LedgerUsers,
        ["/Accidents/Create"] = [Office],
        ["/Accidents/Export"] = LedgerUsers,
        ["/Cases/Index"] = LedgerUsers,
        ["/Cases/Create"] = [Office],
        ["/Cases/Export"] = LedgerUsers,
        ["/Grids/Index"] = LedgerUsers,
        ["/Grids/Create"] = [Office],
        ["/Grids/Export"] = LedgerUsers,
        ["/KeyPersons/Index"] = LedgerUsers,
        ["/KeyPersons/Create"] = [Office],
        ["/RentalHouses/Index"] = LedgerUsers,
        ["/RentalHouses/Create"] = [Office, Grid],
        ["/Inspections/Index"] = [Grid, Liaison],
        ["/Inspections/Todo"] = [Grid, Liaison, Office],
        ["/InspectionReview/Index"] = [Office, Leader],
        ["/InspectionReview/Missing"] = [Office],
        ["/InspectionReview/MissingExport"] = [Office],
        ["/InspectionReview/WorkList"] = [Office],
        ["/Supervision/Index"] = LedgerUsers,
        ["/Supervision/Export"] = [Office],
        ["/Disputes/Index"] = [Office],
        ["/Attestations/Index"] = [Office],
        ["/Imports/Index"] = [Office],
        ["/Evaluation/Index"] = [Office, Leader, Admin],
        ["/Evaluation/Warning"] = [Office, Leader, Admin],
        ["/RuleSets/Index"] = [Office, Admin],
        ["/Dashboard/Index"] = [Office, Leader],
        ["/Dashboard/Office"] = [Office],
        ["/Dashboard/Warnings"] = [Office],
        ["/Account/ChangePassword"] = Everyone,
        ["/Users/Index"] = [Admin],
        ["/Users/Create"] = [Admin],
        ["/Settings/Index"] = [Admin],
        ["/Audit/Index"] = [Admin],
        ["/Audit/Export"] = [Admin],
    };

    /// <summary>
    /// Requests the page table cannot list (posts, and pages of one record), with who may make them. Others signed in
    /// get 403 with nothing written; anonymous users go to the login page. {office} is the demo office account's id,
    /// {missing} an id that does not exist (so an allowed post changes nothing).
    /// </summary>
    public static readonly Dictionary<string, string[]> AllowedRequests = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GET /Users/Edit/{office}"] = [Admin],
        ["POST /Users/Create"] = [Admin],
        ["POST /Users/Edit/{missing}"] = [Admin],
        ["POST /Users/Disable/{missing}"] = [Admin],
        ["POST /Users/Enable/{missing}"] = [Admin],
        ["POST /Users/ResetPassword/{missing}"] = [Admin],
        ["POST /Settings/Index"] = [Admin],
        ["POST /Audit/Verify"] = [Admin],
        ["POST /Account/ChangePassword"] = Everyone,
    };

    /// <summary>The administration controllers whose every action must be in one of the two tables.</summary>
    private static readonly string[] AdministrationControllers = ["Users", "Settings", "Audit"];

    /// <summary>Pages anyone may open without signing in (the setup page only on an empty database, with its token; see ProductionStartTests).</summary>
    private static readonly HashSet<string> Public = new(StringComparer.OrdinalIgnoreCase) { "/Account/Login", "/Setup/Index" };

    private List<string> Pages()
    {
        var actions = demo.Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<ControllerActionDescriptor>();
        return actions
            .Where(a => a.ActionConstraints?.OfType<HttpMethodActionConstraint>().All(c => c.HttpMethods.Contains("GET")) ?? true)
            .Where(a => a.AttributeRouteInfo is null)
            .Where(a => a.Parameters.All(p => p.BindingInfo?.BindingSource?.Id != "Path" && p.Name is not "id" && p.ParameterType != typeof(int)))
            .Select(a => $"/{a.ControllerName}/{a.ActionName}")
            .Distinct()
            .Order()
            .ToList();
    }

    [Fact]
    public void Every_page_is_in_the_table()
    {
        var unclassified = Pages().Where(p => !Allowed.ContainsKey(p) && !Public.Contains(p)).ToList();
        Assert.True(unclassified.Count == 0, "pages nobody has classified: " + string.Join(", ", unclassified));
    }

    [Fact]
    public void Every_administration_action_is_in_a_table()
    {
        var actions = demo.Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Where(a => AdministrationControllers.Contains(a.ControllerName))
            .Select(a => (Method: a.ActionConstraints?.OfType<HttpMethodActionConstraint>().SingleOrDefault()?.HttpMethods.Single() ?? "GET", Path: $"/{a.ControllerName}/{a.ActionName}"))
            .ToList();
        var missing = actions.Where(a => !Allowed.ContainsKey(a.Path)
            && !AllowedRequests.Keys.Any(k => k.StartsWith($"{a.Method} {a.Path}", StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(missing.Count == 0, "administration actions nobody has classified: " + string.Join(", ", missing));
    }

    public static TheoryData<string> TableRequests() => new(AllowedRequests.Keys.Order());

    [Theory]
    [MemberData(nameof(TableRequests))]
    public async Task Each_role_may_make_exactly_the_requests_the_table_says(string request)
    {
        var office = await demo.Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == Office).Select(u => u.Id).SingleAsync());
        var (method, url) = (request.Split(' ')[0], request.Split(' ')[1].Replace("{office}", office, StringComparison.Ordinal).Replace("{missing}", "no-such-account", StringComparison.Ordinal));

        var anonymous = await demo.Factory.CreateBrowserlessClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        foreach (var user in Everyone)
        {
            var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync(user);
            var before = await AuditLinesAsync();
            HttpResponseMessage response;
            if (method == "GET")
            {
                response = await client.GetAsync(url);
            }
            else
            {
                // A real token of the user's own session: only the role decides.
                var token = await client.AntiforgeryTokenAsync("/Account/ChangePassword");
                response = await client.PostFormAsync(url, token, []);
            }
            var status = (int)response.StatusCode;
            if (AllowedRequests[request].Contains(user))
            {
                Assert.True(status is 200 or 302 or 400 or 404, $"{user} on {request}: {status}");
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    Assert.DoesNotContain("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
                }
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{user} on {request}: expected 403, got {status}");
                Assert.Equal(before, await AuditLinesAsync());
            }
        }
    }

    private Task<int> AuditLinesAsync() => demo.Factory.WithDbAsync(db => db.AuditEntries.CountAsync());

    public static TheoryData<string> TablePages() => new(Allowed.Keys.Order());

    [Theory]
    [MemberData(nameof(TablePages))]
    public async Task Each_role_gets_exactly_what_the_table_says(string page)
    {
        var anonymous = await demo.Factory.CreateBrowserlessClient().GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        foreach (var user in Everyone)
        {
            var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync(user);
            var response = await client.GetAsync(page);
            if (Allowed[page].Contains(user))
            {
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{user} on {page}: {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    Assert.DoesNotContain("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
                }
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{user} on {page}: expected 403, got {(int)response.StatusCode}");
            }
        }
    }
}
