using System.Text;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;
using Patchwork.Web.Auth;

namespace Patchwork.Web.Features;

/// <summary>
/// A CSV file for the signed-in professional, written by a domain service that decides whether they may have it.
/// UTF-8 with a byte order mark, so spreadsheets read names with accents correctly.
/// </summary>
internal static class CsvDownload
{
    public static async Task<IResult> ForViewerAsync(HttpContext http, string fileName, Func<Viewer, CancellationToken, Task<string>> write)
    {
        var services = http.RequestServices;
        var settings = services.GetRequiredService<IOptions<OidcSettings>>().Value;
        var viewer = await SignedInProfessional.FindAsync(http.User, services.GetRequiredService<IGraphStore>(), settings, http.RequestAborted);
        if (viewer is null)
        {
            return Results.Forbid();
        }

        try
        {
            var csv = await write(viewer, http.RequestAborted);
            return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "text/csv; charset=utf-8", fileName);
        }
        catch (AccessDeniedException exception)
        {
            // The same words for an id that names nobody: the network service refuses both alike.
            return Results.Text(exception.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (NodeNotFoundException exception)
        {
            // Reached only by those who may see any network (coordinators), so it tells them nothing new.
            return Results.Text(exception.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (GraphRuleException exception)
        {
            return Results.Text(exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
