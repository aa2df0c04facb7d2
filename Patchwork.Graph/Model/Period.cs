namespace Patchwork.Graph.Model;

/// <summary>
/// When a relationship holds: from <see cref="Since"/> (inclusive) to <see cref="Until"/> (exclusive; null = still open).
/// </summary>
public readonly record struct Period
{
    public Period(DateOnly since, DateOnly? until = null)
    {
        if (until is { } end && end <= since)
        {
            throw new GraphRuleException($"The end date {end:yyyy-MM-dd} must be after the start date {since:yyyy-MM-dd}.");
        }

        Since = since;
        Until = until;
    }

    public DateOnly Since { get; }

    public DateOnly? Until { get; }

    public bool IsOpen => Until is null;

    /// <summary>Active at <paramref name="date"/> when since &lt;= date and (until is empty or date &lt; until).</summary>
    public bool IsActiveAt(DateOnly date) => Since <= date && (Until is null || date < Until.Value);

    /// <summary>Whether the two share a day: each starts before the other ends.</summary>
    public bool Overlaps(Period other) => (Until is null || other.Since < Until.Value) && (other.Until is null || Since < other.Until.Value);

    public Period EndedOn(DateOnly until) => new(Since, until);

    public override string ToString() => Until is { } end ? $"{Since:yyyy-MM-dd} to {end:yyyy-MM-dd}" : $"since {Since:yyyy-MM-dd}";
}
