using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SanLing.Web.Tests.Support;

/// <summary>Drives the portal like a browser: GET a page, read its form and antiforgery token, POST it back.</summary>
public static class PortalClient
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public static async Task<IHtmlDocument> ParseAsync(this HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The antiforgery token of the first form on <paramref name="url"/> (a GET that must succeed).</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string url)
    {
        var page = await client.GetPageAsync(url);
        return TokenOf(page);
    }

    public static string TokenOf(IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("no antiforgery token on the page");

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, string token, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));

    public static async Task<HttpResponseMessage> LoginAsync(this HttpClient client, string userName, string password)
    {
        var token = await client.AntiforgeryTokenAsync("/Account/Login");
        return await client.PostFormAsync("/Account/Login", token, [new("UserName", userName), new("Password", password)]);
    }

    /// <summary>Logs in and checks it worked (a redirect to the home page).</summary>
    public static async Task<HttpClient> LoggedInAsync(this HttpClient client, string userName, string password = Setup.DemoAccounts.Password)
    {
        var response = await client.LoginAsync(userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login of {userName} answered {(int)response.StatusCode}");
        return client;
    }

    /// <summary>The current values of a page's form, to post back with some of them changed.</summary>
    public static Dictionary<string, string> FormValues(IHtmlDocument page, string formSelector = "main form[method=post]") =>
        FormValues((IHtmlFormElement)(page.QuerySelector(formSelector) ?? throw new InvalidOperationException("no form")));

    /// <summary>The current values of one form (its submit buttons aside).</summary>
    public static Dictionary<string, string> FormValues(IHtmlFormElement form)
    {
        var values = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement box when box.Type is "checkbox" or "radio":
                    // A browser posts a check box or radio button only when it is checked.
                    if (!string.IsNullOrEmpty(box.Name) && box.IsChecked)
                    {
                        values[box.Name] = box.Value;
                    }
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not "submit" && input.Name != "__RequestVerificationToken":
                    values[input.Name] = input.Value;
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values[select.Name] = select.Value ?? "";
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values[area.Name] = area.Value;
                    break;
            }
        }
        return values;
    }
}
