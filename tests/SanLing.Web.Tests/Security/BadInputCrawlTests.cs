using System.Collections;
using System.Net;
using System.Reflection;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Data.Sqlite;
using SanLing.Web.Tests.Support;
using Xunit.Abstractions;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// Every POST action of the portal, found in the app's own action list, posted by the office and by a grid worker with
/// every field empty and with garbage, against a real record the user can see and against one that does not exist.
/// Bad input must never answer 5xx, a refused post must write nothing, and no English framework message may leak.
/// </summary>
public sealed class BadInputCrawlTests(ITestOutputHelper output)
{
    private const string NoSuchId = "999999";
    private const int RowsPerList = 2;
    private static readonly string[] Users = ["office", "grid"];
    private static readonly HtmlParser Parser = new();

    /// <summary>English texts of ASP.NET Core's own validation and binding messages.</summary>
    private static readonly string[] EnglishFrameworkMessages = ["field is required", "is not valid", "must be a number", "is invalid", "A value for the"];

    private enum Payload
    {
        Empty,
        LongTextImpossibleDateHugeNumber,
        ControlCharactersNotANumber,
    }

    private sealed record PostAction(string Controller, string Action, IReadOnlyList<Field> Fields, bool HasRouteId, bool IdIsNumber, bool HasFile)
    {
        public string Name => $"/{Controller}/{Action}";
    }

    /// <summary>One posted name with the type it binds to (an id in the route is not a field).</summary>
    private sealed record Field(string Name, Type Type);

    private sealed record Target(string Url, string Description, IReadOnlySet<string> FixedKeys);

    [Fact]
    public async Task Bad_input_to_any_post_is_refused_with_messages_never_a_500_and_writes_nothing()
    {
        using var factory = DemoTown.Start(kestrel: false);
        var actions = PostActions(factory);
        var tableCounts = await TableCountQueryAsync(factory.DatabasePath);
        var failures = new List<string>();
        var posts = 0;
        var statuses = new SortedDictionary<int, int>();
        var log = new List<string>();

        foreach (var user in Users)
        {
            var links = await LinksSeenByAsync(factory, user);
            foreach (var action in actions)
            {
                var client = await factory.CreateBrowserlessClient().LoggedInAsync(user);
                var token = await TokenAsync(client);
                foreach (var target in TargetsOf(action, links))
                {
                    foreach (var payload in Enum.GetValues<Payload>())
                    {
                        var before = await CountsAsync(factory.DatabasePath, tableCounts);
                        HttpResponseMessage response;
                        try
                        {
                            response = await client.PostAsync(target.Url, Content(action, target, payload, token));
                        }
                        catch (Exception ex) when (ex is not OutOfMemoryException)
                        {
                            // The test server rethrows what even the error page could not handle.
                            response = new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent(ex.Message) };
                        }
                        var body = await response.Content.ReadAsStringAsync();
                        var after = await CountsAsync(factory.DatabasePath, tableCounts);
                        posts++;
                        var status = (int)response.StatusCode;
                        statuses[status] = statuses.GetValueOrDefault(status) + 1;
                        var what = $"{user} POST {target.Url} ({target.Description}, {payload}) → {status}";
                        var written = Differences(before, after);
                        log.Add(what + (written.Length > 0 ? $"; wrote {written}" : ""));

                        if (status >= 500)
                        {
                            failures.Add($"{what}: server error");
                        }
                        if (response.StatusCode != HttpStatusCode.Redirect && written.Length > 0)
                        {
                            failures.Add($"{what}: refused, yet wrote {written}");
                        }
                        // An action without any field (a button such as 开始启用 of the second factor) has no input to refuse.
                        if (response.StatusCode == HttpStatusCode.Redirect && written.Length > 0 && action.Fields.Count > 0)
                        {
                            failures.Add($"{what}: accepted bad input and wrote {written} (→ {response.Headers.Location})");
                        }
                        if (response.StatusCode == HttpStatusCode.OK && action.Fields.Count > 0)
                        {
                            var page = Parser.ParseDocument(body);
                            var messages = page.QuerySelectorAll(".invalid-feedback, .alert-danger, .text-danger, .alert-warning").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
                            if (messages.Count == 0 && page.QuerySelectorAll("[role=alert]").Length == 0)
                            {
                                failures.Add($"{what}: a page without any message");
                            }
                            if (EnglishFrameworkMessages.FirstOrDefault(m => messages.Any(t => t.Contains(m, StringComparison.Ordinal))) is { } english)
                            {
                                failures.Add($"{what}: English framework message “{english}”");
                            }
                        }
                        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/Account/Login", StringComparison.Ordinal) == true
                            || response.StatusCode == HttpStatusCode.Redirect && action.Name == "/Account/Logout")
                        {
                            // Signed out (by Logout, or a lost session): sign in again for the next post.
                            client = await factory.CreateBrowserlessClient().LoggedInAsync(user);
                            token = await TokenAsync(client);
                        }
                    }
                }
            }
        }

        output.WriteLine($"{actions.Count} POST actions discovered: {string.Join(", ", actions.Select(a => a.Name))}");
        output.WriteLine($"{posts} posts made; answers: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        output.WriteLine($"{failures.Count} failures ({statuses.Where(s => s.Key >= 500).Sum(s => s.Value)} answers 5xx)");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }
        foreach (var line in log)
        {
            output.WriteLine(line);
        }
        Assert.True(actions.Count >= 30, $"only {actions.Count} POST actions discovered");
        Assert.True(failures.Count == 0, $"{failures.Count} of {posts} posts went wrong:\n" + string.Join("\n", failures));
    }

    /// <summary>The app's POST actions and, by reflection, every name their parameters bind from a form.</summary>
    private static List<PostAction> PostActions(SanLingFactory factory)
    {
        var descriptors = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<ControllerActionDescriptor>()
            .Where(a => a.ActionConstraints?.OfType<HttpMethodActionConstraint>().Any(c => c.HttpMethods.Contains("POST")) == true);
        var actions = new List<PostAction>();
        foreach (var descriptor in descriptors)
        {
            var fields = new List<Field>();
            var routeId = false;
            var idIsNumber = false;
            foreach (var parameter in descriptor.Parameters)
            {
                var source = parameter.BindingInfo?.BindingSource;
                if (parameter.ParameterType == typeof(CancellationToken) || source == BindingSource.Services)
                {
                    continue;
                }
                if (parameter.Name == "id")
                {
                    routeId = true;
                    idIsNumber = Underlying(parameter.ParameterType) == typeof(int);
                    continue;
                }
                AddFields(fields, parameter.Name, parameter.ParameterType, isParameter: true, depth: 0);
            }
            var hasFile = fields.Any(f => f.Type == typeof(IFormFile));
            actions.Add(new PostAction(descriptor.ControllerName, descriptor.ActionName, fields, routeId, idIsNumber, hasFile));
        }
        return actions.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
    }

    private static void AddFields(List<Field> fields, string name, Type type, bool isParameter, int depth)
    {
        if (IsSimple(type))
        {
            fields.Add(new Field(name, type));
            return;
        }
        if (depth > 2)
        {
            return;
        }
        if (type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.GetGenericArguments()[0];
            for (var i = 0; i < RowsPerList; i++)
            {
                AddFields(fields, $"{name}[{i}]", element, isParameter: false, depth + 1);
            }
            return;
        }
        // A complex parameter binds its properties without a prefix (as the views post them).
        var prefix = isParameter ? "" : name + ".";
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            AddFields(fields, prefix + property.Name, property.PropertyType, isParameter: false, depth + 1);
        }
    }

    private static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static bool IsSimple(Type type)
    {
        var t = Underlying(type);
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid) || t == typeof(DateOnly)
            || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(IFormFile);
    }

    /// <summary>
    /// Every link and form address on the pages the user can open without parameters: the records the user may see.
    /// </summary>
    private static async Task<List<Uri>> LinksSeenByAsync(SanLingFactory factory, string user)
    {
        var client = await factory.CreateBrowserlessClient().LoggedInAsync(user);
        var pages = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<ControllerActionDescriptor>()
            .Where(a => a.ActionConstraints?.OfType<HttpMethodActionConstraint>().All(c => c.HttpMethods.Contains("GET")) ?? true)
            .Where(a => a.Parameters.All(p => p.Name is not "id" && p.ParameterType != typeof(int)))
            .Where(a => !a.ActionName.Contains("Export", StringComparison.Ordinal))
            .Select(a => $"/{a.ControllerName}/{a.ActionName}")
            .Distinct();
        var links = new List<Uri>();
        foreach (var page in pages)
        {
            var response = await client.GetAsync(page);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
            var addresses = document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href"))
                .Concat(document.QuerySelectorAll("form[action]").Select(f => f.GetAttribute("action")));
            links.AddRange(addresses.Where(h => h is not null && h.StartsWith('/')).Select(h => new Uri(new Uri("http://localhost"), h)));
        }
        return links;
    }

    /// <summary>A real record (the action's own address on a page, or any record address of the controller) and a made-up one.</summary>
    private static IEnumerable<Target> TargetsOf(PostAction action, List<Uri> links)
    {
        var prefix = $"/{action.Controller}/";
        var fieldNames = action.Fields.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Uri? real;
        if (action.HasRouteId)
        {
            real = links.FirstOrDefault(l => l.AbsolutePath.StartsWith($"{action.Name}/", StringComparison.OrdinalIgnoreCase) && Segments(l).Length == 3)
                ?? links.FirstOrDefault(l => l.AbsolutePath.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && Segments(l).Length == 3
                    && (!action.IdIsNumber || int.TryParse(Segments(l)[2], out _)));
        }
        else
        {
            // No id in the route: the record is named by query values the action binds (subjectId, gridId, month …).
            real = links.FirstOrDefault(l => l.AbsolutePath.Equals(action.Name, StringComparison.OrdinalIgnoreCase)
                && QueryKeys(l).Any() && QueryKeys(l).All(fieldNames.Contains));
        }
        if (real is not null)
        {
            var fixedKeys = QueryKeys(real).Where(fieldNames.Contains).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var id = action.HasRouteId ? "/" + Segments(real)[2] : "";
            var query = string.Join("&", QueryPairs(real).Where(p => fixedKeys.Contains(p.Key)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
            yield return new Target(action.Name + id + (query.Length > 0 ? "?" + query : ""), "a real record", fixedKeys);
        }
        yield return new Target(action.HasRouteId ? $"{action.Name}/{(action.IdIsNumber ? NoSuchId : "no-such-thing")}" : action.Name,
            action.HasRouteId ? "no such record" : "no record named", new HashSet<string>());
    }

    private static string[] Segments(Uri link) => link.AbsolutePath.Trim('/').Split('/');

    private static IEnumerable<KeyValuePair<string, string>> QueryPairs(Uri link) =>
        link.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : ""));

    private static IEnumerable<string> QueryKeys(Uri link) => QueryPairs(link).Select(p => p.Key);

    private static HttpContent Content(PostAction action, Target target, Payload payload, string token)
    {
        var fields = action.Fields.Where(f => !target.FixedKeys.Contains(f.Name)).ToList();
        if (action.HasFile && payload != Payload.Empty)
        {
            var multipart = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            foreach (var field in fields)
            {
                if (field.Type == typeof(IFormFile))
                {
                    var bytes = payload == Payload.LongTextImpossibleDateHugeNumber ? Encoding.UTF8.GetBytes(new string('x', 3000)) : [0x00, 0x01, 0x02, 0x1F];
                    multipart.Add(new ByteArrayContent(bytes), field.Name, payload == Payload.LongTextImpossibleDateHugeNumber ? "证明.pdf" : "..\\..\\evil.xlsx");
                }
                else
                {
                    multipart.Add(new StringContent(Garbage(field.Type, payload)), field.Name);
                }
            }
            return multipart;
        }
        var pairs = fields.Where(f => f.Type != typeof(IFormFile))
            .Select(f => new KeyValuePair<string, string>(f.Name, payload == Payload.Empty ? "" : Garbage(f.Type, payload)))
            .Append(new("__RequestVerificationToken", token));
        return new FormUrlEncodedContent(pairs);
    }

    /// <summary>What a careless or hostile client might send for a value of this type.</summary>
    private static string Garbage(Type type, Payload payload)
    {
        var t = Underlying(type);
        var first = payload == Payload.LongTextImpossibleDateHugeNumber;
        if (t == typeof(string))
        {
            return first ? string.Concat(Enumerable.Repeat("乱码x", 1000)) : "\u0001\u0007\u001b[31m<b>\t";
        }
        if (t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset))
        {
            return first ? "2026-13-45" : "2026-02-30";
        }
        if (t == typeof(bool))
        {
            return first ? "maybe" : "2";
        }
        if (t.IsEnum)
        {
            return first ? "99" : "不是选项";
        }
        if (t == typeof(Guid))
        {
            return first ? "not-a-guid" : "00000000-0000-0000-0000-000000000000";
        }
        return first ? "99999999999999999999999999999" : "十二";
    }

    // Every page carries the sign-out form and its token; "/" sends field users on to their worklist.
    private static async Task<string> TokenAsync(HttpClient client) => PortalClient.TokenOf(await client.GetPageAsync("/Account/ChangePassword"));

    /// <summary>One query counting the rows of every table and the change lines of the audit trail (opening pages is audited too, changes are not that).</summary>
    private static async Task<string> TableCountQueryAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'AuditEntries' ORDER BY name";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var counts = tables.Select(t => $"'{t}=' || (SELECT COUNT(*) FROM \"{t}\")")
            .Append("'audited changes=' || (SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"Action\" IN (1, 2, 3, 5, 8))");
        return "SELECT " + string.Join(" || ';' || ", counts);
    }

    private static async Task<string[]> CountsAsync(string databasePath, string query)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = query;
        return ((string)(await command.ExecuteScalarAsync())!).Split(';');
    }

    private static string Differences(string[] before, string[] after) =>
        string.Join(", ", before.Zip(after).Where(p => p.First != p.Second).Select(p => $"{p.First} → {p.Second.Split('=')[1]}"));
}
