using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// Every endpoint of the portal (GET and POST, with and without ids) × the five town roles, the two county roles (reading
/// the demo town through the town switcher) and anonymous, against one table (<see cref="Table"/>). The grid worker and
/// the liaison also make every request they may make with the id of a record of another village or subject: refused
/// (403 or 404), nothing written. Every signed-in user also makes every request that names a record with the id of a
/// record of another town (of another county): refused, nothing written. An endpoint the table does not list, or a row
/// naming an endpoint that is gone, fails the test.
/// </summary>
public sealed partial class RouteRoleMatrixTests(RouteMatrixFixture town) : IClassFixture<RouteMatrixFixture>
{
    public const string Admin = "admin";
    public const string Office = "office";
    public const string Grid = "grid";
    public const string Liaison = "liaison";
    public const string Leader = "leader";
    public const string Anonymous = "anonymous";

    /// <summary>The demo county's 县综治中心 and 县领导, reading the demo town (it reads as the office and leadership).</summary>
    public const string CountyCenter = "county";
    public const string CountyLeader = "countyleader";

    /// <summary>The demo town's accounts, one per town role.</summary>
    public static readonly string[] TownUsers = [Admin, Office, Grid, Liaison, Leader];

    /// <summary>The demo county's accounts, one per county role.</summary>
    public static readonly string[] CountyUsers = [CountyCenter, CountyLeader];

    /// <summary>The users a row names outcomes for: the town roles and the visitor who has not signed in.</summary>
    private static readonly string[] RowUsers = [.. TownUsers, Anonymous];

    /// <summary>Every account the matrix signs in with, and the visitor who has not signed in.</summary>
    public static readonly string[] Users = [.. TownUsers, .. CountyUsers, Anonymous];

    private static readonly string[] LedgerReaders = [Office, Grid, Liaison];

    /// <summary>Ledgers of personal matters (petitions, cases, key persons): no liaison (PIPL minimum necessity).</summary>
    private static readonly string[] PersonalLedgerReaders = [Office, Grid];

    /// <summary>
    /// Who gets what, per endpoint. The key is "METHOD Controller.Action" (or "METHOD /route" for endpoints that are not
    /// MVC actions, "ANY" when the endpoint takes every method); the row is the URL to request, with placeholders for ids
    /// (see <see cref="RouteMatrixFixture"/>), and the outcome per user. <see cref="Only"/>: the users named are
    /// allowed, other signed-in users get 403, anonymous users go to the login page.
    /// A new endpoint must join this table before the test passes. A new kind of id needs its placeholder in
    /// <see cref="RouteMatrixFixture"/> (a record of a subject: its candidates; anything else: a fixed value) and a record
    /// of the other town for it.
    /// The county roles' outcomes follow from the town roles' (<see cref="Expect"/>): on a town page the center gets what
    /// the office gets and the county leader what leadership gets, except that every POST is 403 unless the row says
    /// <see cref="Row.CountyMayPost"/>. A county page says its own outcomes: <see cref="County"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Row> Table = new Dictionary<string, Row>(StringComparer.Ordinal)
    {
        ["GET Home.Index"] = SignedIn("/Home/Index"),

        ["GET Account.Login"] = Public("/Account/Login"),
        ["POST Account.Login"] = Public("/Account/Login") with { CountyMayPost = true },
        ["POST Account.SetLanguage"] = Public("/Account/SetLanguage") with { CountyMayPost = true },
        ["GET Account.ChangePassword"] = SignedIn("/Account/ChangePassword"),
        ["POST Account.ChangePassword"] = SignedIn("/Account/ChangePassword") with { CountyMayPost = true },
        ["POST Account.Logout"] = SignedIn("/Account/Logout") with { EndsSession = true, CountyMayPost = true },

        // The second factor: every signed-in user may enrol; the code page is the sign-in's second step.
        ["GET TwoFactor.Index"] = SignedIn("/TwoFactor/Index"),
        ["POST TwoFactor.Start"] = SignedIn("/TwoFactor/Start") with { CountyMayPost = true },
        ["GET TwoFactor.Enrol"] = SignedIn("/TwoFactor/Enrol"),
        ["POST TwoFactor.Enrol"] = SignedIn("/TwoFactor/Enrol") with { CountyMayPost = true },
        ["POST TwoFactor.RecoveryCodes"] = SignedIn("/TwoFactor/RecoveryCodes") with { CountyMayPost = true },
        ["POST TwoFactor.Disable"] = SignedIn("/TwoFactor/Disable") with { CountyMayPost = true },
        // Without a password just checked there is no second step to take: back to the login page.
        ["GET TwoFactor.Verify"] = new("/TwoFactor/Verify", RowUsers.ToDictionary(u => u, _ => Outcome.ToLogin)),
        ["POST TwoFactor.Verify"] = new("/TwoFactor/Verify", RowUsers.ToDictionary(u => u, _ => Outcome.ToLogin)) { CountyMayPost = true },

        // The setup page is gone once the database holds a town; the error page answers the status it names.
        ["GET Setup.Index"] = Gone("/Setup/Index"),
        ["POST Setup.Index"] = Gone("/Setup/Index"),
        ["ANY Error.Index"] = Gone("/Error/404"),
        ["ANY /healthz"] = Public("/healthz"),
        ["ANY /healthz/live"] = Public("/healthz/live"),

        ["GET Subjects.Index"] = SignedIn("/Subjects/Index"),
        ["GET Subjects.Details"] = SignedIn("/Subjects/Details/{subject}"),
        ["GET Subjects.Export"] = Only("/Subjects/Export", Office),
        // The subject picker's search: whoever fills in forms, within their scope; leadership fills in none.
        ["GET Subjects.Search"] = Only("/Subjects/Search?q=c", Admin, Office, Grid, Liaison),
        ["GET Subjects.Create"] = Only("/Subjects/Create", Office),
        ["POST Subjects.Create"] = Only("/Subjects/Create", Office),
        ["GET Subjects.Edit"] = Only("/Subjects/Edit/{subject}", Office),
        ["POST Subjects.Edit"] = Only("/Subjects/Edit/{subject}", Office),

        ["GET Petitions.Index"] = Only("/Petitions/Index", PersonalLedgerReaders),
        ["GET Petitions.Export"] = Only("/Petitions/Export", PersonalLedgerReaders),
        ["GET Petitions.Details"] = Only("/Petitions/Details/{petition}", PersonalLedgerReaders),
        ["GET Petitions.Create"] = Only("/Petitions/Create", Office),
        ["POST Petitions.Create"] = Only("/Petitions/Create", Office),
        ["GET Petitions.Edit"] = Only("/Petitions/Edit/{petition}", Office),
        ["POST Petitions.Edit"] = Only("/Petitions/Edit/{petition}", Office),
        ["POST Petitions.Resolve"] = Only("/Petitions/Resolve/{petition}", Office),
        ["POST Petitions.Delete"] = Only("/Petitions/Delete/{petition}", Office),

        ["GET Accidents.Index"] = Only("/Accidents/Index", LedgerReaders),
        ["GET Accidents.Export"] = Only("/Accidents/Export", LedgerReaders),
        ["GET Accidents.Details"] = Only("/Accidents/Details/{accident}", LedgerReaders),
        ["GET Accidents.Create"] = Only("/Accidents/Create", Office),
        ["POST Accidents.Create"] = Only("/Accidents/Create", Office),
        ["GET Accidents.Edit"] = Only("/Accidents/Edit/{accident}", Office),
        ["POST Accidents.Edit"] = Only("/Accidents/Edit/{accident}", Office),
        ["POST Accidents.Delete"] = Only("/Accidents/Delete/{accident}", Office),

        ["GET Cases.Index"] = Only("/Cases/Index", PersonalLedgerReaders),
        ["GET Cases.Export"] = Only("/Cases/Export", PersonalLedgerReaders),
        ["GET Cases.Details"] = Only("/Cases/Details/{case}", PersonalLedgerReaders),
        ["GET Cases.Create"] = Only("/Cases/Create", Office),
        ["POST Cases.Create"] = Only("/Cases/Create", Office),
        ["GET Cases.Edit"] = Only("/Cases/Edit/{case}", Office),
        ["POST Cases.Edit"] = Only("/Cases/Edit/{case}", Office),
        ["POST Cases.Delete"] = Only("/Cases/Delete/{case}", Office),

        ["GET Grids.Index"] = Only("/Grids/Index", LedgerReaders),
        ["GET Grids.Export"] = Only("/Grids/Export", LedgerReaders),
        ["GET Grids.Details"] = Only("/Grids/Details/{grid}", LedgerReaders),
        ["GET Grids.Create"] = Only("/Grids/Create", Office),
        ["POST Grids.Create"] = Only("/Grids/Create", Office),
        ["GET Grids.Edit"] = Only("/Grids/Edit/{grid}", Office),
        ["POST Grids.Edit"] = Only("/Grids/Edit/{grid}", Office),
        ["POST Grids.Delete"] = Only("/Grids/Delete/{grid}", Office),

        ["GET KeyPersons.Index"] = Only("/KeyPersons/Index", PersonalLedgerReaders),
        ["GET KeyPersons.Details"] = Only("/KeyPersons/Details/{keyperson}", PersonalLedgerReaders),
        ["POST KeyPersons.FollowUp"] = Only("/KeyPersons/FollowUp/{keyperson}", Office, Grid) with { FormFrom = "/KeyPersons/Details/{keyperson}" },
        ["POST KeyPersons.Reveal"] = Only("/KeyPersons/Reveal/{keyperson}", Office),
        ["GET KeyPersons.Create"] = Only("/KeyPersons/Create", Office),
        ["POST KeyPersons.Create"] = Only("/KeyPersons/Create", Office),
        ["GET KeyPersons.Edit"] = Only("/KeyPersons/Edit/{keyperson}", Office),
        ["POST KeyPersons.Edit"] = Only("/KeyPersons/Edit/{keyperson}", Office),
        ["POST KeyPersons.Delete"] = Only("/KeyPersons/Delete/{keyperson}", Office),

        ["GET RentalHouses.Index"] = Only("/RentalHouses/Index", LedgerReaders),
        ["GET RentalHouses.Details"] = Only("/RentalHouses/Details/{rental}", LedgerReaders),
        ["GET RentalHouses.Create"] = Only("/RentalHouses/Create", Office, Grid),
        ["POST RentalHouses.Create"] = Only("/RentalHouses/Create", Office, Grid),
        ["GET RentalHouses.Edit"] = Only("/RentalHouses/Edit/{rental}", Office, Grid),
        ["POST RentalHouses.Edit"] = Only("/RentalHouses/Edit/{rental}", Office, Grid) with { FormFrom = "/RentalHouses/Edit/{rental}" },
        ["POST RentalHouses.Register"] = Only("/RentalHouses/Register/{rental}", Office, Grid) with { FormFrom = "/RentalHouses/Details/{rental}" },
        ["POST RentalHouses.Delete"] = Only("/RentalHouses/Delete/{rental}", Office),

        ["GET Worklist.Index"] = Only("/Worklist/Index", Grid, Liaison),
        ["GET Standing.Index"] = Only("/Standing/Index", Liaison),
        ["GET WhatIf.Index"] = Only("/WhatIf/Index?subjectId={subject}", Office, Admin, Liaison) with { AllowedMayBeNotFound = true },
        ["GET Inspections.Index"] = Only("/Inspections/Index", Grid, Liaison),
        ["GET Inspections.Edit"] = Only("/Inspections/Edit?{unit}&month={month}", LedgerReaders),
        ["POST Inspections.Edit"] = Only("/Inspections/Edit", LedgerReaders) with { FormFrom = "/Inspections/Edit?{unit}&month={month}" },
        ["GET Inspections.Todo"] = Only("/Inspections/Todo", LedgerReaders),
        ["POST Inspections.FollowUp"] = Only("/Inspections/FollowUp/{finding}", LedgerReaders) with { FormFrom = "/Inspections/Todo" },
        // Finding photos: whoever may see the finding, never leadership (decision 0014).
        ["GET Photos.Show"] = Only("/Photos/Show/{photo}", Office, Admin, Grid, Liaison),

        ["GET InspectionReview.Index"] = Only("/InspectionReview/Index", Office, Leader),
        ["GET InspectionReview.Missing"] = Only("/InspectionReview/Missing?month={month}", Office),
        ["GET InspectionReview.MissingExport"] = Only("/InspectionReview/MissingExport?month={month}", Office),
        ["GET InspectionReview.WorkList"] = Only("/InspectionReview/WorkList", Office),
        ["GET InspectionReview.MonthGrids"] = Only("/InspectionReview/MonthGrids?subjectId={territory}&month={month}", Office),

        // 督办: the office issues and verifies, the addressee answers (their own orders only: SupervisionTests). The demo
        // town holds no order, so {order} names none and the allowed users' answer is 404.
        ["GET Supervision.Index"] = Only("/Supervision/Index", LedgerReaders),
        ["GET Supervision.Export"] = Only("/Supervision/Export", Office),
        ["GET Supervision.Details"] = Only("/Supervision/Details/{order}", LedgerReaders) with { AllowedMayBeNotFound = true },
        ["GET Supervision.Issue"] = Only("/Supervision/Issue?source=OverdueHazard&id={finding}", Office) with { AllowedMayBeNotFound = true },
        ["POST Supervision.Issue"] = Only("/Supervision/Issue", Office),
        ["POST Supervision.Answer"] = Only("/Supervision/Answer/{order}", LedgerReaders) with { AllowedMayBeNotFound = true },
        ["POST Supervision.Close"] = Only("/Supervision/Close/{order}", Office) with { AllowedMayBeNotFound = true },
        ["POST Supervision.Return"] = Only("/Supervision/Return/{order}", Office) with { AllowedMayBeNotFound = true },

        // Escalated disputes (上报 → 受理 → 交办 → 办结 → 验证): the office only.
        ["GET Disputes.Index"] = Only("/Disputes/Index", Office),
        ["GET Disputes.Details"] = Only("/Disputes/{finding}", Office) with { AllowedMayBeNotFound = true },
        ["POST Disputes.Accept"] = Only("/Disputes/{finding}/Accept", Office) with { AllowedMayBeNotFound = true },
        ["POST Disputes.Assign"] = Only("/Disputes/{finding}/Assign", Office) with { AllowedMayBeNotFound = true },
        ["POST Disputes.Conclude"] = Only("/Disputes/{finding}/Conclude", Office) with { AllowedMayBeNotFound = true },
        ["POST Disputes.Verify"] = Only("/Disputes/{finding}/Verify", Office) with { AllowedMayBeNotFound = true },
        // A month long before the demo data: locking it changes nothing anyone sees.
        ["POST InspectionReview.Lock"] = Only("/InspectionReview/Lock?month=2001-01", Office),
        // Monthly sign-off: a month long before the demo data cannot be approved (nothing submitted); an empty reason
        // is refused before anything is looked up.
        ["GET InspectionReview.SignOff"] = Only("/InspectionReview/SignOff?month={month}", Office),
        ["POST InspectionReview.Approve"] = Only("/InspectionReview/Approve?subjectId={territory}&month=2001-01", Office) with { AllowedMayBeNotFound = true },
        ["POST InspectionReview.ApproveTerritory"] = Only("/InspectionReview/ApproveTerritory?territoryId={territory}&month=2001-01", Office),
        ["POST InspectionReview.Return"] = Only("/InspectionReview/Return?InspectionId=0", Office),
        ["POST InspectionReview.Unlock"] = Only("/InspectionReview/Unlock?LockId=0", Office),

        ["GET Attestations.Index"] = Only("/Attestations/Index", Office),
        ["GET Attestations.Grid"] = Only("/Attestations/Grid/{subject}?year={year}", Office),
        ["POST Attestations.Grid"] = Only("/Attestations/Grid/{subject}?year={year}", Office),
        // Without a year or a choice of subjects the office is sent back with a message; nothing is written.
        ["POST Attestations.Bulk"] = Only("/Attestations/Bulk", Office),
        // The demo town keeps no evidence files, so the office's answer is 404 (never 403).
        ["GET Attestations.Evidence"] = Only("/Attestations/Evidence/{attestation}", Office) with { AllowedMayBeNotFound = true },

        ["GET Imports.Index"] = Only("/Imports/Index", Office),
        ["GET Imports.Template"] = Only("/Imports/Template/{template}", Office),
        ["GET Imports.Export"] = Only("/Imports/Export/{template}", Office),
        ["POST Imports.Upload"] = Only("/Imports/Upload/{template}", Office),

        ["GET Evaluation.Index"] = Only("/Evaluation/Index", Office, Leader, Admin),
        ["POST Evaluation.Run"] = Only("/Evaluation/Run", Office),
        ["POST Evaluation.Publish"] = Only("/Evaluation/Publish/{run}", Office),
        ["GET Evaluation.Warning"] = Only("/Evaluation/Warning", Office, Leader, Admin),
        ["POST Evaluation.RefreshAsOf"] = Only("/Evaluation/RefreshAsOf", Office),
        ["GET Evaluation.Results"] = Only("/Evaluation/Results/{run}", Office, Leader, Admin),
        ["GET Evaluation.Card"] = Only("/Evaluation/Card/{run}?subjectId={subject}", Office, Leader, Admin),
        ["GET Evaluation.Lists"] = Only("/Evaluation/Lists/{run}", Office, Leader, Admin),
        ["GET Evaluation.Compare"] = Only("/Evaluation/Compare/{run}", Office, Leader, Admin),
        ["GET Evaluation.Report"] = Only("/Evaluation/Report/{run}", Office, Leader, Admin),

        // 申诉复核: the subject's side files (its own subject only: AppealTests), the office reviews; leadership none.
        // The demo town holds no appeal, so {appeal} and {appealfile} name none and the allowed users' answer is 404.
        ["GET Appeals.Index"] = Only("/Appeals/Index", Office),
        ["GET Appeals.Mine"] = Only("/Appeals/Mine", Grid, Liaison) with { AllowedMayBeNotFound = true },
        ["POST Appeals.Submit"] = Only("/Appeals/Submit", Grid, Liaison),
        ["GET Appeals.Details"] = Only("/Appeals/Details/{appeal}", LedgerReaders) with { AllowedMayBeNotFound = true },
        ["GET Appeals.Evidence"] = Only("/Appeals/Evidence/{appealfile}", LedgerReaders) with { AllowedMayBeNotFound = true },
        ["POST Appeals.Uphold"] = Only("/Appeals/Uphold/{appeal}", Office) with { AllowedMayBeNotFound = true },
        ["POST Appeals.Reject"] = Only("/Appeals/Reject/{appeal}", Office) with { AllowedMayBeNotFound = true },

        ["GET RuleSets.Index"] = Only("/RuleSets/Index", Office, Admin),
        ["GET RuleSets.Details"] = Only("/RuleSets/Details/{ruleset}", Office, Admin),
        ["GET RuleSets.Derive"] = Only("/RuleSets/Derive/{ruleset}", Office, Admin),
        ["POST RuleSets.Derive"] = Only("/RuleSets/Derive/{ruleset}", Office, Admin),

        ["GET Dashboard.Index"] = Only("/Dashboard/Index", Office, Leader),
        ["GET Dashboard.Results"] = Only("/Dashboard/Results/{run}", Office, Leader),
        ["GET Dashboard.Territory"] = Only("/Dashboard/Territory/{run}/{territory}", Office, Leader),
        ["GET Dashboard.Subject"] = Only("/Dashboard/Subject/{run}/{subject}", Office, Leader),
        ["GET Dashboard.Office"] = Only("/Dashboard/Office", Office),
        ["GET Dashboard.Warnings"] = Only("/Dashboard/Warnings", Office),

        // The admin's own account: posts that would disable it or change its role are refused by the page itself.
        ["GET Users.Index"] = Only("/Users/Index", Admin),
        ["GET Users.Create"] = Only("/Users/Create", Admin),
        ["POST Users.Create"] = Only("/Users/Create", Admin),
        ["GET Users.Edit"] = Only("/Users/Edit/{user}", Admin),
        ["POST Users.Edit"] = Only("/Users/Edit/{user}", Admin),
        ["POST Users.Disable"] = Only("/Users/Disable/{user}", Admin),
        ["POST Users.Enable"] = Only("/Users/Enable/{user}", Admin),
        ["POST Users.ResetPassword"] = Only("/Users/ResetPassword/{user}", Admin),
        ["POST Users.ResetTwoFactor"] = Only("/Users/ResetTwoFactor/{spare}", Admin),
        ["GET Users.Sessions"] = Only("/Users/Sessions/{user}", Admin),
        ["POST Users.EndSession"] = Only("/Users/EndSession/{spare}", Admin),
        ["POST Users.EndAllSessions"] = Only("/Users/EndAllSessions/{spare}", Admin),

        ["GET Settings.Index"] = Only("/Settings/Index", Admin),
        ["POST Settings.Index"] = Only("/Settings/Index", Admin),
        ["POST Settings.Mail"] = Only("/Settings/Mail", Admin),

        // 通知: everyone signed in has their own list (another's item is not found); the outbox is the admin's.
        ["GET Notifications.Index"] = SignedIn("/Notifications/Index"),
        ["POST Notifications.MarkRead"] = SignedIn("/Notifications/MarkRead/{notification}") with { AllowedMayBeNotFound = true },
        ["POST Notifications.MarkAllRead"] = SignedIn("/Notifications/MarkAllRead"),
        ["POST Notifications.Contact"] = SignedIn("/Notifications/Contact"),
        ["GET Notifications.Outbox"] = Only("/Notifications/Outbox", Admin),

        // API tokens for upper-level platforms: the town's administrator creates (shown once) and revokes them.
        ["GET ApiTokens.Index"] = Only("/ApiTokens/Index", Admin),

        ["GET ApiTokens.Create"] = Only("/ApiTokens/Create", Admin),
        ["POST ApiTokens.Create"] = Only("/ApiTokens/Create", Admin),
        ["POST ApiTokens.Revoke"] = Only("/ApiTokens/Revoke/{apitoken}", Admin) with { AllowedMayBeNotFound = true },

        ["GET Audit.Index"] = Only("/Audit/Index", Admin),
        ["GET Audit.Export"] = Only("/Audit/Export", Admin),
        ["POST Audit.Verify"] = Only("/Audit/Verify", Admin),

        // The county view and its town switcher: county roles only (their own tests: CountyReadingTests). {town} is the
        // demo town; leaving it ends the reading, and the matrix enters it again.
        ["GET Counties.Index"] = County("/Counties/Index", CountyCenter, CountyLeader),
        ["POST Counties.Switch"] = County("/Counties/Switch/{town}", CountyCenter, CountyLeader),
        ["POST Counties.Leave"] = County("/Counties/Leave", CountyCenter, CountyLeader) with { LeavesTown = true },
        // The county workbook: the center's whole, the county leader's without the appeals sheet (people's own words).
        ["GET Counties.Export"] = County("/Counties/Export?year=2025", CountyCenter, CountyLeader),

        // County rule sets and the county's towns: the county center only (their own tests: County/CountyRuleSetTests,
        // County/CountyTownsTests). The demo county has published no rule set, so Details/1 names none.
        ["GET CountyRuleSets.Index"] = County("/CountyRuleSets/Index", CountyCenter),
        ["GET CountyRuleSets.Details"] = County("/CountyRuleSets/Details/1", CountyCenter) with { AllowedMayBeNotFound = true },
        ["GET CountyRuleSets.Publish"] = County("/CountyRuleSets/Publish", CountyCenter),
        ["POST CountyRuleSets.Publish"] = County("/CountyRuleSets/Publish", CountyCenter),
        // A revision (修订) of a published county set: the center only; Revise/1 names none in the demo county either.
        ["GET CountyRuleSets.Revise"] = County("/CountyRuleSets/Revise/1", CountyCenter) with { AllowedMayBeNotFound = true },
        ["POST CountyRuleSets.Revise"] = County("/CountyRuleSets/Revise/1", CountyCenter) with { AllowedMayBeNotFound = true },
        ["POST CountyRuleSets.Variants"] = County("/CountyRuleSets/Variants", CountyCenter),
        ["GET CountyTowns.Index"] = County("/CountyTowns/Index", CountyCenter),
        ["POST CountyTowns.Add"] = County("/CountyTowns/Add", CountyCenter),

        // The county's API tokens (every town of the county): the 县综治中心 only. The demo county has none, so {countytoken}
        // names none and the center's answer is 404.
        ["GET CountyApiTokens.Index"] = County("/CountyApiTokens/Index", CountyCenter),
        ["GET CountyApiTokens.Create"] = County("/CountyApiTokens/Create", CountyCenter),
        ["POST CountyApiTokens.Create"] = County("/CountyApiTokens/Create", CountyCenter),
        ["POST CountyApiTokens.Revoke"] = County("/CountyApiTokens/Revoke/{countytoken}", CountyCenter) with { AllowedMayBeNotFound = true },
    };

    /// <summary>The pages of the table behind the login (GET, no record id): "/Controller/Action", for crawls.</summary>
    public static readonly IReadOnlySet<string> Pages = Table
        .Where(r => r.Key.StartsWith("GET ", StringComparison.Ordinal) && r.Value.Expected[Anonymous] == Outcome.ToLogin
            && TownUsers.Any(u => r.Value.Expected[u] == Outcome.Allowed))
        .Select(r => r.Value.Path.Split('?'))
        .Where(parts => !parts[0].Contains('{', StringComparison.Ordinal)
            && (parts.Length == 1 || parts[1].Replace("{month}", "", StringComparison.Ordinal).Replace("{year}", "", StringComparison.Ordinal).IndexOf('{', StringComparison.Ordinal) < 0))
        .Select(parts => parts[0])
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public enum Outcome
    {
        /// <summary>Not refused: no 401/403, no redirect to the login page, no 5xx (a GET: 200 or another redirect).</summary>
        Allowed,

        /// <summary>403, nothing written.</summary>
        Forbidden,

        /// <summary>A redirect to the login page, nothing written.</summary>
        ToLogin,

        /// <summary>404 for everyone (a page that is gone).</summary>
        NotFound,
    }

    /// <summary>One endpoint: the URL to request and the outcome per town user and anonymous.</summary>
    /// <param name="Path">The URL with placeholders, e.g. <c>/Petitions/Details/{petition}</c>.</param>
    public sealed record Row(string Path, IReadOnlyDictionary<string, Outcome> Expected)
    {
        /// <summary>A county page: the county users' outcomes (null: a town page, whose county outcomes follow from the town roles').</summary>
        public IReadOnlyDictionary<string, Outcome>? CountyExpected { get; init; }

        /// <summary>A POST a county user may make (their own account, the sign-in): marked [CountyMayPost] in the app.</summary>
        public bool CountyMayPost { get; init; }

        /// <summary>The request ends a county user's reading of the town; the test enters the town again after it.</summary>
        public bool LeavesTown { get; init; }

        /// <summary>
        /// A page where the office finds this POST's form (the form whose action is the POST's URL). Every user then posts
        /// that valid form, so that only the role and the scope can refuse it.
        /// </summary>
        public string? FormFrom { get; init; }

        /// <summary>The request ends the user's session; the test signs in again after it.</summary>
        public bool EndsSession { get; init; }

        /// <summary>An allowed GET may answer 404 (the demo town has no such record).</summary>
        public bool AllowedMayBeNotFound { get; init; }
    }

    public static Row Only(string path, params string[] allowed) =>
        new(path, RowUsers.ToDictionary(u => u, u => u == Anonymous ? Outcome.ToLogin : allowed.Contains(u) ? Outcome.Allowed : Outcome.Forbidden));

    public static Row SignedIn(string path) => Only(path, TownUsers);

    public static Row Public(string path) => new(path, RowUsers.ToDictionary(u => u, _ => Outcome.Allowed));

    public static Row Gone(string path) => new(path, RowUsers.ToDictionary(u => u, _ => Outcome.NotFound));

    /// <summary>A county page: the county users named are allowed, the other county user and every town user get 403.</summary>
    public static Row County(string path, params string[] allowed) =>
        new(path, RowUsers.ToDictionary(u => u, u => u == Anonymous ? Outcome.ToLogin : Outcome.Forbidden))
        {
            CountyExpected = CountyUsers.ToDictionary(u => u, u => allowed.Contains(u) ? Outcome.Allowed : Outcome.Forbidden),
        };

    /// <summary>
    /// What <paramref name="user"/> gets from the row: a town user what the row says; a county user reading the demo
    /// town what the county page says, or on a town page what the town role it reads as gets (center: the office,
    /// county leader: leadership), a POST refused unless the row is <see cref="Row.CountyMayPost"/>.
    /// </summary>
    public static Outcome Expect(string key, Row row, string user)
    {
        if (!CountyUsers.Contains(user))
        {
            return row.Expected[user];
        }
        if (row.CountyExpected is { } county)
        {
            return county[user];
        }
        var reading = row.Expected[user == CountyCenter ? Office : Leader];
        // A county user's post is refused before anything else is looked at, even on a page that is gone.
        return reading is Outcome.Allowed or Outcome.NotFound && key.StartsWith("POST ", StringComparison.Ordinal) && !row.CountyMayPost ? Outcome.Forbidden : reading;
    }

    /// <summary>Any other mix of outcomes, one per user (e.g. a page of a sign-in half done).</summary>
    public static Row Each(string path, Outcome admin, Outcome office, Outcome grid, Outcome liaison, Outcome leader, Outcome anonymous) =>
        new(path, new Dictionary<string, Outcome>
        {
            [Admin] = admin, [Office] = office, [Grid] = grid, [Liaison] = liaison, [Leader] = leader, [Anonymous] = anonymous,
        });

    /// <summary>"METHOD Controller.Action" of the actions a county user may post to ([CountyMayPost] on the action or its controller).</summary>
    private List<string> CountyMayPostEndpoints() =>
        town.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching != true)
            .Where(e => e.Metadata.GetMetadata<Web.Security.CountyMayPostAttribute>() is not null
                && e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null
                && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => e.Metadata.GetMetadata<ControllerActionDescriptor>()!)
            .Select(a => $"POST {a.ControllerName}.{a.ActionName}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every endpoint the portal maps, keyed as in <see cref="Table"/>.</summary>
    private List<string> Endpoints() =>
        town.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            // Conventional routes also appear as endpoints that only generate links.
            .Where(e => e.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching != true)
            // Not cookie routes: /api/v1 takes a bearer token only (a cookie gets 401, never a login page) and the OpenAPI
            // document is public; both have their own tests (Api/ApiTests: scope, refusals, rate limit, no personal data).
            .Where(e => !IsApiEndpoint(e.RoutePattern.RawText))
            .SelectMany(e =>
            {
                var action = e.Metadata.GetMetadata<ControllerActionDescriptor>();
                var name = action is null ? e.RoutePattern.RawText ?? e.DisplayName ?? "?" : $"{action.ControllerName}.{action.ActionName}";
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
                return methods is { Count: > 0 } ? methods.Select(m => $"{m} {name}") : [$"ANY {name}"];
            })
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsApiEndpoint(string? pattern) =>
        pattern is not null && (pattern.StartsWith("/api/", StringComparison.Ordinal) || pattern.StartsWith("/openapi/", StringComparison.Ordinal));

    [Fact]
    public void Every_endpoint_is_in_the_table()
    {
        var missing = Endpoints().Where(e => !Table.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0,
            "A new action must join the table in RouteRoleMatrixTests (who may call it, with which ids): " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_row_of_the_table_names_an_endpoint_that_exists()
    {
        var endpoints = Endpoints().ToHashSet(StringComparer.Ordinal);
        var stale = Table.Keys.Where(k => !endpoints.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "rows of RouteRoleMatrixTests naming no endpoint (remove or rename them): " + string.Join(", ", stale));
    }

    public static TheoryData<string> Rows() => new(Table.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_user_gets_what_the_table_says(string key)
    {
        var row = Table[key];
        var method = key.StartsWith("POST ", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
        var failures = new List<string>();

        // The office's forms are read before anyone posts, so that every user posts the same valid form.
        var forms = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>?>();
        async Task<IReadOnlyList<KeyValuePair<string, string>>?> FormAsync(string user, Side side)
        {
            if (row.FormFrom is null)
            {
                return [];
            }
            var (action, page) = (town.Resolve(row.Path, user, side)!, town.Resolve(row.FormFrom, user, side)!);
            if (!forms.TryGetValue($"{action} {page}", out var form))
            {
                form = await town.OfficeFormAsync(page, action);
                forms[$"{action} {page}"] = form;
            }
            return form;
        }
        foreach (var user in Users)
        {
            foreach (var side in RouteMatrixFixture.SidesOf(user))
            {
                if (town.Resolve(row.Path, user, side) is not null && (row.FormFrom is null || town.Resolve(row.FormFrom, user, side) is not null))
                {
                    await FormAsync(user, side);
                }
            }
        }

        var triedMissing = false;
        foreach (var user in Users)
        {
            var expected = Expect(key, row, user);
            var url = town.Resolve(row.Path, user, Side.Own)!;
            var before = await town.AuditLinesAsync();
            var status = await town.SendAsync(user, method, url, await FormAsync(user, Side.Own)
                ?? throw new InvalidOperationException($"the office finds no form posting to {url} on {town.Resolve(row.FormFrom!, user, Side.Own)}"));
            if (row.EndsSession && expected == Outcome.Allowed)
            {
                // Signing out answers with the login page, and the session is over.
                var after = await town.SendAsync(user, HttpMethod.Get, "/Account/ChangePassword", []);
                if (!status.IsRedirectToLogin || !after.IsRedirectToLogin)
                {
                    failures.Add($"{user} {method} {url}: expected a redirect to the login page and the session ended, got {status}, then {after}");
                }
            }
            else if (Mismatch(expected, method, status, row) is { } wrong)
            {
                failures.Add($"{user} {method} {url}: expected {expected}, got {wrong}");
            }
            if (expected is not Outcome.Allowed && await town.AuditLinesAsync() != before)
            {
                failures.Add($"{user} {method} {url}: refused, yet the audit trail grew");
            }
            if (row.EndsSession && user != Anonymous)
            {
                await town.SignInAgainAsync(user);
            }
            if (row.LeavesTown && CountyUsers.Contains(user))
            {
                await town.EnterDemoTownAsync(user);
            }

            // The same request naming the other town's record, posting the form that town's office finds for it: refused,
            // nothing written, nothing of that town shown.
            if (user != Anonymous && town.HasOtherTownId(row.Path, row.FormFrom))
            {
                failures.AddRange(await OtherTownAsync(key, row, method, user, FormAsync));
            }
            if (expected != Outcome.Allowed || user == Anonymous)
            {
                continue;
            }

            // The same request on a record of another village or subject: refused, nothing written.
            if (RouteMatrixFixture.IsScoped(user) && (RouteMatrixFixture.HasScopedId(row.Path) || RouteMatrixFixture.HasScopedId(row.FormFrom)))
            {
                var crossed = 0;
                foreach (var side in new[] { Side.Neighbour, Side.Far })
                {
                    if (town.Resolve(row.Path, user, side) is not { } other || (row.FormFrom is not null && town.Resolve(row.FormFrom, user, side) is null))
                    {
                        continue;
                    }
                    if (await FormAsync(user, side) is not { } form)
                    {
                        continue; // this record shows no such form (a house already registered)
                    }
                    crossed++;
                    before = await town.AuditLinesAsync();
                    var crossStatus = await town.SendAsync(user, method, other, form);
                    if (crossStatus.Status is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                    {
                        failures.Add($"{user} {method} {other} ({side} of their scope{(form.Count > 0 ? ", the office's form" : "")}): expected 403 or 404, got {crossStatus}");
                    }
                    if (await town.AuditLinesAsync() != before)
                    {
                        failures.Add($"{user} {method} {other} ({side} of their scope): refused, yet the audit trail grew");
                    }
                }
                if (crossed == 0)
                {
                    failures.Add($"{user} {key}: no record outside their scope to try");
                }
            }

            // An id that does not exist (tried by the first user allowed): no error page, no refusal.
            if (town.HasId(row.Path) && !triedMissing)
            {
                triedMissing = true;
                var missing = town.Resolve(row.Path, user, Side.Missing)!;
                var missingStatus = await town.SendAsync(user, method, missing, []);
                var fine = method == HttpMethod.Get
                    ? missingStatus.Status == HttpStatusCode.NotFound || missingStatus.IsRedirectElsewhere
                    : Mismatch(Outcome.Allowed, method, missingStatus, row) is null;
                if (!fine)
                {
                    failures.Add($"{user} {method} {missing} (no such record): expected 404, got {missingStatus}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{key}:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// <paramref name="user"/> makes the row's request with the other town's record. Accepted: 403 or 404, whatever the
    /// form holds (the record is looked up before the form is judged). Only the rows of <see cref="RefusedAfterRedirect"/>
    /// may answer otherwise: a redirect whose page answers 403 or 404, or the very answer an id that does not exist gets.
    /// Always: nothing written, and no answer the user reads names anything of the other town.
    /// </summary>
    private static readonly Dictionary<string, string> RefusedAfterRedirect = new(StringComparer.Ordinal)
    {
        ["GET /Dashboard/Territory/{run}/{territory}"] = "an old link's redirect to the results page, which looks the run up and refuses it",
        ["POST /InspectionReview/ApproveTerritory?territoryId={territory}&month=2001-01"] =
            "approves the user's own scope's submitted inspections of the territory (none of another town), then shows the month as for a territory that does not exist",
    };

    private async Task<List<string>> OtherTownAsync(string key, Row row, HttpMethod method, string user,
        Func<string, Side, Task<IReadOnlyList<KeyValuePair<string, string>>?>> ownForm)
    {
        var failures = new List<string>();
        var other = town.Resolve(row.Path, user, Side.OtherTown)!;
        IReadOnlyList<KeyValuePair<string, string>> form = [];
        if (method == HttpMethod.Post)
        {
            // The other town's office fills in the form where it finds it: the row's form page, or the GET page of the same URL (an edit form).
            var page = row.FormFrom ?? (Table.Any(r => r.Key == "GET " + key[5..] && r.Value.Path == row.Path) ? row.Path : null);
            if (page is not null)
            {
                form = await town.OtherTownFormAsync(town.Resolve(page, user, Side.OtherTown)!, other) ?? await ownForm(user, Side.Own) ?? [];
            }
        }
        var version = await town.DataVersionAsync();
        var (answer, body) = await town.SendReadingAsync(user, method, other, form);
        var refused = answer.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
        var looser = RefusedAfterRedirect.ContainsKey($"{method} {row.Path}");
        for (var hops = 0; looser && !refused && answer.IsRedirectElsewhere && hops < 2; hops++)
        {
            (answer, body) = await town.SendReadingAsync(user, HttpMethod.Get, answer.Location!, []);
            refused = answer.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
        }
        // (Only where the URL names the record: a record named in the form alone has no "missing" URL to compare with.)
        if (looser && !refused && town.HasOtherTownId(row.Path, null))
        {
            var (first, _) = await town.SendReadingAsync(user, method, other, form);
            var (missing, _) = await town.SendReadingAsync(user, method, town.Resolve(row.Path, user, Side.Missing)!, form);
            refused = first.Status == missing.Status && Ids().Replace(first.Location ?? "", "#") == Ids().Replace(missing.Location ?? "", "#");
        }
        if (!refused)
        {
            failures.Add($"{user} {method} {other} (another town's record{(form.Count > 0 ? ", that town's form" : "")}): expected 403 or 404, got {answer}");
        }
        // What the user posted may be shown back to them (a form re-shown with its errors); anything else of that town may not.
        var shown = form.Where(f => f.Value.Length > 0).OrderByDescending(f => f.Value.Length)
            .Aggregate(body, (text, f) => text.Replace(WebUtility.HtmlEncode(f.Value), "", StringComparison.Ordinal).Replace(f.Value, "", StringComparison.Ordinal));
        if (shown.Contains(RouteMatrixFixture.OtherTownMarker, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{user} {method} {other} (another town's record): the answer shows that town");
        }
        if (await town.DataVersionAsync() != version)
        {
            failures.Add($"{user} {method} {other} (another town's record): refused, yet something was written");
        }
        return failures;
    }

    /// <summary>Record ids in a URL (numbers, account ids): two answers differing only in the id are the same answer.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f-]{27}|no-such-id|\d+")]
    private static partial System.Text.RegularExpressions.Regex Ids();

    /// <summary>Null when <paramref name="answer"/> is the <paramref name="expected"/> outcome, else what it was.</summary>
    private static string? Mismatch(Outcome expected, HttpMethod method, Answer answer, Row row)
    {
        if ((int)answer.Status >= 500)
        {
            return answer.ToString();
        }
        var fits = expected switch
        {
            Outcome.Forbidden => answer.Status == HttpStatusCode.Forbidden,
            Outcome.ToLogin => answer.IsRedirectToLogin,
            Outcome.NotFound => answer.Status == HttpStatusCode.NotFound,
            _ when method == HttpMethod.Get => answer.Status == HttpStatusCode.OK || answer.IsRedirectElsewhere
                || (row.AllowedMayBeNotFound && answer.Status == HttpStatusCode.NotFound),
            _ => answer.Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && !answer.IsRedirectToLogin,
        };
        return fits ? null : answer.ToString();
    }

    [Fact]
    public void The_posts_a_county_user_may_make_are_those_the_table_says()
    {
        var table = Table.Where(r => r.Key.StartsWith("POST ", StringComparison.Ordinal)
                && (r.Value.CountyMayPost || r.Value.CountyExpected?.Values.Contains(Outcome.Allowed) == true))
            .Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(table, CountyMayPostEndpoints());
    }

    /// <summary>
    /// A county user who has chosen no town reads no town page: every GET a town role may make (the table's rows that
    /// are not county pages) answers 403, but for their own account, the sign-in and the home page (which sends them to
    /// the county view).
    /// </summary>
    [Fact]
    public async Task Without_a_town_chosen_a_county_user_reads_no_town_page()
    {
        string[] ownPages = ["Home.", "Account.", "TwoFactor.", "Error.", "/healthz", "Setup.", "Notifications."];
        var failures = new List<string>();
        foreach (var user in CountyUsers)
        {
            using var client = town.Factory.CreateBrowserlessClient();
            await client.LoggedInAsync(user);
            foreach (var (key, row) in Table.Where(r => !r.Key.StartsWith("POST ", StringComparison.Ordinal) && r.Value.CountyExpected is null
                && !ownPages.Any(p => r.Key.Contains(p, StringComparison.Ordinal))).OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                if (Expect(key, row, user) != Outcome.Allowed)
                {
                    continue;
                }
                var url = town.Resolve(row.Path, Office, Side.Own)!;
                using var response = await client.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{user} (no town) GET {url}: expected 403, got {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
            var home = await client.GetAsync("/");
            Assert.Equal("/Counties", home.Headers.Location?.OriginalString);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_writes_nothing()
    {
        var client = town.Clients[Office];
        var form = await client.GetPageAsync("/Petitions/Create");
        var values = PortalClient.FormValues(form);
        values["Number"] = "XF-MATRIX-1";
        values["SubjectCode"] = "CUN01";
        values["Matter"] = "矩阵测试：无令牌的提交";
        var before = await town.AuditLinesAsync();

        var response = await client.PostAsync("/Petitions/Create", new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await town.AuditLinesAsync());
        Assert.False(await town.Factory.WithDbAsync(db => db.Petitions.AnyAsync(p => p.Number == "XF-MATRIX-1")));
    }
}

/// <summary>Which record an id placeholder stands for, seen from the user making the request.</summary>
public enum Side
{
    /// <summary>In the user's scope (for users with the whole town: the grid worker's).</summary>
    Own,

    /// <summary>Near but outside the scope: the liaison's village, another grid of the grid worker's village.</summary>
    Neighbour,

    /// <summary>Another village (the grid worker), another village's subject (the liaison).</summary>
    Far,

    /// <summary>An id that does not exist.</summary>
    Missing,

    /// <summary>A record of the other town (of another county): never anyone's here.</summary>
    OtherTown,
}

/// <summary>What the portal answered: the status and, for a redirect, where to.</summary>
public sealed record Answer(HttpStatusCode Status, string? Location)
{
    public bool IsRedirectToLogin => Status == HttpStatusCode.Redirect && Location?.StartsWith("/Account/Login", StringComparison.Ordinal) == true;

    public bool IsRedirectElsewhere => Status == HttpStatusCode.Redirect && !IsRedirectToLogin;

    public override string ToString() => Location is null ? ((int)Status).ToString(CultureInfo.InvariantCulture) : $"{(int)Status} → {Location}";
}

/// <summary>
/// One demo town for the matrix (its own: allowed posts may write), one signed-in client per role (the county roles
/// reading the demo town) and one anonymous, and the ids the placeholders of <see cref="RouteRoleMatrixTests.Table"/>
/// stand for. Beside it, the other town (<see cref="OtherTownMarker"/>, of another county) holds one record of every kind
/// a placeholder stands for, each named with the marker, and an office account that reads its forms. The demo liaison's enterprise
/// has no ledger records of its own, so a few records of elsewhere are moved to it (and a case to the grid worker's
/// village) before the run.
/// </summary>
public sealed class RouteMatrixFixture : IAsyncLifetime
{
    private const string MissingNumber = "999999999";

    /// <summary>Placeholders whose record belongs to a subject, and so is in or out of a grid worker's or liaison's scope.</summary>
    private static readonly string[] ScopedPlaceholders = ["subject", "petition", "accident", "case", "grid", "keyperson", "rental", "finding", "unit", "photo"];

    /// <summary>In every name, number and text of the other town's records: a page showing it shows that town.</summary>
    public const string OtherTownMarker = "ISOB";

    /// <summary>The other town's office account (password <see cref="TownBuilder.Password"/>).</summary>
    public const string OtherTownOffice = "isob-office";

    private readonly Dictionary<string, List<Candidate>> _candidates = [];
    private readonly Dictionary<string, string> _fixed = [];
    private readonly Dictionary<string, string> _tokens = [];

    /// <summary>The other town's record for each placeholder that names a record.</summary>
    private readonly Dictionary<string, string> _other = [];
    private readonly Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>?> _otherForms = [];
    private HttpClient _otherOffice = null!;
    private int _demoTown;
    private Dictionary<int, int?> _territoryOf = [];
    private int _gridTerritory;
    private int _liaisonSubject;
    private string _gridUserId = "";

    public SanLingFactory Factory { get; private set; } = null!;

    public Dictionary<string, HttpClient> Clients { get; } = [];

    public static bool IsScoped(string user) => user is RouteRoleMatrixTests.Grid or RouteRoleMatrixTests.Liaison;

    private sealed record Candidate(string Value, int SubjectId, string? WorkerUserId = null);

    public async Task InitializeAsync()
    {
        Factory = DemoTown.Start(kestrel: false);
        await Factory.WithDbAsync(async db =>
        {
            var users = await db.Users.ToDictionaryAsync(u => u.UserName!, u => (u.Id, u.ScopeSubjectId));
            _gridUserId = users[RouteRoleMatrixTests.Grid].Id;
            _gridTerritory = users[RouteRoleMatrixTests.Grid].ScopeSubjectId!.Value;
            _liaisonSubject = users[RouteRoleMatrixTests.Liaison].ScopeSubjectId!.Value;
            _territoryOf = await db.Subjects.ToDictionaryAsync(s => s.Id, s => s.TerritoryId);
            await GiveScopedUsersRecordsAsync(db);
            await LoadCandidatesAsync(db);
            var today = Factory.Clock.Today();
            _fixed["month"] = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            _fixed["year"] = today.Year.ToString(CultureInfo.InvariantCulture);
            _fixed["run"] = Text(await db.EvaluationRuns.Where(r => r.IsPublished).MaxAsync(r => r.Id));
            _fixed["ruleset"] = Text(await db.RuleSets.MinAsync(r => r.Id));
            _fixed["attestation"] = Text(await db.Attestations.MinAsync(a => a.Id));
            _fixed["territory"] = Text(_gridTerritory);
            _fixed["user"] = users[RouteRoleMatrixTests.Admin].Id;
            // An account whose sessions and second factor the administrator may end or reset without signing anyone out.
            var spare = new AppUser { UserName = "spare", NormalizedUserName = "SPARE", DisplayName = "备用", TownId = db.CurrentTownId, SecurityStamp = Guid.NewGuid().ToString("N") };
            db.Users.Add(spare);
            await db.SaveChangesAsync();
            _fixed["spare"] = spare.Id;
            _fixed["template"] = "cases";
            _fixed["order"] = "999999";
            _fixed["appeal"] = "999999";
            _fixed["appealfile"] = "999999";
            _fixed["notification"] = "999999";
            _fixed["apitoken"] = "999999";
            _fixed["countytoken"] = "999999";
            _demoTown = await db.Towns.Where(t => t.Code == SanLing.Infrastructure.Seed.DemoTownSeeder.TownCode).Select(t => t.Id).SingleAsync();
            _fixed["town"] = Text(_demoTown);
        });
        await BuildOtherTownAsync();
        _otherOffice = await Factory.CreateBrowserlessClient().LoggedInAsync(OtherTownOffice, TownBuilder.Password);
        foreach (var user in RouteRoleMatrixTests.Users)
        {
            Clients[user] = Factory.CreateBrowserlessClient();
            await SignInAgainAsync(user);
        }
    }

    public Task DisposeAsync()
    {
        foreach (var client in Clients.Values)
        {
            client.Dispose();
        }
        _otherOffice?.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Signs the user's client in (again, after a logout) and reads its antiforgery token.</summary>
    public async Task SignInAgainAsync(string user)
    {
        var client = Clients[user];
        if (user == RouteRoleMatrixTests.Anonymous)
        {
            _tokens[user] = await client.AntiforgeryTokenAsync("/Account/Login");
            return;
        }
        await client.LoggedInAsync(user);
        _tokens[user] = await client.AntiforgeryTokenAsync("/Account/ChangePassword");
        if (RouteRoleMatrixTests.CountyUsers.Contains(user))
        {
            await EnterDemoTownAsync(user);
        }
    }

    /// <summary>A county user chooses the demo town with the town switcher (and reads it until they leave).</summary>
    public async Task EnterDemoTownAsync(string user)
    {
        var client = Clients[user];
        var token = await client.AntiforgeryTokenAsync("/Counties/Index");
        var entered = await client.PostFormAsync($"/Counties/Switch/{_demoTown}", token, []);
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
    }

    /// <summary>Whether the row names a record (in its URL or the page its form comes from) the other town has one of.</summary>
    public bool HasOtherTownId(string path, string? formFrom) =>
        _other.Keys.Any(p => path.Contains('{' + p + '}', StringComparison.Ordinal) || formFrom?.Contains('{' + p + '}', StringComparison.Ordinal) == true);

    /// <summary>The form the other town's office finds on <paramref name="page"/> for <paramref name="action"/> (both of that town); null when none.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>?> OtherTownFormAsync(string page, string action)
    {
        if (!_otherForms.TryGetValue($"{action} {page}", out var form))
        {
            form = await FormOnAsync(_otherOffice, page, action);
            _otherForms[$"{action} {page}"] = form;
        }
        return form;
    }

    /// <summary>
    /// What any request could have written, in every town: the audit trail (every record's change adds a line), the
    /// users' stamps, passwords and lock-outs, sessions, notifications read, messages queued, API tokens revoked.
    /// </summary>
    public Task<string> DataVersionAsync() => Factory.WithDbAsync(async db =>
    {
        var users = await db.Users.OrderBy(u => u.Id).Select(u => u.Id + u.SecurityStamp + u.PasswordHash + u.LockoutEnd + u.TwoFactorEnabled + u.TownId + u.ScopeSubjectId).ToListAsync();
        return string.Join("|",
            await db.AuditEntries.IgnoreQueryFilters().CountAsync(),
            string.Join(",", users).GetHashCode(StringComparison.Ordinal),
            await db.UserSessions.CountAsync(s => s.EndedAt == null),
            await db.Notifications.IgnoreQueryFilters().CountAsync(n => n.ReadAt == null),
            await db.OutboxMessages.IgnoreQueryFilters().CountAsync(),
            await db.ApiTokens.CountAsync(t => t.RevokedAt == null),
            await db.SystemSettings.CountAsync());
    });

    /// <summary>A request as <paramref name="user"/>, with the text of the answer's body.</summary>
    public async Task<(Answer Answer, string Body)> SendReadingAsync(string user, HttpMethod method, string url, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        using var request = new HttpRequestMessage(method, url);
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(form.Append(new("__RequestVerificationToken", _tokens[user])));
        }
        using var response = await Clients[user].SendAsync(request);
        var location = response.Headers.Location;
        var answer = new Answer(response.StatusCode, location is null ? null : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
        return (answer, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A request as <paramref name="user"/>; a POST carries the user's own antiforgery token.</summary>
    public async Task<Answer> SendAsync(string user, HttpMethod method, string url, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        using var request = new HttpRequestMessage(method, url);
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(form.Append(new("__RequestVerificationToken", _tokens[user])));
        }
        using var response = await Clients[user].SendAsync(request);
        var location = response.Headers.Location;
        return new Answer(response.StatusCode, location is null ? null : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    /// <summary>The form the office finds on <paramref name="page"/> for <paramref name="action"/>, with its first submit button; null when none.</summary>
    public Task<IReadOnlyList<KeyValuePair<string, string>>?> OfficeFormAsync(string page, string action) =>
        FormOnAsync(Clients[RouteRoleMatrixTests.Office], page, action);

    private static async Task<IReadOnlyList<KeyValuePair<string, string>>?> FormOnAsync(HttpClient client, string page, string action)
    {
        using var response = await client.GetAsync(page);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }
        var document = await response.ParseAsync();
        var path = action.Split('?')[0];
        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => string.Equals(f.GetAttribute("action")?.Split('?')[0], path, StringComparison.OrdinalIgnoreCase));
        if (form is null)
        {
            return null;
        }
        var values = PortalClient.FormValues(form).ToList();
        // A list left at its empty choice is filled in, as the office would before posting.
        foreach (var select in form.QuerySelectorAll("select[name]").OfType<IHtmlSelectElement>().Where(s => string.IsNullOrEmpty(s.Value)))
        {
            if (select.Options.FirstOrDefault(o => !string.IsNullOrEmpty(o.Value)) is { } option)
            {
                values.RemoveAll(v => v.Key == select.Name);
                values.Add(new(select.Name!, option.Value));
            }
        }
        if (form.QuerySelector("button[type=submit][name]") is { } button)
        {
            values.Add(new(button.GetAttribute("name")!, button.GetAttribute("value") ?? ""));
        }
        return values;
    }

    public Task<int> AuditLinesAsync() => Factory.WithDbAsync(db => db.AuditEntries.CountAsync());

    /// <summary>The sides a user tries: their own records; for the scoped roles also records outside their scope.</summary>
    public static IEnumerable<Side> SidesOf(string user) => IsScoped(user) ? [Side.Own, Side.Neighbour, Side.Far] : [Side.Own];

    public static bool HasScopedId(string? path) => path is not null && ScopedPlaceholders.Any(p => path.Contains('{' + p + '}', StringComparison.Ordinal));

    public bool HasId(string path) => _fixed.Keys.Except(["month", "year"]).Concat(ScopedPlaceholders).Any(p => path.Contains('{' + p + '}', StringComparison.Ordinal));

    /// <summary>The URL with its placeholders filled in for the user; null when no record fits that side.</summary>
    public string? Resolve(string template, string user, Side side)
    {
        var url = template;
        foreach (var name in ScopedPlaceholders)
        {
            if (url.Contains('{' + name + '}', StringComparison.Ordinal))
            {
                if ((side == Side.OtherTown ? _other.GetValueOrDefault(name) : Pick(name, user, side)) is not { } value)
                {
                    return null;
                }
                url = url.Replace('{' + name + '}', value, StringComparison.Ordinal);
            }
        }
        foreach (var (name, value) in _fixed)
        {
            var missing = side == Side.Missing && name is not ("month" or "year");
            var own = side == Side.OtherTown ? _other.GetValueOrDefault(name, value) : value;
            url = url.Replace('{' + name + '}', missing ? (name is "user" or "template" ? "no-such-id" : MissingNumber) : own, StringComparison.Ordinal);
        }
        return url;
    }

    private string? Pick(string name, string user, Side side)
    {
        if (side == Side.Missing)
        {
            return name == "unit" ? $"subjectId={MissingNumber}" : MissingNumber;
        }
        var candidates = _candidates[name];
        bool InVillage(int subject, int village) => subject == village || _territoryOf[subject] == village;
        var liaisonVillage = _territoryOf[_liaisonSubject] ?? _liaisonSubject;
        Func<Candidate, bool> fits = (user, side) switch
        {
            (RouteRoleMatrixTests.Liaison, Side.Own) => c => c.SubjectId == _liaisonSubject,
            (RouteRoleMatrixTests.Liaison, Side.Neighbour) => c => c.SubjectId != _liaisonSubject && InVillage(c.SubjectId, liaisonVillage),
            (RouteRoleMatrixTests.Liaison, _) => c => c.SubjectId != _liaisonSubject && !InVillage(c.SubjectId, liaisonVillage),
            // A grid worker submits only the grids they answer for; other grids of their village are a neighbour's.
            (_, Side.Own) when name == "unit" => c => c.WorkerUserId == _gridUserId,
            (_, Side.Own) => c => InVillage(c.SubjectId, _gridTerritory),
            (RouteRoleMatrixTests.Grid, Side.Neighbour) when name == "unit" => c => InVillage(c.SubjectId, _gridTerritory) && c.WorkerUserId != _gridUserId,
            (RouteRoleMatrixTests.Grid, Side.Far) => c => !InVillage(c.SubjectId, _gridTerritory),
            _ => _ => false,
        };
        return candidates.FirstOrDefault(fits)?.Value;
    }

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The other town, of another county: a village with a grid, an enterprise with a workshop, and one record of every
    /// kind a placeholder stands for (ledgers, a key person, a rental house, a submitted inspection with an open finding
    /// and its photo, an attestation, an as-of run, a 督办 order, an appeal with evidence, a notification, API tokens of
    /// the town and of its county), each named with <see cref="OtherTownMarker"/>.
    /// </summary>
    private async Task BuildOtherTownAsync()
    {
        var county = await Factory.WithDbAsync(async db =>
        {
            var c = new Domain.Common.County { Code = OtherTownMarker + "-C", Name = OtherTownMarker + "县" };
            db.Counties.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        const string m = OtherTownMarker;
        var built = await new TownBuilder(m, m + "镇").InCounty(county).WithRuleSet()
            .Village(m + "CUN", m + "村").With(s => { s.ContactPerson = m + "村联系人"; s.Phone = "13912340001"; s.Address = m + "村地址"; s.PrincipalName = m + "村主任"; })
            .WithGrid(m + "CUN-G1", m + "村网格", m + "网格员", "13912340002", account: m.ToLowerInvariant() + "-grid")
            .Enterprise(m + "QY", m + "企业", m + "CUN").With(s => { s.ContactPerson = m + "企业联系人"; s.PrincipalName = m + "企业负责人"; })
            .WithGrid(m + "QY-G1", m + "车间", m + "车间员", "13912340003")
            .User(OtherTownOffice, Roles.Office).User(m.ToLowerInvariant() + "-admin", Roles.Admin)
            .User(m.ToLowerInvariant() + "-grid", Roles.GridWorker, m + "CUN").User(m.ToLowerInvariant() + "-spare", Roles.Leadership)
            .BuildAsync(Factory);
        var (village, enterprise) = (built.Id(m + "CUN"), built.Id(m + "QY"));
        var workshop = built[m + "QY"].Grids[0];
        var today = Factory.Clock.Today();

        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLing.Infrastructure.Data.SanLingDbContext>();
        db.Actor.ActAsSystem(built.Town.Id, "test");
        var id = scope.ServiceProvider.GetRequiredService<SanLing.Infrastructure.Security.IdNumberProtector>().Protect("110101198001010019");
        var petition = new Domain.Ledgers.Petition { Number = "XF-" + m + "-1", SubjectId = enterprise, OccurredOn = today.AddDays(-20), Kind = Domain.Ledgers.PetitionKind.Individual, Matter = m + "信访事由" };
        var accident = new Domain.Ledgers.Accident { Number = "SG-" + m + "-1", SubjectId = enterprise, OccurredOn = today.AddDays(-20), Category = Domain.Ledgers.AccidentCategory.Fire, Summary = m + "事故经过" };
        var securityCase = new Domain.Ledgers.SecurityCase { Number = "AJ-" + m + "-1", SubjectId = enterprise, OccurredOn = today.AddDays(-20), Kind = Domain.Ledgers.CaseKind.Criminal, Facts = m + "案情" };
        var keyPerson = new Domain.KeyPopulations.KeyPerson
        {
            Number = "ZD-" + m + "-1", Name = m + "重点人", IdNumberCipher = id.Cipher, IdNumberHash = id.Hash, IdNumberMasked = id.Masked,
            Category = Domain.KeyPopulations.KeyPersonCategory.DrugUser, SubjectId = village, ListedOn = today.AddDays(-100),
        };
        var rental = new Domain.KeyPopulations.RentalHouse { Number = "CZ-" + m + "-1", SubjectId = village, Address = m + "出租屋地址", Landlord = m + "房东", TenantCount = 2 };
        var finding = new Finding
        {
            Type = FindingType.Hazard, HazardCategory = HazardCategory.Fire, Description = m + "隐患", Status = FindingStatus.Rectifying,
            RectifyBy = today.AddDays(10), RiskLevel = RiskLevel.General,
        };
        var month = MonthPeriod.Of(today.Year, today.Month);
        var inspection = new Inspection
        {
            SubjectId = enterprise, GridId = workshop.Id, Month = month, InspectedOn = today.AddDays(-1), Status = InspectionStatus.Submitted,
            SubmittedAt = Factory.Clock.GetUtcNow(), Inspector = m + "检查人", Findings = [finding],
        };
        var attestation = new Domain.Standards.Attestation
        {
            SubjectId = village, Year = today.Year, Result = Domain.Standards.AttestationResult.Pass,
            ItemCode = Domain.Evaluation.DefaultRuleSet.Create2020().AttestedItemsFor(SubjectKind.Village)[0].Code, Note = m + "评定说明",
        };
        db.AddRange(petition, accident, securityCase, keyPerson, rental, inspection, attestation);
        await db.SaveChangesAsync();
        var store = Factory.Services.GetRequiredService<SanLing.Infrastructure.Photos.PhotoStore>();
        var processed = SanLing.Infrastructure.Photos.PhotoProcessor.Process(Photos.PhotoFiles.JpegWithGps(64, 48), recordLocation: false).Photo!;
        var photo = new FindingPhoto
        {
            FindingId = finding.Id, Stage = PhotoStage.Before, StoredName = await store.SaveAsync(processed, default), ContentType = "image/jpeg",
            Width = processed.Width, Height = processed.Height, Bytes = processed.Jpeg.Length, UploadedAt = Factory.Clock.GetUtcNow(),
        };
        db.FindingPhotos.Add(photo);
        await db.SaveChangesAsync();
        await new SanLing.Infrastructure.Evaluation.AsOfRefresher(db, Factory.Clock).RefreshAsync();
        var run = await db.EvaluationRuns.MaxAsync(r => r.Id);
        var order = new Domain.Supervision.SupervisionOrder
        {
            Source = Domain.Supervision.SupervisionSource.OverdueHazard, SubjectId = enterprise, FindingId = finding.Id, GridId = workshop.Id,
            AssigneeKind = Domain.Supervision.AssigneeKind.GridWorker, AssigneeUserId = built.UserIds[m.ToLowerInvariant() + "-grid"],
            AssigneeName = m + "承办人", Instruction = m + "督办要求", IssuedOn = today.AddDays(-3), LimitDays = 10, DueOn = today.AddDays(7),
        };
        var appeal = new Domain.Evaluation.Appeal
        {
            RunId = run, SubjectId = village, FiledAs = Domain.Evaluation.AppellantRole.GridWorker, FiledByUserId = built.UserIds[m.ToLowerInvariant() + "-grid"],
            FiledBy = m + "申诉人", FiledOn = today, Reason = m + "申诉理由",
            Evidence = [new Domain.Evaluation.AppealEvidence { FileName = m + "证明.pdf", StoredName = m + "-evidence.pdf", ContentType = "application/pdf" }],
        };
        db.AddRange(order, appeal);
        await db.SaveChangesAsync();
        var notification = new Domain.Notifications.Notification
        {
            TownId = built.Town.Id, UserId = built.UserIds[OtherTownOffice], Kind = Domain.Notifications.NotificationKind.SupervisionIssued,
            Args = "{}", CreatedAt = Factory.Clock.GetUtcNow(),
        };
        db.Notifications.Add(notification);
        Domain.Api.ApiToken Token(int? town, int? ofCounty)
        {
            var (_, prefix, hash) = Domain.Api.ApiRules.NewToken();
            return new() { TownId = town, CountyId = ofCounty, Name = m + "令牌", Prefix = prefix, SecretHash = hash, CreatedAt = Factory.Clock.GetUtcNow() };
        }
        var (townToken, countyToken) = (Token(built.Town.Id, null), Token(null, county));
        db.ApiTokens.AddRange(townToken, countyToken);
        await db.SaveChangesAsync();

        foreach (var (name, value) in new Dictionary<string, int>
        {
            ["subject"] = enterprise, ["petition"] = petition.Id, ["accident"] = accident.Id, ["case"] = securityCase.Id, ["grid"] = workshop.Id,
            ["keyperson"] = keyPerson.Id, ["rental"] = rental.Id, ["finding"] = finding.Id, ["photo"] = photo.Id, ["run"] = run,
            ["ruleset"] = await db.RuleSets.MinAsync(r => r.Id), ["attestation"] = attestation.Id, ["territory"] = village, ["order"] = order.Id,
            ["appeal"] = appeal.Id, ["appealfile"] = appeal.Evidence[0].Id, ["apitoken"] = townToken.Id, ["countytoken"] = countyToken.Id,
            ["town"] = built.Town.Id,
        })
        {
            _other[name] = Text(value);
        }
        _other["notification"] = notification.Id.ToString(CultureInfo.InvariantCulture);
        _other["unit"] = $"subjectId={enterprise}&gridId={workshop.Id}";
        _other["user"] = built.UserIds[m.ToLowerInvariant() + "-admin"];
        _other["spare"] = built.UserIds[m.ToLowerInvariant() + "-spare"];
    }

    /// <summary>
    /// The liaison's enterprise gets one record of each ledger, a workshop of its own and an open finding, all taken from
    /// subjects outside both scopes; the grid worker's village gets a case. Then both have records of their own to open.
    /// </summary>
    private async Task GiveScopedUsersRecordsAsync(SanLing.Infrastructure.Data.SanLingDbContext db)
    {
        var liaisonVillage = _territoryOf[_liaisonSubject] ?? _liaisonSubject;
        var scopes = await db.Subjects.Where(s => s.Id == _gridTerritory || s.TerritoryId == _gridTerritory || s.Id == liaisonVillage || s.TerritoryId == liaisonVillage)
            .Select(s => s.Id).ToListAsync();
        var liaison = _liaisonSubject;
        await db.Petitions.Where(p => p.Id == db.Petitions.Where(x => !scopes.Contains(x.SubjectId)).Min(x => x.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.SubjectId, liaison));
        await db.Accidents.Where(p => p.Id == db.Accidents.Where(x => !scopes.Contains(x.SubjectId)).Min(x => x.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.SubjectId, liaison));
        await db.Cases.Where(p => p.Id == db.Cases.Where(x => !scopes.Contains(x.SubjectId)).Min(x => x.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.SubjectId, liaison));
        await db.Cases.Where(p => p.Id == db.Cases.Where(x => !scopes.Contains(x.SubjectId)).Min(x => x.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.SubjectId, _gridTerritory));
        await db.KeyPersons.Where(p => p.Id == db.KeyPersons.Where(x => !scopes.Contains(x.SubjectId)).Min(x => x.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.SubjectId, liaison));
        await db.RentalHouses.Where(p => p.Id == db.RentalHouses.Where(x => !scopes.Contains(x.SubjectId) && !x.IsRegistered).Min(x => x.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.SubjectId, liaison));
        var gridVillage = _gridTerritory;
        await db.RentalHouses.Where(r => r.Id == db.RentalHouses.Where(x => x.SubjectId == gridVillage || x.Subject!.TerritoryId == gridVillage).Min(x => x.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.IsRegistered, false).SetProperty(r => r.RegisteredOn, (DateOnly?)null));
        var inspection = await db.Inspections.Where(i => i.SubjectId == liaison && i.GridId == null).MinAsync(i => i.Id);
        await db.Findings.Where(f => f.Id == db.Findings.Where(x => !scopes.Contains(x.Inspection!.SubjectId) && (x.Status == FindingStatus.Mediating || x.Status == FindingStatus.Rectifying)).Min(x => x.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.InspectionId, inspection));
        db.Grids.Add(new Grid { Code = "MATRIX-01", Name = "矩阵测试班组", SubjectId = liaison });
        await db.SaveChangesAsync();
    }

    private async Task LoadCandidatesAsync(SanLing.Infrastructure.Data.SanLingDbContext db)
    {
        static List<Candidate> Of(IEnumerable<(int Id, int SubjectId)> rows) => rows.Select(r => new Candidate(Text(r.Id), r.SubjectId)).ToList();
        _candidates["subject"] = Of((await db.Subjects.OrderBy(s => s.Id).Select(s => new { s.Id }).ToListAsync()).Select(s => (s.Id, s.Id)));
        _candidates["petition"] = Of((await db.Petitions.OrderBy(x => x.Id).Select(x => new { x.Id, x.SubjectId }).ToListAsync()).Select(x => (x.Id, x.SubjectId)));
        _candidates["accident"] = Of((await db.Accidents.OrderBy(x => x.Id).Select(x => new { x.Id, x.SubjectId }).ToListAsync()).Select(x => (x.Id, x.SubjectId)));
        _candidates["case"] = Of((await db.Cases.OrderBy(x => x.Id).Select(x => new { x.Id, x.SubjectId }).ToListAsync()).Select(x => (x.Id, x.SubjectId)));
        _candidates["grid"] = Of((await db.Grids.OrderBy(x => x.Id).Select(x => new { x.Id, x.SubjectId }).ToListAsync()).Select(x => (x.Id, x.SubjectId)));
        _candidates["keyperson"] = Of((await db.KeyPersons.OrderBy(x => x.Id).Select(x => new { x.Id, x.SubjectId }).ToListAsync()).Select(x => (x.Id, x.SubjectId)));
        // Unregistered first: only those show the register form.
        _candidates["rental"] = Of((await db.RentalHouses.OrderBy(x => x.IsRegistered).ThenBy(x => x.Id).Select(x => new { x.Id, x.SubjectId }).ToListAsync()).Select(x => (x.Id, x.SubjectId)));
        _candidates["finding"] = Of((await db.Findings.Where(f => f.Status == FindingStatus.Mediating || f.Status == FindingStatus.Rectifying)
            .OrderBy(x => x.Id).Select(x => new { x.Id, x.Inspection!.SubjectId }).ToListAsync()).Select(x => (x.Id, x.SubjectId)));
        // A photo on the first open finding of each subject (the demo town has none): a real file, as an upload leaves it.
        var store = Factory.Services.GetRequiredService<SanLing.Infrastructure.Photos.PhotoStore>();
        var processed = SanLing.Infrastructure.Photos.PhotoProcessor.Process(Photos.PhotoFiles.JpegWithGps(64, 48), recordLocation: false).Photo!;
        var photos = new List<(FindingPhoto Photo, int SubjectId)>();
        foreach (var finding in _candidates["finding"].GroupBy(c => c.SubjectId).Select(g => g.First()))
        {
            var photo = new FindingPhoto
            {
                FindingId = int.Parse(finding.Value, CultureInfo.InvariantCulture), Stage = PhotoStage.Before, StoredName = await store.SaveAsync(processed, default),
                ContentType = "image/jpeg", Width = processed.Width, Height = processed.Height, Bytes = processed.Jpeg.Length, UploadedAt = Factory.Clock.GetUtcNow(),
            };
            db.FindingPhotos.Add(photo);
            photos.Add((photo, finding.SubjectId));
        }
        await db.SaveChangesAsync();
        _candidates["photo"] = photos.Select(p => new Candidate(Text(p.Photo.Id), p.SubjectId)).ToList();
        // A unit of the monthly inspection: a grid (workshop), or an enterprise/unit without any, inspected as a whole.
        var grids = await db.Grids.OrderBy(g => g.Id).Select(g => new { g.Id, g.SubjectId, g.WorkerUserId }).ToListAsync();
        var whole = await db.Subjects.Where(s => s.TerritoryId != null && !s.Grids.Any()).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
        _candidates["unit"] = grids.Select(g => new Candidate($"subjectId={g.SubjectId}&gridId={g.Id}", g.SubjectId, g.WorkerUserId))
            .Concat(whole.Select(s => new Candidate($"subjectId={s}", s)))
            .ToList();
    }
}
