using Bunit;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Components;

public sealed class DateControlTests : BunitContext
{
    private static readonly DateOnly Today = DemoStore.Today;
    private readonly List<DateOnly> raised = [];

    public DateControlTests() => this.AddTestServices();

    [Fact]
    public void Toolbar_typing_a_date_raises_that_date()
    {
        var toolbar = RenderToolbar();

        toolbar.Find("input[type=date]").Change("2025-06-01");

        Assert.Equal([new DateOnly(2025, 6, 1)], raised);
    }

    [Theory]
    [InlineData("")]
    [InlineData("01/06/2025")]
    [InlineData("2025-02-30")]
    [InlineData("yesterday")]
    public void Toolbar_a_date_that_cannot_be_read_raises_nothing(string typed)
    {
        var toolbar = RenderToolbar();

        toolbar.Find("input[type=date]").Change(typed);

        Assert.Empty(raised);
    }

    [Fact]
    public void Toolbar_shows_the_date_in_the_form_a_date_input_reads()
    {
        var input = RenderToolbar(new DateOnly(2025, 11, 3)).Find("input[type=date]");

        Assert.Equal("2025-11-03", input.GetAttribute("value"));
        Assert.Equal("As at", input.Closest("label")!.QuerySelector("span")!.TextContent);
    }

    [Fact]
    public void TimeBar_sliding_to_either_end_raises_three_years_back_or_two_months_ahead()
    {
        var bar = RenderTimeBar(Today);
        var slider = bar.Find("input[type=range]");

        slider.Change("0");
        slider.Change(slider.GetAttribute("max")!);

        Assert.Equal([Today.AddYears(-3), Today.AddMonths(2)], raised);
    }

    [Fact]
    public void TimeBar_sliding_raises_the_day_under_the_thumb()
    {
        var bar = RenderTimeBar(Today);
        var slider = bar.Find("input[type=range]");

        slider.Change("400");

        Assert.Equal([Today.AddYears(-3).AddDays(400)], raised);
        Assert.Equal(Today.DayNumber - Today.AddYears(-3).DayNumber, int.Parse(slider.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TimeBar_a_slider_value_that_is_not_a_number_raises_nothing()
    {
        RenderTimeBar(Today).Find("input[type=range]").Change("later");

        Assert.Empty(raised);
    }

    [Fact]
    public void TimeBar_a_year_earlier_and_today_buttons_raise_those_dates()
    {
        var asOf = new DateOnly(2025, 3, 10);
        var bar = RenderTimeBar(asOf);

        bar.FindAll("button").Single(b => b.TextContent.Contains("A year earlier", StringComparison.Ordinal)).Click();
        bar.FindAll("button").Single(b => b.TextContent.Contains("Today", StringComparison.Ordinal)).Click();

        Assert.Equal([new DateOnly(2024, 3, 10), Today], raised);
    }

    [Fact]
    public void TimeBar_today_is_disabled_when_today_is_shown_and_the_slider_reads_the_date_out()
    {
        var bar = RenderTimeBar(Today);

        Assert.True(bar.FindAll("button").Single(b => b.TextContent.Contains("Today", StringComparison.Ordinal)).HasAttribute("disabled"));
        Assert.Equal("1 Jul 2026", bar.Find("input[type=range]").GetAttribute("aria-valuetext"));
        Assert.Equal("Time", bar.Find("label[for=time-slider]").TextContent);
    }

    private IRenderedComponent<NetworkToolbar> RenderToolbar(DateOnly? asOf = null) => Render<NetworkToolbar>(p => p
        .Add(t => t.AsOf, asOf ?? Today)
        .Add(t => t.Depth, 1)
        .Add(t => t.OnDate, date => raised.Add(date)));

    private IRenderedComponent<TimeBar> RenderTimeBar(DateOnly asOf) => Render<TimeBar>(p => p
        .Add(t => t.AsOf, asOf)
        .Add(t => t.Today, Today)
        .Add(t => t.Changes, [Today.AddDays(-40), Today.AddYears(-5)])
        .Add(t => t.OnDate, date => raised.Add(date)));
}
