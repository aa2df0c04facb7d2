using Patchwork.Graph.Changes;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Coordination;

/// <summary>How a column's values read: a screen writes them the reader's way, a CSV file in ISO form.</summary>
public enum ColumnKind
{
    Text,
    Day,
    Instant,
    Number,
}

/// <summary>A column of a coordinator's list, after the client; <see cref="WhenEmpty"/> stands in for a missing value.</summary>
public sealed record ListColumn(string Heading, ColumnKind Kind, string WhenEmpty = "");

/// <summary>One row of a coordinator's list: the client it is about and one value per column (string, DateOnly, DateTimeOffset, int or null).</summary>
public sealed record ListRow(string PersonId, string PersonName, IReadOnlyList<object?> Values);

/// <summary>A list as opened at a date: the rows shown (at most <see cref="CoordinatorService.ShownRows"/>) and how many there are in all.</summary>
public sealed record ListView(CoordinatorList List, DateOnly AsOf, IReadOnlyList<ListRow> Rows, int TotalCount);

/// <summary>What the lists are read from: the graph, and the concerns raised beside it.</summary>
public sealed record CoordinatorSources(IGraphStore Graph, IConcernStore Concerns);

/// <summary>How many rows a list has at a date.</summary>
public sealed record ListCount(CoordinatorList List, int Count);

/// <summary>
/// One of the coordinator's lists: its name in addresses, its title, what it means, its columns and the store's
/// question behind it. Screens and exports are written from these alone, so a new list is one more entry in
/// <see cref="CoordinatorLists.All"/>.
/// </summary>
public sealed class CoordinatorList
{
    internal CoordinatorList(
        string key,
        string title,
        string unit,
        string meaning,
        string whenEmpty,
        IReadOnlyList<ListColumn> columns,
        Func<CoordinatorSources, DateOnly, CancellationToken, Task<int>> count,
        Func<CoordinatorSources, DateOnly, int, int, CancellationToken, Task<Page<ListRow>>> read,
        Func<DateOnly, (DateOnly First, DateOnly Last)>? days = null)
    {
        Key = key;
        Title = title;
        Unit = unit;
        Meaning = meaning;
        WhenEmpty = whenEmpty;
        Columns = columns;
        Count = count;
        Read = read;
        this.days = days ?? (asOf => (asOf, asOf));
    }

    private readonly Func<DateOnly, (DateOnly First, DateOnly Last)> days;

    /// <summary>The list's name in the dashboard's address and its CSV file's: lower case and dashes.</summary>
    public string Key { get; }

    /// <summary>What the list is called on its card.</summary>
    public string Title { get; }

    /// <summary>What one row is, in the singular: "client", "planned contact".</summary>
    public string Unit { get; }

    /// <summary>The list's definition in one sentence, shown with it.</summary>
    public string Meaning { get; }

    /// <summary>What to say when the list is empty.</summary>
    public string WhenEmpty { get; }

    public IReadOnlyList<ListColumn> Columns { get; }

    internal Func<CoordinatorSources, DateOnly, CancellationToken, Task<int>> Count { get; }

    internal Func<CoordinatorSources, DateOnly, int, int, CancellationToken, Task<Page<ListRow>>> Read { get; }

    /// <summary>The days the list looks at when asked at a date: that date, or for this week's visits, its week.</summary>
    public (DateOnly First, DateOnly Last) DaysFor(DateOnly asOf) => days(asOf);

    public override string ToString() => Key;
}
