using SanLing.Domain.Subjects;

namespace SanLing.Domain.Tests;

public sealed class PinyinInitialsTests
{
    [Theory]
    [InlineData("上塘村", "stc")]
    [InlineData("下徐村", "xxc")]
    [InlineData("东岙村", "dac")]
    [InlineData("朱家坞村", "zjwc")]
    [InlineData("和平社区", "hpsq")]
    [InlineData("枫林村", "flc")]
    [InlineData("滨江社区", "bjsq")]
    [InlineData("岭下村", "lxc")]
    [InlineData("沙家浜", "sjb")]
    [InlineData("ABC机械厂2号", "abcjxc2h")]
    public void Names_of_the_town_give_their_initials(string name, string initials) => Assert.Equal(initials, PinyinInitials.Of(name));

    // The first character of each initial's range in GB2312 level 1, and the block's last character.
    [Theory]
    [InlineData('啊', 'a')]
    [InlineData('芭', 'b')]
    [InlineData('擦', 'c')]
    [InlineData('搭', 'd')]
    [InlineData('蛾', 'e')]
    [InlineData('发', 'f')]
    [InlineData('噶', 'g')]
    [InlineData('哈', 'h')]
    [InlineData('击', 'j')]
    [InlineData('喀', 'k')]
    [InlineData('垃', 'l')]
    [InlineData('妈', 'm')]
    [InlineData('拿', 'n')]
    [InlineData('哦', 'o')]
    [InlineData('啪', 'p')]
    [InlineData('期', 'q')]
    [InlineData('然', 'r')]
    [InlineData('撒', 's')]
    [InlineData('塌', 't')]
    [InlineData('挖', 'w')]
    [InlineData('昔', 'x')]
    [InlineData('压', 'y')]
    [InlineData('匝', 'z')]
    [InlineData('座', 'z')]
    public void Each_range_boundary_gives_its_initial(char c, char initial) => Assert.Equal(initial, PinyinInitials.InitialOf(c));

    [Theory]
    [InlineData('（')]
    [InlineData('·')]
    [InlineData('丂')]
    public void Punctuation_and_unknown_characters_are_skipped(char c) => Assert.Null(PinyinInitials.InitialOf(c));

    [Fact]
    public void Blank_gives_nothing() => Assert.Equal("", PinyinInitials.Of(null));

    [Theory]
    [InlineData("stc", true)]
    [InlineData("STC", true)]
    [InlineData("tc", true)]
    [InlineData("上塘", true)]
    [InlineData("c01", true)]
    [InlineData("xc", false)]
    [InlineData("下徐", false)]
    public void A_subject_matches_by_code_name_or_initials(string query, bool matches) =>
        Assert.Equal(matches, PinyinInitials.Matches(query, "C01", "上塘村", PinyinInitials.Of("上塘村")));
}
