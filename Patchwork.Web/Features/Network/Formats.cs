using System.Globalization;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Web.Features.Network;

/// <summary>Dates and times as people in England write them, in the council's own time zone.</summary>
public static class Formats
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");
    private static readonly TimeZoneInfo Local = FindLocal();

    /// <summary>"1 Dec 2026": the one way a day is shown to people; <see cref="Weekday"/>, <see cref="When"/> and the rest build on it.</summary>
    public static string Day(DateOnly date) => date.ToString("d MMM yyyy", British);

    /// <summary>"Monday 23 Nov 2026".</summary>
    public static string Weekday(DateOnly date) => $"{date.ToString("dddd", British)} {Day(date)}";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTime LocalTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Local).DateTime;

    /// <summary>A time typed in the council's time zone, as the instant it names.</summary>
    public static DateTimeOffset FromLocalTime(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Local.GetUtcOffset(unspecified));
    }

    public static string When(DateTimeOffset at)
    {
        var local = LocalTime(at);
        return $"{Day(DateOnly.FromDateTime(local))}, {local.ToString("HH:mm", British)}";
    }

    /// <summary>"visit, 20 May 2026 (12 days ago)".</summary>
    public static string LastContact(ContactSummary contact, DateOnly asOf)
    {
        var days = asOf.DayNumber - DateOnly.FromDateTime(LocalTime(contact.At)).DayNumber;
        var ago = days switch
        {
            0 => "today",
            1 => "yesterday",
            _ => $"{days} days ago",
        };
        return $"{contact.Kind.ToString().ToLowerInvariant()}, {Day(DateOnly.FromDateTime(LocalTime(contact.At)))} ({ago}){Seen(contact)}";
    }

    /// <summary>", seen alone", ", child seen, not alone", ", child not seen"; nothing when not applicable.</summary>
    private static string Seen(ContactSummary contact) => (contact.Seen, contact.SeenAlone) switch
    {
        (true, true) => ", seen alone",
        (true, false) => ", child seen, not alone",
        (true, null) => ", child seen",
        (false, _) => ", child not seen",
        (null, true) => ", seen alone",
        (null, false) => ", not seen alone",
        (null, null) => "",
    };

    /// <summary>"visit, 10 Jun 2026, 14:00".</summary>
    public static string NextVisit(ContactSummary contact) => $"{contact.Kind.ToString().ToLowerInvariant()}, {When(contact.At)}";

    public static bool TryParseDay(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// A day as an address carries it (asAt=YYYY-MM-DD): a real day within the records, or null with what is wrong
    /// with it ("The date 9999-12-31 is outside the records"). Missing or empty is no problem: the caller's default.
    /// </summary>
    public static DayReading ReadDay(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new DayReading(null, null);
        }

        if (!TryParseDay(text.Trim(), out var day))
        {
            return new DayReading(null, $"The date '{Echo(text)}' could not be read (the address wants YYYY-MM-DD)");
        }

        return RecordDates.IsWithin(day, today)
            ? new DayReading(day, null)
            : new DayReading(null, $"The date {Iso(day)} is outside the records ({Iso(RecordDates.Earliest)} to {Iso(RecordDates.Latest(today))})");
    }

    /// <summary>A day from an address, or today with a notice saying why (<see cref="ReadDay"/>).</summary>
    public static DateOnly DayOrToday(string? text, DateOnly today, ICollection<string> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var reading = ReadDay(text, today);
        if (reading.Problem is { } problem)
        {
            notices.Add($"{problem}; showing today.");
        }

        return reading.Day ?? today;
    }

    /// <summary>
    /// Something typed into an address, fit to quote back in a notice: short, on one line, without control
    /// characters. Razor encodes it; this keeps a page of junk from filling the screen.
    /// </summary>
    public static string Echo(string text, int max = 40)
    {
        ArgumentNullException.ThrowIfNull(text);
        var printable = new string([.. text.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(max + 1)]);
        return printable.Length > max ? printable[..max] + "..." : printable;
    }

    private static TimeZoneInfo FindLocal()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

/// <summary>A day read from an address: the day, or why it could not be used (<see cref="Formats.ReadDay"/>).</summary>
public sealed record DayReading(DateOnly? Day, string? Problem);
