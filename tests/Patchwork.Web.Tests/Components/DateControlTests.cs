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
    public async Task Toolbar_typing_a_date_in_the_boxes_and_pressing_Show_raises_that_date()
    {
        var toolbar = RenderToolbar(new DateOnly(2026, 11, 3));

        Type(toolbar, "1", "6", "2025");
        await toolbar.Find("form.pw-as-at").SubmitAsync();

        Assert.Equal([new DateOnly(2025, 6, 1)], raised);
    }

    [Theory]
    [InlineData("", "", "", "Enter a date")]
    [InlineData("30", "2", "2025", "Enter a real date")]
    [InlineData("1", "6", "25", "Year must include 4 numbers, like 2026")]
    [InlineData("yesterday", "6", "2025", "Enter the day as a number, like 27")]
    public async Task Toolbar_a_date_that_cannot_be_read_raises_nothing_and_says_what_is_wrong(string day, string month, string year, string message)
    {
        var toolbar = RenderToolbar();

        Type(toolbar, day, month, year);
        await toolbar.Find("form.pw-as-at").SubmitAsync();

        Assert.Empty(raised);
        Assert.Equal(message, toolbar.Find("#AsAt-error").TextContent);
    }

    [Fact]
    public void Toolbar_shows_the_date_in_Day_Month_and_Year_boxes_whatever_the_locale()
    {
        var toolbar = RenderToolbar(new DateOnly(2025, 11, 3));

        Assert.Empty(toolbar.FindAll("input[type=date]"));
        Assert.Equal("As at", toolbar.Find("fieldset legend").TextContent);
        Assert.Equal(["3", "11", "2025"], toolbar.FindAll("fieldset input").Select(i => i.GetAttribute("value")));
        Assert.StartsWith("The network is drawn as it was on this date.", toolbar.Find("#AsAt-hint").TextContent, StringComparison.Ordinal);
    }

    private static void Type(IRenderedComponent<NetworkToolbar> toolbar, string day, string month, string year)
    {
        toolbar.Find("#AsAt").Change(day);
        toolbar.Find("#AsAt-month").Change(month);
        toolbar.Find("#AsAt-year").Change(year);
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
