using SanLing.Domain.Subjects;

namespace SanLing.Domain.Tests;

public sealed class SubjectTests
{
    private static Subject Subject(DateOnly? established = null, DateOnly? dissolved = null) =>
        new() { Code = "QY1", Name = "测试", Kind = SubjectKind.Enterprise, EstablishedOn = established, DissolvedOn = dissolved };

    [Theory]
    [InlineData(SubjectKind.Village, SubjectGroup.VillageCommunity)]
    [InlineData(SubjectKind.Community, SubjectGroup.VillageCommunity)]
    [InlineData(SubjectKind.Enterprise, SubjectGroup.EnterpriseUnit)]
    [InlineData(SubjectKind.Unit, SubjectGroup.EnterpriseUnit)]
    public void Each_kind_belongs_to_its_target_group(SubjectKind kind, SubjectGroup group) => Assert.Equal(group, kind.Group());

    [Fact]
    public void A_subject_without_dates_is_always_active() => Assert.True(Subject().IsActiveOn(new DateOnly(2025, 12, 31)));

    [Fact]
    public void A_subject_established_on_the_last_day_is_active_that_day() =>
        Assert.True(Subject(established: new DateOnly(2025, 12, 31)).IsActiveOn(new DateOnly(2025, 12, 31)));

    [Fact]
    public void A_subject_established_next_year_is_not_active() =>
        Assert.False(Subject(established: new DateOnly(2026, 1, 1)).IsActiveOn(new DateOnly(2025, 12, 31)));

    [Fact]
    public void A_subject_dissolved_on_the_last_day_is_no_longer_active() =>
        Assert.False(Subject(dissolved: new DateOnly(2025, 12, 31)).IsActiveOn(new DateOnly(2025, 12, 31)));

    [Fact]
    public void A_grid_has_a_worker_by_name_or_by_account()
    {
        Assert.False(new Grid { Code = "G", Name = "一" }.HasWorker);
        Assert.True(new Grid { Code = "G", Name = "一", WorkerName = "李娜" }.HasWorker);
        Assert.True(new Grid { Code = "G", Name = "一", WorkerUserId = "u1" }.HasWorker);
    }

    [Theory]
    [InlineData(SubjectKind.Village, true)]
    [InlineData(SubjectKind.Community, true)]
    [InlineData(SubjectKind.Enterprise, false)]
    [InlineData(SubjectKind.Unit, false)]
    public void The_query_predicates_of_territories_agree_with_the_kind(SubjectKind kind, bool territory)
    {
        var subject = new Subject { Code = "S", Name = "S", Kind = kind };
        Assert.Equal(territory, kind.IsTerritory());
        Assert.Equal(territory, Domain.Subjects.Subject.IsTerritory.Compile()(subject));
        Assert.Equal(!territory, Domain.Subjects.Subject.IsEnterpriseOrUnit.Compile()(subject));
    }
}
