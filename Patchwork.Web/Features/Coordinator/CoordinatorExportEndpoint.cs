using Patchwork.Graph.Coordination;
using Patchwork.Graph.Network;
using Patchwork.Web.Features.Network;

namespace Patchwork.Web.Features.Coordinator;

/// <summary>GET /coordinator/{list}.csv?asAt=YYYY-MM-DD: one of the coordinator's lists, whole, as spreadsheet-safe CSV, for coordinators.</summary>
public static class CoordinatorExportEndpoint
{
    public static IEndpointRouteBuilder MapCoordinatorExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/coordinator/{list}.csv", (HttpContext http, string list, string? asAt, CoordinatorService coordinator, NetworkService network) =>
        {
            if (CoordinatorLists.Find(list) is not { } found)
            {
                return Task.FromResult(Results.NotFound());
            }

            if (Formats.ReadDay(asAt, network.Today) is { Problem: { } problem })
            {
                return Task.FromResult(Results.Text($"{problem}.", statusCode: StatusCodes.Status400BadRequest));
            }

            var day = Formats.ReadDay(asAt, network.Today).Day ?? network.Today;
            return CsvDownload.ForViewerAsync(http, $"{found.Key}-{Formats.Iso(day)}.csv", (viewer, cancellationToken) => coordinator.CsvAsync(viewer, found, day, cancellationToken));
        });
        return endpoints;
    }
}
