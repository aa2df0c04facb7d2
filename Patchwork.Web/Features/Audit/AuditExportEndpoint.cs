using System.Text;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Storage;
using Patchwork.Web.Auth;

namespace Patchwork.Web.Features.Audit;

/// <summary>GET /audit/export.csv[?person=ID]: the audit records as spreadsheet-safe CSV, for information governance.</summary>
public static class AuditExportEndpoint
{
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/audit/export.csv", async (HttpContext http, string? person, IGraphStore store, IOptions<OidcSettings> settings, AuditService audit, CancellationToken cancellationToken) =>
        {
            var viewer = await SignedInProfessional.FindAsync(http.User, store, settings.Value, cancellationToken);
            if (viewer is null)
            {
                return Results.Forbid();
            }

            try
            {
                var csv = await audit.ExportCsvAsync(viewer, string.IsNullOrWhiteSpace(person) ? null : person.Trim(), cancellationToken);
                var name = person is null ? "patchwork-audit.csv" : $"patchwork-audit-{string.Concat(person.Where(char.IsLetterOrDigit))}.csv";
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);
            }
            catch (AccessDeniedException)
            {
                return Results.Text("The audit trail is open to information governance officers only.", statusCode: StatusCodes.Status403Forbidden);
            }
        });
        return endpoints;
    }
}
