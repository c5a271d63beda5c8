using SanLing.Domain.KeyPopulations;

namespace SanLing.Domain.Tests;

public sealed class ChineseIdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example, check digit X
    [InlineData("11010519491231002x")] // a lower-case x is the same number
    [InlineData("110101199003077774")]
    [InlineData("330102198506121231")]
    public void Valid_numbers_pass(string id) => Assert.Null(ChineseIdNumber.Validate(id));

    [Theory]
    [InlineData("110105194912310021", "身份证号校验位错误")]
    [InlineData("11010519491231002", "身份证号应为 18 位")]
    [InlineData("1101051949123100AX", "身份证号前 17 位应为数字")]
    [InlineData("110105194902300028", "身份证号中的出生日期无效")] // 30 February
    [InlineData("", "身份证号不能为空")]
    public void Invalid_numbers_say_why_in_chinese(string id, string reason) => Assert.Equal(reason, ChineseIdNumber.Validate(id));

    [Fact]
    public void The_check_digit_is_computed_per_the_standard() => Assert.Equal('X', ChineseIdNumber.CheckDigit("11010519491231002"));

    [Fact]
    public void Masking_keeps_only_the_first_and_last_four() => Assert.Equal("1101**********002X", ChineseIdNumber.Mask("11010519491231002X"));
}
