using Patchwork.Graph.Network;

namespace Patchwork.Web.Features.Network.Exports;

/// <summary>
/// GET /network/{personId}/team.csv?asAt=YYYY-MM-DD&amp;audience=viewer|meeting|meeting-with-contacts: the team
/// around a person as spreadsheet-safe CSV, redacted for the audience by the network service, which records it.
/// </summary>
public static class TeamExportEndpoint
{
    public static IEndpointRouteBuilder MapTeamExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/network/{personId}/team.csv", (HttpContext http, string personId, string? asAt, string? audience, NetworkService network) =>
        {
            var day = Formats.TryParseDay(asAt, out var parsed) ? parsed : network.Today;
            var shownTo = ExportFiles.ParseAudience(audience);
            return CsvDownload.ForViewerAsync(http, ExportFiles.Team(personId, day), (viewer, cancellationToken) => network.ExportTeamCsvAsync(viewer, personId, day, shownTo, cancellationToken));
        });
        return endpoints;
    }
}
