using Patchwork.Web.Features.Changes;

namespace Patchwork.Web.Tests.Changes;

/// <summary>The Day, Month and Year boxes read as GOV.UK's date input reads them, with its messages.</summary>
public sealed class DateEntryTests
{
    [Theory]
    [InlineData("1", "12", "2026", 2026, 12, 1)]
    [InlineData(" 01 ", "3", "2026", 2026, 3, 1)]
    [InlineData("29", "2", "2028", 2028, 2, 29)]
    [InlineData("12", "Jan", "2026", 2026, 1, 12)]
    [InlineData("12", "september", "2026", 2026, 9, 12)]
    public void A_real_date_reads_as_day_month_year(string day, string month, string year, int y, int m, int d)
    {
        var reading = DateEntry.Read(day, month, year);

        Assert.Equal(new DateTime(y, m, d), reading.Value);
        Assert.Null(reading.Problem);
    }

    [Theory]
    [InlineData("31", "2", "2026", "Enter a real date", DatePart.Day)]
    [InlineData("29", "2", "2026", "Enter a real date", DatePart.Day)]
    [InlineData("0", "5", "2026", "Enter a real date", DatePart.Day)]
    [InlineData("", "", "", "Enter a date", DatePart.Day)]
    [InlineData("12", "", "2026", "Date must include a month", DatePart.Month)]
    [InlineData("", "", "2026", "Date must include a day and a month", DatePart.Day)]
    [InlineData("12", "3", "", "Date must include a year", DatePart.Year)]
    [InlineData("12", "13", "2026", "Enter the month as a number from 1 to 12, like 3, or its name, like March", DatePart.Month)]
    [InlineData("12", "ma", "2026", "Enter the month as a number from 1 to 12, like 3, or its name, like March", DatePart.Month)]
    [InlineData("1st", "3", "2026", "Enter the day as a number, like 27", DatePart.Day)]
    [InlineData("-1", "3", "2026", "Enter the day as a number, like 27", DatePart.Day)]
    [InlineData("12", "3", "26", "Year must include 4 numbers, like 2026", DatePart.Year)]
    [InlineData("12", "3", "0000", "Enter a real date", DatePart.Year)]
    [InlineData("<script>", "3", "2026", "Enter the day as a number, like 27", DatePart.Day)]
    public void A_date_that_is_not_real_or_not_whole_says_what_is_wrong_and_where(string day, string month, string year, string message, DatePart part)
    {
        var reading = DateEntry.Read(day, month, year);

        Assert.Null(reading.Value);
        Assert.Equal(message, reading.Problem);
        Assert.Equal(part, reading.Part);
    }

    [Theory]
    [InlineData("14:30", 14, 30)]
    [InlineData("9:05", 9, 5)]
    [InlineData("1430", 14, 30)]
    [InlineData("14.30", 14, 30)]
    public void A_time_on_the_24_hour_clock_is_added_to_the_day(string time, int hours, int minutes) =>
        Assert.Equal(new DateTime(2026, 12, 1, hours, minutes, 0), DateEntry.Read("1", "12", "2026", time).Value);

    [Theory]
    [InlineData("")]
    [InlineData("25:00")]
    [InlineData("2pm")]
    public void A_time_that_cannot_be_read_points_at_the_time_box(string time)
    {
        var reading = DateEntry.Read("1", "12", "2026", time);

        Assert.Null(reading.Value);
        Assert.Equal(DatePart.Time, reading.Part);
        Assert.StartsWith("Enter the time in hours and minutes", reading.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_boxes_show_a_value_as_they_read_it() =>
        Assert.Equal(("1", "12", "2026", "09:05"), DateEntry.Parts(new DateTime(2026, 12, 1, 9, 5, 0)));
}
