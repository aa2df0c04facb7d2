using System.Globalization;

namespace Patchwork.Graph.Import;

/// <summary>
/// The day a district's data was written to look like "today". A directory in the bulk format may carry it in
/// <c>reference-date.txt</c> (a single YYYY-MM-DD); shifting every date by the days since then keeps the
/// district current: open involvements stay open, planned visits stay ahead.
/// </summary>
public static class ReferenceDate
{
    public const string FileName = "reference-date.txt";

    /// <summary>The reference date the directory names.</summary>
    public static DateOnly Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new ImportException(null, $"'{directory}' has no {FileName}: without a reference date the dates cannot be shifted to today.");
        }

        var text = File.ReadAllText(path).Trim().TrimStart('\uFEFF');
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ImportException(new SourceLine(FileName, 1), $"'{text}' is not a date (YYYY-MM-DD).");
    }

    /// <summary>How many days to shift the directory's dates by so that its reference date becomes <paramref name="today"/>.</summary>
    public static int ShiftToToday(string directory, DateOnly today) => today.DayNumber - Read(directory).DayNumber;
}
