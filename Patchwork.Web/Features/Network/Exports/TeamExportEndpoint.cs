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
            // A file cannot carry a notice, and a team "as at today" under a date that was asked for would mislead:
            // a date that cannot be used is answered with what is wrong with it.
            if (Formats.ReadDay(asAt, network.Today) is { Problem: { } problem })
            {
                return Task.FromResult(Results.Text($"{problem}.", statusCode: StatusCodes.Status400BadRequest));
            }

            var day = Formats.ReadDay(asAt, network.Today).Day ?? network.Today;
            var shownTo = ExportFiles.ParseAudience(audience);
            return CsvDownload.ForViewerAsync(http, ExportFiles.Team(personId, day), (viewer, cancellationToken) => network.ExportTeamCsvAsync(viewer, personId, day, shownTo, cancellationToken));
        });
        return endpoints;
    }
}
