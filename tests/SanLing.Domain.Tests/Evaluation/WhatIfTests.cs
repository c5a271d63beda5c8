using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.Standards;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Tests.Evaluation;

/// <summary>假设分析: the open facts of a subject as of a date, and the year-end facts with the ticked ones left open.</summary>
public sealed class WhatIfTests
{
    private static readonly EvaluationPeriod Now = new(Facts.Year, new DateOnly(Facts.Year, 11, 25));
    private static readonly DateOnly Dec31 = Facts.Dec31;

    /// <summary>An enterprise with everything open that can still change: two hazards, a dispute, a 积案, missing months, a silent key person.</summary>
    private static SubjectFacts Open() => Facts.Enterprise() with
    {
        CompleteMonths = Enumerable.Range(1, 9).Select(m => new DateOnly(Facts.Year, m, 1)).ToHashSet(),
        Hazards =
        [
            new FindingFact(11, new DateOnly(Facts.Year, 3, 1), null, FindingStatus.Rectifying, null, new DateOnly(Facts.Year, 4, 30)),
            new FindingFact(12, new DateOnly(Facts.Year, 5, 1), null, FindingStatus.Rectifying, null, new DateOnly(Facts.Year, 6, 30)),
            new FindingFact(13, new DateOnly(Facts.Year, 6, 1), null, FindingStatus.Rectified, new DateOnly(Facts.Year, 6, 20)),
        ],
        Disputes = [new FindingFact(21, new DateOnly(Facts.Year, 7, 1), null, FindingStatus.Mediating, null)],
        Petitions = [Facts.Petition("XF-OLD", new DateOnly(Facts.Year - 1, 10, 1), status: PetitionStatus.Handling)],
        KeyPersons = [new KeyPersonFact("ZD-1", true, new DateOnly(Facts.Year - 1, 1, 1), null, [])],
    };

    private static readonly RuleSet Rules = DefaultRuleSet.Create2020();

    [Fact]
    public void The_open_facts_are_what_can_still_change_before_31_december()
    {
        var open = WhatIf.OpenFacts(Open(), Now);

        Assert.Equal(["h11", "h12", "d21", "p1", "m2025-10", "m2025-11", "m2025-12", "k1"], open.Select(f => f.Key));
        Assert.Equal(new DateOnly(Facts.Year, 4, 30), open[0].Date);
        Assert.DoesNotContain(open, f => f.Key == "h13");
    }

    [Fact]
    public void Nothing_ticked_takes_everything_open_as_made_good_and_the_year_ends_compliant()
    {
        var facts = Open();
        Assert.Equal(SubjectVerdict.Pending, Evaluator.Judge(Rules, facts, Now).Verdict);

        var yearEnd = WhatIf.Apply(facts, Now, new HashSet<string>());

        Assert.All(yearEnd.Hazards, h => Assert.True(h.IsClosedBy(Dec31)));
        Assert.All(yearEnd.Disputes, d => Assert.True(d.IsClosedBy(Dec31)));
        Assert.Equal(12, yearEnd.CompleteMonths.Count);
        Assert.Equal([Dec31], yearEnd.KeyPersons[0].FollowUps);
        Assert.Equal(SubjectVerdict.Compliant, Evaluator.Judge(Rules, yearEnd, WhatIf.YearEnd(Now)).Verdict);
        // The facts themselves are not changed.
        Assert.Equal(FindingStatus.Rectifying, facts.Hazards[0].Status);
        Assert.Equal(9, facts.CompleteMonths.Count);
    }

    [Theory]
    [InlineData("h12", "5.3")]
    [InlineData("d21", "3.3")]
    [InlineData("p1", "3.3")]
    [InlineData("m2025-12", "3.1|5.1")]
    [InlineData("k1", "4.1")]
    public void A_ticked_fact_stays_open_and_fails_its_item_at_year_end(string key, string items)
    {
        var yearEnd = Evaluator.Judge(Rules, WhatIf.Apply(Open(), Now, new HashSet<string> { key }), WhatIf.YearEnd(Now));

        Assert.Equal(SubjectVerdict.NonCompliant, yearEnd.Verdict);
        var failing = yearEnd.Items.Where(i => i.Verdict == ItemVerdict.Fail).Select(i => i.Code).ToList();
        Assert.NotEmpty(failing);
        Assert.All(failing, code => Assert.Contains(code, items.Split('|')));
    }

    [Fact]
    public void A_ticked_hazard_is_named_in_the_year_end_reason_and_unknown_keys_are_ignored()
    {
        var yearEnd = Evaluator.Judge(Rules, WhatIf.Apply(Open(), Now, WhatIf.Keys(["h11", " x99 ", "", null])), WhatIf.YearEnd(Now));

        var hazards = yearEnd.Items.Single(i => i.Code == "5.3");
        Assert.Equal(ItemVerdict.Fail, hazards.Verdict);
        Assert.Contains("2025-03", hazards.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("2025-05", hazards.Reason, StringComparison.Ordinal);
    }
}
