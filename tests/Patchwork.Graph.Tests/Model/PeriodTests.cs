using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Model;

public sealed class PeriodTests
{
    private static readonly DateOnly Since = new(2024, 3, 1);
    private static readonly DateOnly Until = new(2024, 6, 15);

    [Fact]
    public void IsActiveAt_the_day_it_starts_is_active() => Assert.True(new Period(Since, Until).IsActiveAt(Since));

    [Fact]
    public void IsActiveAt_the_day_before_it_starts_is_not_active() => Assert.False(new Period(Since, Until).IsActiveAt(Since.AddDays(-1)));

    [Fact]
    public void IsActiveAt_the_day_it_ends_is_not_active() => Assert.False(new Period(Since, Until).IsActiveAt(Until));

    [Fact]
    public void IsActiveAt_the_day_before_it_ends_is_active() => Assert.True(new Period(Since, Until).IsActiveAt(Until.AddDays(-1)));

    [Fact]
    public void IsActiveAt_an_open_period_is_active_ever_after() => Assert.True(new Period(Since).IsActiveAt(DateOnly.MaxValue));

    [Fact]
    public void IsActiveAt_an_open_period_is_not_active_before_it_starts() => Assert.False(new Period(Since).IsActiveAt(Since.AddDays(-1)));

    [Fact]
    public void IsActiveAt_a_one_day_period_is_active_on_that_day_only()
    {
        var period = new Period(Since, Since.AddDays(1));

        Assert.Equal([false, true, false], new[] { Since.AddDays(-1), Since, Since.AddDays(1) }.Select(period.IsActiveAt));
    }

    [Fact]
    public void Constructor_end_on_the_start_day_is_refused()
    {
        var refused = Assert.Throws<GraphRuleException>(() => new Period(Since, Since));

        Assert.Contains("2024-03-01", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_end_before_the_start_is_refused_naming_both_dates()
    {
        var refused = Assert.Throws<GraphRuleException>(() => new Period(Since, Since.AddDays(-1)));

        Assert.Contains("2024-02-29", refused.Message, StringComparison.Ordinal);
        Assert.Contains("2024-03-01", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndedOn_sets_the_end_and_keeps_the_start()
    {
        var ended = new Period(Since).EndedOn(Until);

        Assert.Equal((Since, (DateOnly?)Until, false), (ended.Since, ended.Until, ended.IsOpen));
    }

    [Fact]
    public void EndedOn_the_start_day_is_refused() => Assert.Throws<GraphRuleException>(() => new Period(Since).EndedOn(Since));

    [Fact]
    public void IsOpen_only_without_an_end()
    {
        Assert.True(new Period(Since).IsOpen);
        Assert.False(new Period(Since, Until).IsOpen);
    }
}
