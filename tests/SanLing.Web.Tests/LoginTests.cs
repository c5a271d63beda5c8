using System.Net;
using SanLing.Web.Setup;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests;

[Collection(DemoTownCollection.Name)]
public sealed class LoginTests(DemoTownFixture demo)
{
    [Theory]
    [InlineData("admin", "系统管理员")]
    [InlineData("office", "综治办")]
    [InlineData("grid", "网格员")]
    [InlineData("liaison", "单位联络员")]
    [InlineData("leader", "领导")]
    public async Task Every_demo_account_logs_in_and_sees_its_role(string userName, string role)
    {
        var client = demo.Factory.CreateBrowserlessClient();
        var response = await client.LoginAsync(userName, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Leadership's home page is the dashboard (/ redirects there).
        var landing = await client.GetAsync("/");
        var home = await client.GetPageAsync(landing.StatusCode == HttpStatusCode.Redirect ? landing.Headers.Location!.OriginalString : "/");
        Assert.Contains(role, home.QuerySelector("#current-user")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Subjects")]
    [InlineData("/Subjects/Details/1")]
    public async Task Anonymous_users_are_sent_to_the_login_page(string url)
    {
        var response = await demo.Factory.CreateBrowserlessClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_chinese_message()
    {
        var client = demo.Factory.CreateBrowserlessClient();
        var response = await client.LoginAsync("leader", "not-the-password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码错误", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    /// <summary>An empty login form is answered in the page's language: Chinese by default, English once chosen.</summary>
    [Theory]
    [InlineData("zh-CN", "请输入用户名", "请输入密码")]
    [InlineData("en", "Enter a user name", "Enter the password")]
    public async Task An_empty_login_is_refused_in_the_pages_language(string culture, string userNameMessage, string passwordMessage)
    {
        var client = demo.Factory.CreateBrowserlessClient();
        var token = await client.AntiforgeryTokenAsync("/Account/Login");
        await client.PostFormAsync("/Account/SetLanguage", token, [new("culture", culture), new("returnUrl", "/Account/Login")]);

        var response = await client.PostFormAsync("/Account/Login", await client.AntiforgeryTokenAsync("/Account/Login"), [new("UserName", ""), new("Password", "")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        var errors = string.Join(" | ", page.QuerySelectorAll(".invalid-feedback, .text-danger, .alert-danger, [data-field]").Select(e => e.TextContent.Trim()));
        Assert.Contains(userNameMessage, errors, StringComparison.Ordinal);
        Assert.Contains(passwordMessage, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("field is required", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "用户名或密码错误")]
    [InlineData("en", "Wrong user name or password")]
    public async Task A_wrong_password_is_refused_in_the_pages_language(string culture, string message)
    {
        var client = demo.Factory.CreateBrowserlessClient();
        var token = await client.AntiforgeryTokenAsync("/Account/Login");
        await client.PostFormAsync("/Account/SetLanguage", token, [new("culture", culture), new("returnUrl", "/Account/Login")]);

        var response = await client.LoginAsync("leader", "not-the-password-1");

        Assert.Contains(message, (await response.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_even_against_the_right_password()
    {
        await demo.Factory.WithDbAsync(async db =>
        {
            using var scope = demo.Factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Infrastructure.Identity.AppUser>>();
            var user = new Infrastructure.Identity.AppUser { UserName = "lockme", DisplayName = "锁定测试", TownId = db.CurrentTownId };
            Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
            await users.AddToRoleAsync(user, Infrastructure.Identity.Roles.Leadership);
        });
        var client = demo.Factory.CreateBrowserlessClient();
        for (var i = 0; i < 5; i++)
        {
            await client.LoginAsync("lockme", "wrong-password-" + i);
        }

        var response = await client.LoginAsync("lockme", DemoAccounts.Password);

        // Refused with the words of a wrong password: a locked account is not revealed (see LoginThrottleTests).
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Features.Account.AccountController.LoginFailed, (await response.ParseAsync()).QuerySelector(".validation-summary-errors")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_login_post_without_antiforgery_token_is_refused()
    {
        var client = demo.Factory.CreateBrowserlessClient();
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent([new("UserName", "office"), new("Password", DemoAccounts.Password)]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Subjects");
        var response = await client.PostFormAsync("/Account/Logout", token, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Subjects")).StatusCode);
    }

    [Fact]
    public async Task The_english_switch_translates_the_page()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Subjects");
        await client.PostFormAsync("/Account/SetLanguage", token, [new("culture", "en"), new("returnUrl", "/Subjects")]);

        var page = await client.GetPageAsync("/Subjects");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Subjects", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }
}
