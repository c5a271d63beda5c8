using SanLing.Domain.Inspections;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;

namespace SanLing.Domain.Tests;

public sealed class LedgerTests
{
    private static readonly DateOnly YearEnd2025 = new(2025, 12, 31);

    private static Petition Petition(DateOnly filed, PetitionStatus status, DateOnly? resolved = null) =>
        new() { Number = "XF-1", OccurredOn = filed, Status = status, ResolvedOn = resolved };

    [Fact]
    public void A_petition_resolved_after_the_end_of_its_year_is_backlog_until_resolved()
    {
        var petition = Petition(new DateOnly(2024, 11, 3), PetitionStatus.Resolved, new DateOnly(2025, 2, 1));
        Assert.True(petition.IsBacklogOn(new DateOnly(2025, 1, 31)));
        Assert.False(petition.IsBacklogOn(YearEnd2025));
    }

    [Fact]
    public void An_unresolved_petition_of_an_earlier_year_is_backlog() =>
        Assert.True(Petition(new DateOnly(2023, 5, 3), PetitionStatus.Handling).IsBacklogOn(YearEnd2025));

    [Fact]
    public void A_petition_resolved_within_its_year_is_not_backlog() =>
        Assert.False(Petition(new DateOnly(2024, 11, 3), PetitionStatus.Resolved, new DateOnly(2024, 12, 31)).IsBacklogOn(YearEnd2025));

    [Fact]
    public void An_escalated_petition_is_not_resolved() =>
        Assert.False(Petition(new DateOnly(2025, 3, 1), PetitionStatus.Escalated, new DateOnly(2025, 4, 1)).IsResolvedBy(YearEnd2025));

    [Fact]
    public void A_petition_of_this_year_is_not_backlog_yet() =>
        Assert.False(Petition(new DateOnly(2025, 3, 1), PetitionStatus.Handling).IsBacklogOn(YearEnd2025));

    [Fact]
    public void An_escalated_dispute_is_not_closed_at_this_level()
    {
        var dispute = new Finding { Description = "土地纠纷", Type = FindingType.Dispute, Status = FindingStatus.Escalated, ClosedOn = new DateOnly(2025, 5, 1) };
        Assert.False(dispute.IsClosedBy(YearEnd2025));
    }

    [Fact]
    public void A_hazard_rectified_after_year_end_was_not_closed_by_year_end()
    {
        var hazard = new Finding { Description = "灭火器过期", Type = FindingType.Hazard, Status = FindingStatus.Rectified, ClosedOn = new DateOnly(2026, 1, 1) };
        Assert.False(hazard.IsClosedBy(YearEnd2025));
        Assert.True(hazard.IsClosedBy(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void A_hazard_past_its_deadline_and_not_rectified_is_overdue()
    {
        var hazard = new Finding { Description = "电动车楼道充电", Type = FindingType.Hazard, Status = FindingStatus.Rectifying, RectifyBy = new DateOnly(2025, 6, 30) };
        Assert.False(hazard.IsOverdueOn(new DateOnly(2025, 6, 30)));
        Assert.True(hazard.IsOverdueOn(new DateOnly(2025, 7, 1)));
    }

    [Theory]
    [InlineData("2025-01-01", null, true)]
    [InlineData("2026-01-01", null, false)]
    [InlineData("2020-05-01", "2025-01-01", true)]  // delisted on 1 Jan: still active that year
    [InlineData("2020-05-01", "2024-12-31", false)] // delisted before the year began
    public void A_key_person_is_active_in_a_year_when_listed_by_its_end_and_not_delisted_before_its_start(string listed, string? delisted, bool active)
    {
        var person = new KeyPerson
        {
            Number = "ZD-1", Name = "某", IdNumberCipher = "", IdNumberHash = "", IdNumberMasked = "",
            ListedOn = DateOnly.Parse(listed, System.Globalization.CultureInfo.InvariantCulture),
            DelistedOn = delisted is null ? null : DateOnly.Parse(delisted, System.Globalization.CultureInfo.InvariantCulture),
        };
        Assert.Equal(active, person.IsActiveIn(new DateOnly(2025, 1, 1), YearEnd2025));
    }
}
