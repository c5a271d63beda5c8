using SanLing.Domain.Ledgers;

namespace SanLing.Domain.Tests;

public sealed class RecordNumbersTests
{
    [Fact]
    public void The_first_number_of_a_year_is_001() => Assert.Equal("XF-2026-001", RecordNumbers.Next(RecordNumbers.Petition, 2026, []));

    [Fact]
    public void The_next_number_follows_the_highest_of_the_same_year_and_ledger() =>
        Assert.Equal("SG-2026-013", RecordNumbers.Next(RecordNumbers.Accident, 2026, ["SG-2026-002", "SG-2026-012", "SG-2025-040", "XF-2026-099"]));

    [Fact]
    public void Numbers_written_another_way_are_skipped() =>
        Assert.Equal("AJ-2026-002", RecordNumbers.Next(RecordNumbers.Case, 2026, ["AJ-2026-001", "AJ-2026-手写", "刑2026-5"]));

    [Fact]
    public void Past_999_the_sequence_grows_a_digit() => Assert.Equal("XF-2026-1000", RecordNumbers.Next(RecordNumbers.Petition, 2026, ["XF-2026-999"]));
}
