using System.Globalization;

namespace Patchwork.Cli.Infrastructure;

/// <summary>Dates and instants written the way the bulk format writes them: YYYY-MM-DD and UTC with Z.</summary>
internal static class BulkValuesText
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
