using SanLing.Domain.Common;

namespace SanLing.Domain.Tests;

public sealed class DateTextTests
{
    [Theory]
    [InlineData("2024年3月5日")]
    [InlineData("2024年03月05日")]
    [InlineData("2024 年 3 月 5 日")]
    [InlineData("2024/3/5")]
    [InlineData("2024/03/05")]
    [InlineData("2024.3.5")]
    [InlineData("2024-3-5")]
    [InlineData("2024-03-05")]
    [InlineData(" 2024-03-05 ")]
    [InlineData("２０２４年３月５日")]
    [InlineData("2024－3－5")]
    public void Office_ways_of_typing_a_day_are_read(string text)
    {
        Assert.True(DateText.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(2024, 3, 5), date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2024-02-30")]
    [InlineData("2023年2月29日")]
    [InlineData("2024-13-01")]
    [InlineData("24-3-5")]
    [InlineData("2024-3")]
    [InlineData("2024/3-5")]
    [InlineData("2024-03-05 10:00")]
    [InlineData("3/5/2024")]
    [InlineData("明天")]
    [InlineData("45357")]
    public void Anything_else_is_not_a_day(string? text) => Assert.False(DateText.TryParseDate(text, out _));

    [Theory]
    [InlineData("2024-03")]
    [InlineData("2024-3")]
    [InlineData("2024/3")]
    [InlineData("2024.3")]
    [InlineData("2024年3月")]
    [InlineData("2024-03-17")]
    public void Months_are_read_as_their_first_day(string text)
    {
        Assert.True(DateText.TryParseMonth(text, out var month));
        Assert.Equal(new DateOnly(2024, 3, 1), month);
    }

    [Theory]
    [InlineData("2024-13")]
    [InlineData("2024")]
    [InlineData("3月")]
    public void Not_a_month(string text) => Assert.False(DateText.TryParseMonth(text, out _));
}
