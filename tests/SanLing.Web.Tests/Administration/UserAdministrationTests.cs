using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Administration;

/// <summary>用户管理: accounts created, edited, disabled and reset by the admin, each with its audit line.</summary>
public sealed class UserAdministrationTests(AdminTownFixture town) : IClassFixture<AdminTownFixture>
{
    private SanLingFactory Factory => town.Factory;

    [Fact]
    public async Task The_list_pages_searches_and_filters_by_role_and_state()
    {
        var admin = await Factory.AdminAsync();
        var all = await admin.GetPageAsync("/Users");
        Assert.Contains(all.QuerySelectorAll("#user-list tbody tr[data-user]"), r => r.GetAttribute("data-user") == "office");

        var grid = await admin.GetPageAsync("/Users?role=" + Uri.EscapeDataString(Roles.GridWorker));
        Assert.All(grid.QuerySelectorAll("#user-list tbody tr[data-user]"), r => Assert.Contains("网格员", r.TextContent, StringComparison.Ordinal));
        Assert.Contains(grid.QuerySelectorAll("#user-list tbody tr[data-user]"), r => r.GetAttribute("data-user") == "grid");

        var byDisplayName = await admin.GetPageAsync("/Users?q=" + Uri.EscapeDataString("陈书记"));
        Assert.Equal(["leader"], byDisplayName.QuerySelectorAll("#user-list tbody tr[data-user]").Select(r => r.GetAttribute("data-user")));

        var disabled = await admin.GetPageAsync("/Users?disabled=true&q=office");
        Assert.Empty(disabled.QuerySelectorAll("#user-list tbody tr[data-user]"));
    }

    [Fact]
    public async Task A_grid_worker_created_on_a_grid_gets_its_village_and_the_grid_and_an_audit_line()
    {
        var admin = await Factory.AdminAsync();
        var (gridCode, villageId) = await Factory.WithDbAsync(async db =>
        {
            var g = await db.Grids.Where(g => g.Subject!.Code == "CUN03").OrderBy(g => g.Code).Select(g => new { g.Code, g.SubjectId }).FirstAsync();
            return (g.Code, g.SubjectId);
        });

        var id = await Factory.CreateAccountAsync(admin, "wang.grid", Roles.GridWorker, gridCode, "网格员 王芳");

        var user = await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        Assert.Equal(villageId, user.ScopeSubjectId);
        Assert.True(user.MustChangePassword);
        Assert.Equal(id, await Factory.WithDbAsync(db => db.Grids.Where(g => g.Code == gridCode).Select(g => g.WorkerUserId).SingleAsync()));
        var line = await Factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Create && a.EntityType == "AppUser" && a.EntityId == id));
        Assert.Equal("admin", line.UserName);
        Assert.Contains(gridCode, line.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminSteps.Password, line.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_password_is_shown_once_and_signs_in()
    {
        var admin = await Factory.AdminAsync();
        var token = await admin.AntiforgeryTokenAsync("/Users/Create");
        var response = await admin.PostFormAsync("/Users/Create", token,
            [new("UserName", "gen.leader"), new("DisplayName", "镇领导 赵"), new("Role", Roles.Leadership), new("GeneratePassword", "true")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var password = (await response.ParseAsync()).QuerySelector("#generated-password")!.TextContent.Trim();
        Assert.True(password.Length >= 12);
        var user = await Factory.CreateBrowserlessClient().LoginAsync("gen.leader", password);
        Assert.Equal("/Account/ChangePassword", user.Headers.Location!.OriginalString);
        Assert.Equal(1, await Factory.CountAsync(AuditAction.Create, await Factory.UserIdAsync("gen.leader")));
    }

    [Fact]
    public async Task Editing_name_role_and_scope_is_saved_and_audited_and_a_stale_form_is_refused()
    {
        var admin = await Factory.AdminAsync();
        var id = await Factory.CreateAccountAsync(admin, "li.liaison", Roles.Liaison, "QY0002");
        var editUrl = $"/Users/Edit/{id}";
        var stalePage = await admin.GetPageAsync(editUrl);

        var saved = await admin.PostPageFormAsync(editUrl, "#user-form", editUrl, v =>
        {
            v["DisplayName"] = "网格员 李强";
            v["Role"] = Roles.GridWorker;
            v["ScopeCode"] = "CUN02";
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var user = await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            Assert.Equal([Roles.GridWorker], await users.GetRolesAsync((await users.FindByIdAsync(id))!));
        }
        Assert.Equal("网格员 李强", user.DisplayName);
        Assert.Equal(await Factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == "CUN02").Select(s => s.Id).SingleAsync()), user.ScopeSubjectId);
        var line = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == id).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(AuditAction.RoleChange, line.Action);
        Assert.Contains("QY0002", line.Changes, StringComparison.Ordinal);
        Assert.Contains("CUN02", line.Changes, StringComparison.Ordinal);

        // The same account posted from the page loaded before the save: refused, nothing written.
        var before = await Factory.SnapshotAsync();
        var values = PortalClient.FormValues(stalePage, "#user-form");
        values["DisplayName"] = "过期的修改";
        var stale = await admin.PostFormAsync(editUrl, PortalClient.TokenOf(stalePage), values);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("已被他人修改", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Factory.SnapshotAsync());
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_hears_the_same_words_as_a_wrong_password()
    {
        var admin = await Factory.AdminAsync();
        var id = await Factory.CreateAccountAsync(admin, "zhou.office", Roles.Office);
        var signedIn = await Factory.CreateBrowserlessClient().LoggedInAsync("zhou.office", AdminSteps.Password);

        var disabled = await admin.PostPageFormAsync($"/Users/Edit/{id}", "form[action$='/Disable/" + id + "']", $"/Users/Disable/{id}", _ => { });

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.True(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.IsDisabled).SingleAsync()));
        Assert.Equal(1, await Factory.CountAsync(AuditAction.Disable, id));
        var refused = await Factory.CreateBrowserlessClient().LoginAsync("zhou.office", AdminSteps.Password);
        var wrong = await Factory.CreateBrowserlessClient().LoginAsync("nobody-at-all", AdminSteps.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(
            (await wrong.ParseAsync()).QuerySelector(".validation-summary-errors")!.TextContent.Trim(),
            (await refused.ParseAsync()).QuerySelector(".validation-summary-errors")!.TextContent.Trim());

        // Its existing session ends: the security stamp changed, and the cookie is checked again after a minute.
        Factory.Clock.Now = Factory.Clock.Now.AddMinutes(2);
        try
        {
            var after = await signedIn.GetAsync("/Subjects");
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        finally
        {
            Factory.Clock.Now = Factory.Clock.Now.AddMinutes(-2);
        }

        var enabled = await admin.PostPageFormAsync($"/Users/Edit/{id}", "form[action$='/Enable/" + id + "']", $"/Users/Enable/{id}", _ => { });
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Equal(1, await Factory.CountAsync(AuditAction.Enable, id));
        Assert.Equal(HttpStatusCode.Redirect, (await Factory.CreateBrowserlessClient().LoginAsync("zhou.office", AdminSteps.Password)).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves_nor_the_last_enabled_admin()
    {
        var admin = await Factory.AdminAsync();
        var own = await Factory.UserIdAsync("admin");
        var page = await admin.GetPageAsync($"/Users/Edit/{own}");
        Assert.Null(page.QuerySelector("#disable-button"));

        var self = await admin.PostFormAsync($"/Users/Disable/{own}", PortalClient.TokenOf(page), [new("ConcurrencyStamp", "")]);
        Assert.Equal(HttpStatusCode.Redirect, self.StatusCode);
        Assert.Contains("不能停用自己的账号", (await admin.GetPageAsync($"/Users/Edit/{own}")).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        var demoted = await admin.PostPageFormAsync($"/Users/Edit/{own}", "#user-form", $"/Users/Edit/{own}", v => v["Role"] = Roles.Office);
        Assert.Contains("不能取消自己的系统管理员角色", (await demoted.ParseAsync()).QuerySelector("[data-field='Role']")!.TextContent, StringComparison.Ordinal);

        // Whoever acts (here a script with no account), the town keeps one enabled admin.
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Data.SanLingDbContext>();
            db.Actor.ActAsSystem(await db.Towns.Select(t => t.Id).SingleAsync(), "test");
            var commands = scope.ServiceProvider.GetRequiredService<Features.Users.UserCommands>();
            var stamp = await db.Users.Where(u => u.Id == own).Select(u => u.ConcurrencyStamp).SingleAsync();
            Assert.Equal(Features.Users.AccountOutcome.LastAdmin, await commands.SetDisabledAsync(own, true, stamp, null, default));
        }

        // With a second admin, either may disable the other.
        var second = await Factory.CreateAccountAsync(admin, "second.admin", Roles.Admin);
        var disabled = await admin.PostPageFormAsync($"/Users/Edit/{second}", "form[action$='/Disable/" + second + "']", $"/Users/Disable/{second}", _ => { });
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.True(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == second).Select(u => u.IsDisabled).SingleAsync()));
        Assert.Equal(0, await Factory.CountAsync(AuditAction.Disable, own));
        Assert.False(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == own).Select(u => u.IsDisabled).SingleAsync()));
    }

    [Fact]
    public async Task A_reset_password_must_be_changed_at_next_sign_in_and_every_page_waits_for_it()
    {
        var admin = await Factory.AdminAsync();
        var id = await Factory.CreateAccountAsync(admin, "sun.office", Roles.Office);
        var user = await Factory.CreateBrowserlessClient().LoggedInAsync("sun.office", AdminSteps.Password);
        await user.PostPageFormAsync("/Account/ChangePassword", "#change-password-form", "/Account/ChangePassword", v =>
        {
            v["CurrentPassword"] = AdminSteps.Password;
            v["NewPassword"] = v["ConfirmPassword"] = "Own-choice-5521";
        });

        const string temporary = "Temp-orary-8842";
        var reset = await admin.PostPageFormAsync($"/Users/Edit/{id}", "#reset-password-form", $"/Users/ResetPassword/{id}", v =>
        {
            v["Password"] = temporary;
            v["ConfirmPassword"] = temporary;
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(1, await Factory.CountAsync(AuditAction.PasswordReset, id));

        var client = Factory.CreateBrowserlessClient();
        var login = await client.LoginAsync("sun.office", temporary);
        Assert.Equal("/Account/ChangePassword", login.Headers.Location!.OriginalString);
        foreach (var url in new[] { "/", "/Subjects", "/Petitions", "/Dashboard/Office" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/ChangePassword", response.Headers.Location!.OriginalString);
        }
        var changePage = await client.GetPageAsync("/Account/ChangePassword");
        Assert.NotNull(changePage.QuerySelector("#must-change-notice"));
        var subjects = await Factory.WithDbAsync(db => db.Subjects.CountAsync());
        var post = await client.PostFormAsync("/Subjects/Create", PortalClient.TokenOf(changePage), [new("Code", "NEW01"), new("Name", "新单位"), new("Kind", "Village")]);
        Assert.Equal("/Account/ChangePassword", post.Headers.Location!.OriginalString);
        Assert.Equal(subjects, await Factory.WithDbAsync(db => db.Subjects.CountAsync()));

        var changed = await client.PostFormAsync("/Account/ChangePassword", PortalClient.TokenOf(changePage),
            [new("CurrentPassword", temporary), new("NewPassword", "Fresh-start-6620"), new("ConfirmPassword", "Fresh-start-6620")]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Subjects")).StatusCode);
        Assert.False(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.MustChangePassword).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await Factory.CreateBrowserlessClient().LoginAsync("sun.office", "Fresh-start-6620")).StatusCode);
    }

    [Fact]
    public async Task Empty_and_garbage_posts_get_messages_by_the_field_and_write_nothing()
    {
        var admin = await Factory.AdminAsync();
        var token = await admin.AntiforgeryTokenAsync("/Users/Create");
        var office = await Factory.UserIdAsync("office");
        var before = await Factory.SnapshotAsync();

        async Task<AngleSharp.Html.Dom.IHtmlDocument> Post(string url, params (string, string)[] fields)
        {
            var response = await admin.PostFormAsync(url, token, fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
            return await response.ParseAsync();
        }
        static string Error(AngleSharp.Html.Dom.IHtmlDocument page, string field) =>
            page.QuerySelector($"[data-field='{field}']")?.TextContent ?? "";

        var empty = await Post("/Users/Create");
        Assert.Contains("请输入用户名", Error(empty, "UserName"), StringComparison.Ordinal);
        Assert.Contains("请输入显示名", Error(empty, "DisplayName"), StringComparison.Ordinal);
        Assert.Contains("请选择角色", Error(empty, "Role"), StringComparison.Ordinal);
        Assert.Contains("请输入初始密码", Error(empty, "Password"), StringComparison.Ordinal);

        var garbage = await Post("/Users/Create",
            ("UserName", "<script>x</script>"), ("DisplayName", new string('名', 51)), ("Role", "superuser"), ("ScopeCode", new string('Z', 40)),
            ("Password", "x"), ("ConfirmPassword", "y"), ("GeneratePassword", "maybe"));
        Assert.Contains("只能包含字母", Error(garbage, "UserName"), StringComparison.Ordinal);
        Assert.Contains("不能超过 50", Error(garbage, "DisplayName"), StringComparison.Ordinal);
        Assert.Contains("角色无效", Error(garbage, "Role"), StringComparison.Ordinal);
        Assert.Contains("范围编码无效", Error(garbage, "ScopeCode"), StringComparison.Ordinal);
        Assert.Contains("不一致", Error(garbage, "ConfirmPassword"), StringComparison.Ordinal);
        Assert.DoesNotContain(garbage.QuerySelectorAll("script"), script => script.TextContent.Contains('x', StringComparison.Ordinal));

        var taken = await Post("/Users/Create", ("UserName", "office"), ("DisplayName", "x"), ("Role", Roles.Office), ("Password", AdminSteps.Password), ("ConfirmPassword", AdminSteps.Password));
        Assert.Contains("已被使用", Error(taken, "UserName"), StringComparison.Ordinal);
        var weak = await Post("/Users/Create", ("UserName", "weak.one"), ("DisplayName", "x"), ("Role", Roles.Office), ("Password", "123456"), ("ConfirmPassword", "123456"));
        Assert.Contains("至少需要 12 个字符", Error(weak, "Password"), StringComparison.Ordinal);

        // Role and scope must fit each other: the one rule create-user uses too.
        var officeWithScope = await Post("/Users/Create", ("UserName", "s1"), ("DisplayName", "x"), ("Role", Roles.Office), ("ScopeCode", "CUN01"), ("GeneratePassword", "true"));
        Assert.Contains("面向全镇", Error(officeWithScope, "ScopeCode"), StringComparison.Ordinal);
        var gridOnEnterprise = await Post("/Users/Create", ("UserName", "s2"), ("DisplayName", "x"), ("Role", Roles.GridWorker), ("ScopeCode", "QY0001"), ("GeneratePassword", "true"));
        Assert.Contains("村（社区）或其网格", Error(gridOnEnterprise, "ScopeCode"), StringComparison.Ordinal);
        var liaisonWithout = await Post("/Users/Create", ("UserName", "s3"), ("DisplayName", "x"), ("Role", Roles.Liaison), ("GeneratePassword", "true"));
        Assert.Contains("必须选择所属企业或单位", Error(liaisonWithout, "ScopeCode"), StringComparison.Ordinal);
        var liaisonOnVillage = await Post("/Users/Create", ("UserName", "s4"), ("DisplayName", "x"), ("Role", Roles.Liaison), ("ScopeCode", "CUN01"), ("GeneratePassword", "true"));
        Assert.Contains("必须是企业或单位", Error(liaisonOnVillage, "ScopeCode"), StringComparison.Ordinal);

        var emptyEdit = await Post($"/Users/Edit/{office}");
        Assert.Contains("请输入显示名", Error(emptyEdit, "DisplayName"), StringComparison.Ordinal);
        var emptyReset = await Post($"/Users/ResetPassword/{office}");
        Assert.Contains("请输入临时密码", Error(emptyReset, "Password"), StringComparison.Ordinal);
        var weakReset = await Post($"/Users/ResetPassword/{office}", ("Password", "office-office"), ("ConfirmPassword", "office-office"));
        Assert.NotEqual("", Error(weakReset, "Password"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/Users/Disable/no-such-user", token, [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Users/Edit/no-such-user")).StatusCode);

        Assert.Equal(before, await Factory.SnapshotAsync());
    }

    [Fact]
    public async Task Own_password_change_works_and_a_wrong_current_password_is_refused()
    {
        var admin = await Factory.AdminAsync();
        var id = await Factory.CreateAccountAsync(admin, "qian.leader", Roles.Leadership);
        var user = await Factory.CreateBrowserlessClient().LoggedInAsync("qian.leader", AdminSteps.Password);

        var before = await Factory.SnapshotAsync();
        var wrong = await user.PostPageFormAsync("/Account/ChangePassword", "#change-password-form", "/Account/ChangePassword", v =>
        {
            v["CurrentPassword"] = "Not-the-one-1234";
            v["NewPassword"] = v["ConfirmPassword"] = "Mine-at-last-4417";
        });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("当前密码不正确", (await wrong.ParseAsync()).QuerySelector("[data-field='CurrentPassword']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Factory.SnapshotAsync());

        var mismatch = await user.PostPageFormAsync("/Account/ChangePassword", "#change-password-form", "/Account/ChangePassword", v =>
        {
            v["CurrentPassword"] = AdminSteps.Password;
            v["NewPassword"] = "Mine-at-last-4417";
            v["ConfirmPassword"] = "Mine-at-last-4418";
        });
        Assert.Contains("不一致", (await mismatch.ParseAsync()).QuerySelector("[data-field='ConfirmPassword']")!.TextContent, StringComparison.Ordinal);
        var empty = await user.PostPageFormAsync("/Account/ChangePassword", "#change-password-form", "/Account/ChangePassword", _ => { });
        Assert.Contains("请输入当前密码", (await empty.ParseAsync()).QuerySelector("[data-field='CurrentPassword']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Factory.SnapshotAsync());

        var changed = await user.PostPageFormAsync("/Account/ChangePassword", "#change-password-form", "/Account/ChangePassword", v =>
        {
            v["CurrentPassword"] = AdminSteps.Password;
            v["NewPassword"] = v["ConfirmPassword"] = "Mine-at-last-4417";
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(1, await Factory.CountAsync(AuditAction.PasswordChange, id));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/Dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Factory.CreateBrowserlessClient().LoginAsync("qian.leader", AdminSteps.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Factory.CreateBrowserlessClient().LoginAsync("qian.leader", "Mine-at-last-4417")).StatusCode);
    }

    [Fact]
    public async Task The_administration_pages_read_in_english()
    {
        var admin = await Factory.AdminAsync();
        var token = await admin.AntiforgeryTokenAsync("/Users");
        await admin.PostFormAsync("/Account/SetLanguage", token, [new("culture", "en"), new("returnUrl", "/Users")]);

        var office = await Factory.UserIdAsync("office");
        foreach (var (url, heading) in new[] { ("/Users", "Users"), ($"/Users/Edit/{office}", "Edit account"), ("/Settings", "Town settings"), ("/Audit", "Audit trail"), ("/Account/ChangePassword", "Change password") })
        {
            var page = await admin.GetPageAsync(url);
            Assert.Contains(heading, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        }
        var empty = await admin.PostFormAsync("/Users/Create", token, []);
        Assert.Contains("Enter a user name", (await empty.ParseAsync()).QuerySelector("[data-field='UserName']")!.TextContent, StringComparison.Ordinal);
    }
}
