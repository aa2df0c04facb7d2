using Patchwork.Graph.Audit;

namespace Patchwork.Web.Features.Audit;

/// <summary>GET /audit/export.csv[?person=ID]: the audit records as spreadsheet-safe CSV, for information governance.</summary>
public static class AuditExportEndpoint
{
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/audit/export.csv", (HttpContext http, string? person, AuditService audit) =>
        {
            var personId = string.IsNullOrWhiteSpace(person) ? null : person.Trim();
            if (personId?.Length > Patchwork.Web.Features.Network.NetworkAddress.MaxIdLength)
            {
                return Task.FromResult(Results.Text($"A person's id is at most {Patchwork.Web.Features.Network.NetworkAddress.MaxIdLength} characters.", statusCode: StatusCodes.Status400BadRequest));
            }

            var name = personId is null ? "patchwork-audit.csv" : $"patchwork-audit-{string.Concat(personId.Where(char.IsLetterOrDigit))}.csv";
            return CsvDownload.ForViewerAsync(http, name, (viewer, cancellationToken) => audit.ExportCsvAsync(viewer, personId, cancellationToken));
        });
        return endpoints;
    }
}
