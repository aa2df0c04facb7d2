using System.Globalization;
using Patchwork.Graph.Network;

namespace Patchwork.Web.Features.Network;

/// <summary>Dates and times as people in England write them, in the council's own time zone.</summary>
public static class Formats
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");
    private static readonly TimeZoneInfo Local = FindLocal();

    public static string Day(DateOnly date) => date.ToString("d MMM yyyy", British);

    /// <summary>"Monday 23 Nov 2026".</summary>
    public static string Weekday(DateOnly date) => date.ToString("dddd d MMM yyyy", British);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTime LocalTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Local).DateTime;

    /// <summary>A time typed in the council's time zone, as the instant it names.</summary>
    public static DateTimeOffset FromLocalTime(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Local.GetUtcOffset(unspecified));
    }

    public static string When(DateTimeOffset at) => LocalTime(at).ToString("d MMM yyyy, HH:mm", British);

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
        return $"{contact.Kind.ToString().ToLowerInvariant()}, {LocalTime(contact.At).ToString("d MMM yyyy", British)} ({ago})";
    }

    /// <summary>"visit, 10 Jun 2026, 14:00".</summary>
    public static string NextVisit(ContactSummary contact) => $"{contact.Kind.ToString().ToLowerInvariant()}, {When(contact.At)}";

    public static bool TryParseDay(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

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
