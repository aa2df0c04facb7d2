using Patchwork.Graph.Coordination;
using Patchwork.Graph.Network;
using Patchwork.Web.Features.Network;

namespace Patchwork.Web.Features.Coordinator;

/// <summary>GET /coordinator/no-lead.csv?asAt=YYYY-MM-DD: the clients without a lead, as spreadsheet-safe CSV, for coordinators.</summary>
public static class CoordinatorExportEndpoint
{
    public static IEndpointRouteBuilder MapCoordinatorExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/coordinator/no-lead.csv", (HttpContext http, string? asAt, CoordinatorService coordinator, NetworkService network) =>
        {
            var day = Formats.TryParseDay(asAt, out var parsed) ? parsed : network.Today;
            return CsvDownload.ForViewerAsync(http, $"clients-without-a-lead-{Formats.Iso(day)}.csv", (viewer, cancellationToken) => coordinator.ClientsWithoutLeadCsvAsync(viewer, day, cancellationToken));
        });
        return endpoints;
    }
}
