using System.Globalization;

namespace Patchwork.Web.Features.Changes;

/// <summary>Which box of a date entry a problem is in, so the message can point at it and focus can go there.</summary>
public enum DatePart
{
    Day,
    Month,
    Year,
    Time,
}

/// <summary>What was typed into a date entry: the date and time it names, or what is wrong and in which box.</summary>
public sealed record DateReading(DateTime? Value, string? Problem, DatePart? Part)
{
    public bool IsValid => Value is not null;
}

/// <summary>
/// Reads a date typed as GOV.UK's date input asks for it, in separate Day, Month and Year boxes (and, for a time,
/// hours and minutes as 14:30), whatever the browser's locale. Its messages follow the GOV.UK design system: they say
/// what is wrong and how to put it right ("Date must include a month", "Enter a real date").
/// </summary>
public static class DateEntry
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>The boxes' text for a value, as the boxes show it: "1", "12", "2026", "09:05".</summary>
    public static (string Day, string Month, string Year, string Time) Parts(DateTime value) =>
        (value.Day.ToString(CultureInfo.InvariantCulture), value.Month.ToString(CultureInfo.InvariantCulture),
         value.Year.ToString(CultureInfo.InvariantCulture), value.ToString("HH:mm", CultureInfo.InvariantCulture));

    /// <summary>Reads the boxes; <paramref name="time"/> is null for a date alone.</summary>
    public static DateReading Read(string? day, string? month, string? year, string? time = null)
    {
        var d = (day ?? "").Trim();
        var m = (month ?? "").Trim();
        var y = (year ?? "").Trim();
        (DatePart Part, string Words, bool Empty)[] boxes =
            [(DatePart.Day, "a day", d.Length == 0), (DatePart.Month, "a month", m.Length == 0), (DatePart.Year, "a year", y.Length == 0)];
        var missing = boxes.Where(b => b.Empty).ToList();
        if (missing.Count == boxes.Length)
        {
            return Problem("Enter a date", DatePart.Day);
        }

        if (missing.Count > 0)
        {
            return Problem($"Date must include {string.Join(" and ", missing.Select(b => b.Words))}", missing[0].Part);
        }

        if (!int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var dayNumber) || d.Length > 2)
        {
            return Problem("Enter the day as a number, like 27", DatePart.Day);
        }

        if (MonthNumber(m) is not { } monthNumber)
        {
            return Problem("Enter the month as a number from 1 to 12, like 3, or its name, like March", DatePart.Month);
        }

        if (y.Length != 4 || !int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var yearNumber))
        {
            return Problem("Year must include 4 numbers, like 2026", DatePart.Year);
        }

        if (yearNumber < 1)
        {
            return Problem("Enter a real date", DatePart.Year);
        }

        if (dayNumber < 1 || dayNumber > DateTime.DaysInMonth(yearNumber, monthNumber))
        {
            return Problem("Enter a real date", DatePart.Day);
        }

        var date = new DateTime(yearNumber, monthNumber, dayNumber, 0, 0, 0, DateTimeKind.Unspecified);
        if (time is null)
        {
            return new DateReading(date, null, null);
        }

        return ReadTime(time) is { } clock
            ? new DateReading(date.Add(clock.ToTimeSpan()), null, null)
            : Problem("Enter the time in hours and minutes on the 24-hour clock, like 14:30", DatePart.Time);
    }

    private static int? MonthNumber(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return text.Length <= 2 && number is >= 1 and <= 12 ? number : null;
        }

        // "Mar", "march", "Sept": people also write the month's name, which cannot be misread.
        var lower = text.ToLowerInvariant();
        var index = Array.FindIndex(MonthNames, name => lower.Length >= 3 && name.StartsWith(lower, StringComparison.Ordinal));
        return index >= 0 ? index + 1 : null;
    }

    private static TimeOnly? ReadTime(string text)
    {
        var t = text.Trim().Replace('.', ':');
        return TimeOnly.TryParseExact(t, ["H:mm", "HH:mm", "HHmm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock) ? clock : null;
    }

    private static DateReading Problem(string message, DatePart part) => new(null, message, part);
}
