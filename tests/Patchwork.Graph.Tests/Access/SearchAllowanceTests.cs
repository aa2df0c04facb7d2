using Patchwork.Graph.Access;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Access;

public sealed class SearchAllowanceTests
{
    [Fact]
    public void Take_refuses_a_burst_beyond_the_allowance_and_allows_again_a_minute_later()
    {
        var clock = new StoppedClock(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero));
        var allowance = new SearchAllowance(clock);
        var viewer = Governed.Practitioner("sw");
        for (var i = 0; i < SearchAllowance.PerMinute; i++)
        {
            allowance.Take(viewer);
        }

        Assert.Throws<GraphRuleException>(() => allowance.Take(viewer));
        allowance.Take(Governed.Practitioner("someone-else"));
        clock.Now = clock.Now.AddMinutes(1);
        allowance.Take(viewer);
    }
}
