using System.Globalization;

namespace Patchwork.Graph.Model;

/// <summary>
/// The dates a network, a team or a list can be asked about: from 1900 (before anyone on record was born) to a few
/// years after today (visits and involvements are planned ahead, never decades ahead). One range for every screen,
/// file and store, so a typed date either means something or is refused, and never overflows date arithmetic.
/// </summary>
public static class RecordDates
{
    /// <summary>The first day anything can be asked about.</summary>
    public static readonly DateOnly Earliest = GraphValidator.EarliestDate;

    /// <summary>How far after today a view may look.</summary>
    public const int YearsAhead = 5;

    /// <summary>
    /// The last day a store answers for, whatever today is: stores know no "today", but must never be asked a day
    /// whose neighbours (the day after, a window before) fall off the calendar.
    /// </summary>
    public static readonly DateOnly Horizon = new(2999, 12, 31);

    /// <summary>The last day anything can be asked about, seen from <paramref name="today"/>.</summary>
    public static DateOnly Latest(DateOnly today) => today.Year > Horizon.Year - YearsAhead ? Horizon : today.AddYears(YearsAhead);

    public static bool IsWithin(DateOnly date, DateOnly today) => date >= Earliest && date <= Latest(today);

    /// <summary>Refuses a date outside <see cref="Earliest"/> to <see cref="Latest"/>, saying which range is open.</summary>
    public static void Require(DateOnly date, DateOnly today)
    {
        if (!IsWithin(date, today))
        {
            throw new DateOutOfRangeException(date, Earliest, Latest(today));
        }
    }

    /// <summary>The store's own check: a date outside <see cref="Earliest"/> to <see cref="Horizon"/> is refused.</summary>
    public static void RequireAnswerable(DateOnly date)
    {
        if (date < Earliest || date > Horizon)
        {
            throw new DateOutOfRangeException(date, Earliest, Horizon);
        }
    }
}

/// <summary>A date outside what the records can answer for (<see cref="RecordDates"/>).</summary>
public sealed class DateOutOfRangeException : GraphRuleException
{
    public DateOutOfRangeException(DateOnly date, DateOnly earliest, DateOnly latest)
        : base(string.Create(CultureInfo.InvariantCulture, $"The date {date:yyyy-MM-dd} is outside the records: ask about a day from {earliest:yyyy-MM-dd} to {latest:yyyy-MM-dd}."))
    {
        Date = date;
    }

    public DateOutOfRangeException()
    {
    }

    public DateOutOfRangeException(string message)
        : base(message)
    {
    }

    public DateOutOfRangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DateOnly? Date { get; }
}
