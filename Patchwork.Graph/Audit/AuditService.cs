using System.Globalization;
using Patchwork.Graph.Access;
using Patchwork.Graph.Export;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Audit;

/// <summary>
/// What information governance officers ask of the audit trail: who looked at a person, which break-glass
/// reasons wait for review, and an export. Only they may ask, and their own looking is recorded too.
/// </summary>
public sealed class AuditService(IAuditTrail audit, IAccessGrants grants, TimeProvider clock)
{
    public static readonly string[] ExportHeadings = ["sequence", "at (UTC)", "who", "professional id", "action", "target", "people", "reason", "details"];

    public async Task<IReadOnlyList<AuditRecord>> WhoLookedAtAsync(Viewer viewer, string personId, CancellationToken cancellationToken = default)
    {
        await RequireAsync(viewer, $"audit:person:{personId}", [personId], cancellationToken).ConfigureAwait(false);
        var records = await audit.ForPersonAsync(personId, cancellationToken: cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, "view-audit", $"person:{personId}", [personId]), cancellationToken).ConfigureAwait(false);
        return records;
    }

    public async Task<IReadOnlyList<AuditRecord>> RecentAsync(Viewer viewer, int take = 100, CancellationToken cancellationToken = default)
    {
        await RequireAsync(viewer, "audit", [], cancellationToken).ConfigureAwait(false);
        return await audit.RecentAsync(take, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<BreakGlassGrant>> ReviewQueueAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        await RequireAsync(viewer, "break-glass:review-queue", [], cancellationToken).ConfigureAwait(false);
        return await grants.AwaitingReviewAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReviewAsync(Viewer viewer, BreakGlassGrant grant, string note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await RequireAsync(viewer, $"break-glass:{grant.Id}", [grant.PersonId], cancellationToken).ConfigureAwait(false);
        var text = note?.Trim() ?? "";
        if (text.Length is < 3 or > 1000)
        {
            throw new GraphRuleException("Write a short review note (3 to 1,000 characters): what you checked and what you decided.");
        }

        if (SafeText.Problem(text, multiLine: true) is { } unsafeText)
        {
            throw new GraphRuleException($"The review note {unsafeText}");
        }

        if (!await grants.ReviewAsync(grant.Id, viewer.Name, text, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            throw new GraphRuleException("This break-glass reason was already reviewed by someone else.");
        }

        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Review, $"break-glass:{grant.Id}", [grant.PersonId], text, $"reason given by {grant.ProfessionalName}"), cancellationToken).ConfigureAwait(false);
    }

    public async Task<AuditVerification> VerifyAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        await RequireAsync(viewer, "audit:verify", [], cancellationToken).ConfigureAwait(false);
        return await audit.VerifyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The records about one person (or the latest 10,000) as spreadsheet-safe CSV; the export itself is audited.</summary>
    public async Task<string> ExportCsvAsync(Viewer viewer, string? personId, CancellationToken cancellationToken = default)
    {
        await RequireAsync(viewer, personId is null ? "audit.csv" : $"audit:person:{personId}.csv", personId is null ? [] : [personId], cancellationToken).ConfigureAwait(false);
        var records = personId is null
            ? await audit.RecentAsync(10_000, cancellationToken).ConfigureAwait(false)
            : await audit.ForPersonAsync(personId, 10_000, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Export, personId is null ? "audit" : $"audit:person:{personId}", personId is null ? [] : [personId], null, $"{records.Count} records"), cancellationToken).ConfigureAwait(false);
        return SafeCsv.Write(ExportHeadings, records.Select(r => new[]
        {
            r.Sequence.ToString(CultureInfo.InvariantCulture),
            r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            r.Entry.ActorName,
            r.Entry.Actor,
            r.Entry.Action,
            r.Entry.Target,
            string.Join(' ', r.Entry.PersonIds),
            r.Entry.Reason,
            r.Entry.Details,
        }));
    }

    /// <summary>Refuses anyone but an information governance officer, and records the refused attempt.</summary>
    private async Task RequireAsync(Viewer viewer, string target, IReadOnlyList<string> personIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.IsInformationGovernance)
        {
            await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Refused, target, personIds, null, "not an information governance officer"), cancellationToken).ConfigureAwait(false);
            throw new AccessDeniedException("The audit trail is open to information governance officers only.", new UnauthorizedAccessException());
        }
    }
}
