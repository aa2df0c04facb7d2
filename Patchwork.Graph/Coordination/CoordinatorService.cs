using System.Globalization;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Export;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Coordination;

/// <summary>What coordinators look across clients for. Only coordinators may ask; what they saw is audited.</summary>
public sealed class CoordinatorService(IGraphStore store, IAuditTrail audit)
{
    private const int PageSize = 500;

    public static readonly string[] ExportHeadings = ["id", "name", "date of birth", "involvements", "agencies"];

    /// <summary>Every client without a lead professional at a date, by name.</summary>
    public async Task<IReadOnlyList<ClientSummary>> ClientsWithoutLeadAsync(Viewer viewer, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        Require(viewer);
        var clients = new List<ClientSummary>();
        Page<ClientSummary> page;
        do
        {
            page = await store.ClientsWithoutLeadAsync(asOf, clients.Count, PageSize, cancellationToken).ConfigureAwait(false);
            clients.AddRange(page.Items);
        }
        while (page.Items.Count == PageSize && clients.Count < page.TotalCount);

        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, "view-no-lead", $"clients without a lead at {asOf:yyyy-MM-dd}", [.. clients.Select(c => c.Id)]), cancellationToken).ConfigureAwait(false);
        return clients;
    }

    /// <summary>The same list as spreadsheet-safe CSV; the export is audited.</summary>
    public async Task<string> ClientsWithoutLeadCsvAsync(Viewer viewer, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var clients = await ClientsWithoutLeadAsync(viewer, asOf, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Export, $"clients without a lead at {asOf:yyyy-MM-dd}", [.. clients.Select(c => c.Id)], null, $"{clients.Count} clients"), cancellationToken).ConfigureAwait(false);
        return SafeCsv.Write(ExportHeadings, clients.Select(c => new[]
        {
            c.Id,
            c.Name,
            c.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            c.InvolvementCount.ToString(CultureInfo.InvariantCulture),
            c.AgencyCount.ToString(CultureInfo.InvariantCulture),
        }));
    }

    private static void Require(Viewer viewer)
    {
        if (!viewer.IsCoordinator)
        {
            throw new AccessDeniedException("The coordinator's lists are open to coordinators only.", new UnauthorizedAccessException());
        }
    }
}
