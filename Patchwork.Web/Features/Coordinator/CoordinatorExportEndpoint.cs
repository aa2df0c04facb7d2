using System.Text;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Access;
using Patchwork.Graph.Coordination;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;
using Patchwork.Web.Auth;
using Patchwork.Web.Features.Network;

namespace Patchwork.Web.Features.Coordinator;

/// <summary>GET /coordinator/no-lead.csv?asAt=YYYY-MM-DD: the clients without a lead, as spreadsheet-safe CSV, for coordinators.</summary>
public static class CoordinatorExportEndpoint
{
    public static IEndpointRouteBuilder MapCoordinatorExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/coordinator/no-lead.csv", async (HttpContext http, string? asAt, IGraphStore store, IOptions<OidcSettings> settings, CoordinatorService coordinator, NetworkService network, CancellationToken cancellationToken) =>
        {
            var viewer = await SignedInProfessional.FindAsync(http.User, store, settings.Value, cancellationToken);
            if (viewer is null)
            {
                return Results.Forbid();
            }

            var day = Formats.TryParseDay(asAt, out var parsed) ? parsed : network.Today;
            try
            {
                var csv = await coordinator.ClientsWithoutLeadCsvAsync(viewer, day, cancellationToken);
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"clients-without-a-lead-{Formats.Iso(day)}.csv");
            }
            catch (AccessDeniedException)
            {
                return Results.Text("The coordinator's lists are open to coordinators only.", statusCode: StatusCodes.Status403Forbidden);
            }
        });
        return endpoints;
    }
}
