using System.Globalization;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Export;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Coordination;

/// <summary>
/// What coordinators look across clients for (<see cref="CoordinatorLists"/>). Only coordinators may ask; every
/// list opened and every export is audited with the people it showed.
/// </summary>
public sealed class CoordinatorService(IGraphStore store, IConcernStore concerns, IAuditTrail audit)
{
    private readonly CoordinatorSources sources = new(store, concerns);

    /// <summary>At most this many rows of a list are shown on screen: a longer list is a report, downloaded as CSV.</summary>
    public const int ShownRows = 1000;

    private const int ExportPageSize = 5000;

    /// <summary>How many rows each list has at a date, in the dashboard's order. Counts name nobody, so they are not audited.</summary>
    public async Task<IReadOnlyList<ListCount>> CountsAsync(Viewer viewer, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        await RequireAsync(viewer, "coordinator", cancellationToken).ConfigureAwait(false);
        var counts = new List<ListCount>(CoordinatorLists.All.Count);
        foreach (var list in CoordinatorLists.All)
        {
            counts.Add(new ListCount(list, await list.Count(sources, asOf, cancellationToken).ConfigureAwait(false)));
        }

        return counts;
    }

    /// <summary>A list at a date, its first <see cref="ShownRows"/> rows in the store's order; audited as a view of those people.</summary>
    public async Task<ListView> OpenAsync(Viewer viewer, CoordinatorList list, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        await RequireAsync(viewer, $"coordinator:{list.Key}", cancellationToken).ConfigureAwait(false);
        var page = await list.Read(sources, asOf, 0, ShownRows, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, "view-" + list.Key, Describe(list, asOf), PersonIds(page.Items)), cancellationToken).ConfigureAwait(false);
        return new ListView(list, asOf, page.Items, page.TotalCount);
    }

    /// <summary>The whole list as spreadsheet-safe CSV (dates ISO, times UTC); the export is audited.</summary>
    public async Task<string> CsvAsync(Viewer viewer, CoordinatorList list, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        await RequireAsync(viewer, $"coordinator:{list.Key}.csv", cancellationToken).ConfigureAwait(false);
        var rows = new List<ListRow>();
        Page<ListRow> page;
        do
        {
            page = await list.Read(sources, asOf, rows.Count, ExportPageSize, cancellationToken).ConfigureAwait(false);
            rows.AddRange(page.Items);
        }
        while (page.Items.Count == ExportPageSize && rows.Count < page.TotalCount);

        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Export, Describe(list, asOf), PersonIds(rows), null, $"{rows.Count} rows"), cancellationToken).ConfigureAwait(false);
        string[] headings = ["id", "name", .. list.Columns.Select(c => c.Kind == ColumnKind.Instant ? $"{c.Heading} (UTC)" : c.Heading).Select(h => h.ToLowerInvariant())];
        return SafeCsv.Write(headings, rows.Select(r => new[] { r.PersonId, r.PersonName }.Concat(r.Values.Select(CsvValue)).ToArray()));
    }

    private static string Describe(CoordinatorList list, DateOnly asOf) =>
        $"{list.Title} at {asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private static string[] PersonIds(IEnumerable<ListRow> rows) => [.. rows.Select(r => r.PersonId).Distinct(StringComparer.Ordinal)];

    private static string? CsvValue(object? value) => value switch
    {
        null => null,
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset at => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Refuses anyone but a coordinator, and records the refused attempt: trying is worth knowing about too.</summary>
    private async Task RequireAsync(Viewer viewer, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.IsCoordinator)
        {
            await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Refused, target, [], null, "not a coordinator"), cancellationToken).ConfigureAwait(false);
            throw new AccessDeniedException("The coordinator's lists are open to coordinators only.", new UnauthorizedAccessException());
        }
    }
}
