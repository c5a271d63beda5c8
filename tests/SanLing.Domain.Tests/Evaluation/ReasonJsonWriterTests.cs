using SanLing.Domain.Evaluation;

namespace SanLing.Domain.Tests.Evaluation;

/// <summary>The run writes each distinct reason's stored form once; what it stores must still be each reason's own text.</summary>
public sealed class ReasonJsonWriterTests
{
    private static readonly DateOnly Day = new(2025, 11, 25);

    /// <summary>One argument of every kind, each field set: the base that each variation below changes in one field.</summary>
    private static ReasonArg Base() => new(ReasonArgKind.Records, 2, "件", ["XF-1", "XF-2"], More: false, Percent: 50m, Day: Day);

    /// <summary>Every field of <see cref="ReasonArg"/>, each changed alone.</summary>
    private static readonly Dictionary<string, Func<ReasonArg, ReasonArg>> Variations = new()
    {
        [nameof(ReasonArg.Kind)] = a => a with { Kind = ReasonArgKind.Months },
        [nameof(ReasonArg.Count)] = a => a with { Count = 3 },
        [nameof(ReasonArg.Unit)] = a => a with { Unit = "处" },
        [nameof(ReasonArg.Items)] = a => a with { Items = ["XF-1", "XF-3"] },
        [nameof(ReasonArg.More)] = a => a with { More = true },
        [nameof(ReasonArg.Percent)] = a => a with { Percent = 66.7m },
        [nameof(ReasonArg.Day)] = a => a with { Day = Day.AddDays(1) },
    };

    [Fact]
    public void Every_field_of_an_argument_is_varied_here()
    {
        // A field added to ReasonArg must be compared by ReasonPartsComparer, or two different reasons would share one
        // stored text: this test fails until the new field has its variation above (and its comparison).
        var settable = typeof(ReasonArg).GetProperties().Where(p => p.SetMethod is not null).Select(p => p.Name).Order();
        Assert.Equal(settable, Variations.Keys.Order());
    }

    [Fact]
    public void Reasons_differing_in_one_field_keep_their_own_stored_text()
    {
        var writer = new ReasonJsonWriter();
        var first = writer.Write([new ReasonPart("3.3.filed", [Base()])]);
        foreach (var (field, vary) in Variations)
        {
            IReadOnlyList<ReasonPart> varied = [new ReasonPart("3.3.filed", [vary(Base())])];
            var stored = writer.Write(varied);
            Assert.Equal(ReasonJson.Write(varied), stored);
            Assert.True(stored != first, $"changing {field} alone must change the stored text");
        }
    }

    [Fact]
    public void Equal_reasons_built_apart_are_written_once_with_the_same_text()
    {
        var writer = new ReasonJsonWriter();
        IReadOnlyList<ReasonPart> one = [new ReasonPart("months.missing", [ReasonArg.Number(12), ReasonArg.Months([new(2025, 3, 1)])])];
        IReadOnlyList<ReasonPart> other = [new ReasonPart("months.missing", [ReasonArg.Number(12), ReasonArg.Months([new(2025, 3, 1)])])];

        var first = writer.Write(one);
        var second = writer.Write(other);

        Assert.Equal(ReasonJson.Write(other), second);
        Assert.Same(first, second);
    }

    [Fact]
    public void Parts_codes_order_and_number_count()
    {
        var writer = new ReasonJsonWriter();
        var a = new ReasonPart("1.1.none", []);
        var b = new ReasonPart("2.4.none", []);
        IReadOnlyList<ReasonPart>[] reasons = [[a], [b], [a, b], [b, a], [a, a], []];

        var stored = reasons.Select(writer.Write).ToList();

        Assert.Equal(reasons.Select(ReasonJson.Write), stored);
        Assert.Equal(reasons.Length, stored.Distinct().Count());
    }

    [Fact]
    public void A_percent_written_with_more_decimals_keeps_its_own_text()
    {
        var writer = new ReasonJsonWriter();
        IReadOnlyList<ReasonPart> half = [new ReasonPart("4.3.registered", [ReasonArg.Share(1, "处", 50.0m)])];
        IReadOnlyList<ReasonPart> halfAgain = [new ReasonPart("4.3.registered", [ReasonArg.Share(1, "处", 50.00m)])];

        Assert.Equal(ReasonJson.Write(half), writer.Write(half));
        Assert.Equal(ReasonJson.Write(halfAgain), writer.Write(halfAgain));
    }
}
