using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Tests;

public sealed class TermsTests
{
    [Theory]
    [InlineData("村", SubjectKind.Village)]
    [InlineData(" 社区 ", SubjectKind.Community)]
    [InlineData("企业", SubjectKind.Enterprise)]
    [InlineData("单位", SubjectKind.Unit)]
    public void Template_words_parse_to_values(string word, SubjectKind kind) => Assert.Equal(kind, Terms.Parse<SubjectKind>(word));

    [Fact]
    public void An_unknown_word_parses_to_nothing() => Assert.Null(Terms.Parse<SubjectKind>("工厂"));

    [Fact]
    public void Every_value_of_every_status_has_its_word()
    {
        foreach (var status in Enum.GetValues<FindingStatus>())
        {
            Assert.Equal(status, Terms.Parse<FindingStatus>(Terms.Of(status)));
        }
    }

    [Fact]
    public void The_2020_rule_set_has_the_23_items_of_the_plan()
    {
        Assert.Equal(23, StandardCatalogue.Items2020.Count);
        Assert.Equal(23, StandardCatalogue.Items2020.Select(i => i.Code).Distinct().Count());
        Assert.Equal(KindSet.VillageCommunity, StandardCatalogue.Find("7.3")!.AppliesTo);
        Assert.Equal(ItemJudging.DataAndAttested, StandardCatalogue.Find("1.1")!.Judging);
    }
}
