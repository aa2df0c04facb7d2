using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Import;

/// <summary>Loads a demo district into an empty store, its dates moved so that the data looks current.</summary>
public static class DemoDistrict
{
    /// <summary>
    /// Imports <paramref name="directory"/> (the bulk format with a <c>reference-date.txt</c>) shifted so that its
    /// reference date is <paramref name="today"/>, unless the store already holds people.
    /// </summary>
    /// <returns>Whether the district was imported.</returns>
    public static async Task<bool> SeedIfEmptyAsync(IGraphStore store, string directory, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stats = await store.GetStatsAsync(cancellationToken).ConfigureAwait(false);
        if (stats.Nodes.GetValueOrDefault(Model.NodeKind.Person.ToString()) > 0)
        {
            return false;
        }

        var reader = new BulkFormatReader(directory, ReferenceDate.ShiftToToday(directory, today));
        await store.ImportAsync(reader, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }
}
