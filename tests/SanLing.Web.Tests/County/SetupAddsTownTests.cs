using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.County;

/// <summary>
/// <c>setup … --county</c>: the first town in a new county, a town added to the county of a running deployment (with
/// its first administrator and the county's rule set, or the 2020 set), the single town of a deployment put into a new
/// county, and the refusals, which write nothing.
/// </summary>
public sealed class SetupAddsTownTests : IDisposable
{
    private const string Password = "Harbor-lamp-2026x";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sanling-tests", $"county-setup-{Guid.NewGuid():N}");
    private readonly PortalProcess _portal;

    public SetupAddsTownTests()
    {
        Directory.CreateDirectory(_folder);
        _portal = new PortalProcess(Path.Combine(_folder, "sanling.db"));
    }

    private object? Scalar(string sql) => PortalProcess.Scalar(_portal.DatabasePath, sql);

    private const string TownsAndCounties =
        "SELECT group_concat(t.Code || ':' || coalesce(c.Code, '-'), ',') FROM (SELECT * FROM Towns ORDER BY Code) t LEFT JOIN Counties c ON c.Id = t.CountyId";

    [Fact]
    public async Task The_first_setup_creates_the_county_and_later_setups_add_towns_to_it_with_their_administrators()
    {
        var first = await _portal.RunAsync(Password, "setup", "QS", "青山镇", "--admin", "chen", "--county", "LJ", "--county-name", "临江县");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal("LJ|临江县", Scalar("SELECT Code || '|' || Name FROM Counties"));

        // The county has published no rule set: the new town starts with the 2020 set; --county may be left out with one county.
        var second = await _portal.RunAsync(Password, "setup", "BS", "白水镇", "--admin", "bsadmin", "--due-day", "8");
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("已添加乡镇 BS", second.Output, StringComparison.Ordinal);
        Assert.Equal("BS:LJ,QS:LJ", Scalar(TownsAndCounties));
        Assert.Equal("2020|8", Scalar("SELECT r.Year || '|' || t.InspectionDueDay FROM RuleSets r JOIN Towns t ON t.Id = r.TownId WHERE t.Code = 'BS'"));
        Assert.Equal("BS|系统管理员", Scalar(
            "SELECT t.Code || '|' || r.Name FROM AspNetUsers u JOIN Towns t ON t.Id = u.TownId JOIN AspNetUserRoles ur ON ur.UserId = u.Id JOIN AspNetRoles r ON r.Id = ur.RoleId WHERE u.UserName = 'bsadmin'"));
    }

    [Fact]
    public async Task A_single_town_without_a_county_joins_the_county_the_second_setup_creates()
    {
        var first = await _portal.RunAsync(Password, "setup", "QS", "青山镇", "--admin", "chen");
        Assert.True(first.ExitCode == 0, first.Error);

        var second = await _portal.RunAsync(Password, "setup", "BS", "白水镇", "--admin", "bsadmin", "--county", "LJ", "--county-name", "临江县");

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal("BS:LJ,QS:LJ", Scalar(TownsAndCounties));
    }

    [Fact]
    public async Task Refusals_on_a_running_deployment_write_nothing()
    {
        Assert.Equal(0, (await _portal.RunAsync(Password, "setup", "QS", "青山镇", "--admin", "chen")).ExitCode);
        const string Everything = "SELECT (SELECT COUNT(*) FROM Towns) || '|' || (SELECT COUNT(*) FROM Counties) || '|' || (SELECT COUNT(*) FROM AspNetUsers) || '|' || (SELECT COUNT(*) FROM RuleSets)";
        var before = Scalar(Everything);

        (string[] Args, int Exit, string Message)[] refusals =
        [
            (["setup", "BS", "白水镇", "--admin", "bsadmin"], 1, "还没有县"),
            (["setup", "BS", "白水镇", "--admin", "bsadmin", "--county", "LJ"], 1, "需用 --county-name 给出县名称"),
            (["setup", "BS", "白水镇", "--admin", "bsadmin", "--county-name", "临江县"], 2, "--county-name 须与 --county 一起使用"),
            (["setup", "BS", "白水镇", "--admin", "bsadmin", "--county", "L J!", "--county-name", "临江县"], 1, "县编码只能由字母"),
            (["setup", "QS", "又一个青山镇", "--admin", "bsadmin", "--county", "LJ", "--county-name", "临江县"], 1, "乡镇编码 QS 已存在"),
            (["setup", "BS", "白水镇", "--admin", "chen", "--county", "LJ", "--county-name", "临江县"], 1, "chen"),
        ];
        foreach (var (args, exit, message) in refusals)
        {
            var (code, _, error) = await _portal.RunAsync(Password, args);
            Assert.True(code == exit && error.Contains(message, StringComparison.Ordinal), $"{string.Join(' ', args)}: exit {code}, {error}");
            Assert.Equal(before, Scalar(Everything));
        }

        // Once a county exists, a town cannot name another that does not.
        Assert.Equal(0, (await _portal.RunAsync(Password, "setup", "BS", "白水镇", "--admin", "bsadmin", "--county", "LJ", "--county-name", "临江县")).ExitCode);
        var unknown = await _portal.RunAsync(Password, "setup", "HS", "红石镇", "--admin", "hsadmin", "--county", "NOPE", "--county-name", "某县");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("没有编码为 NOPE 的县", unknown.Error, StringComparison.Ordinal);
        var differs = await _portal.RunAsync(Password, "setup", "HS", "红石镇", "--admin", "hsadmin", "--county", "LJ", "--county-name", "别的县");
        Assert.Equal(1, differs.ExitCode);
        Assert.Contains("与 --county-name 不符", differs.Error, StringComparison.Ordinal);
        Assert.Equal(2L, Scalar("SELECT COUNT(*) FROM Towns"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
