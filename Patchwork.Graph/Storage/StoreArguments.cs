using Patchwork.Graph.Model;

namespace Patchwork.Graph.Storage;

/// <summary>The checks every adapter makes on a question's arguments before asking its database.</summary>
internal static class StoreArguments
{
    public static void CheckPage(int skip, int take)
    {
        if (skip < 0 || take < 1)
        {
            throw new GraphRuleException($"A page needs skip >= 0 and take >= 1; skip {skip} and take {take} were asked for.");
        }
    }

    /// <summary>A day the store can answer for: never one whose day after or window before falls off the calendar.</summary>
    public static void CheckDay(DateOnly day) => RecordDates.RequireAnswerable(day);

    public static void CheckDays(DateOnly from, DateOnly to)
    {
        CheckDay(from);
        CheckDay(to);
        if (to < from)
        {
            throw new ArgumentException($"The days run from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: the end is before the start.", nameof(to));
        }
    }

    /// <summary>Midnight UTC at the start of a day: stores compare instants with it to ask "on or after this day".</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
