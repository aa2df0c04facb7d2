using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Network;

/// <summary>
/// A network at a date with what changed around it in the 30 days before: relationships that began (joined) and
/// relationships that ended (left, closed), the latter with the nodes they led to, so a screen can mark them.
/// </summary>
public sealed record NetworkPicture(
    GraphNetwork Network,
    IReadOnlyList<TeamMember> Team,
    IReadOnlySet<RelationshipKey> Joined,
    IReadOnlyList<Relationship> RecentlyEnded,
    IReadOnlyList<NetworkNode> RecentlyEndedNodes,
    AccessBasis Access,
    NetworkRevision Revision)
{
    /// <summary>Whether the viewer may change this network (its team and coordinators; not break glass or an invitation).</summary>
    public bool MayChange => Access is AccessBasis.Team or AccessBasis.Coordinator;

    public const int ChangeWindowDays = 30;
}

/// <summary>
/// The questions the screens ask about networks. Each call checks who may see what (<see cref="AccessPolicy"/>),
/// takes out what the viewer must not see (<see cref="Redactor"/>) and records what was seen in the audit trail,
/// so no component ever decides who may see what.
/// </summary>
public sealed class NetworkService(IGraphStore store, AccessPolicy access, IAuditTrail audit, SearchAllowance searches, TimeProvider clock)
{
    /// <summary>Today in the server's time zone: what "now" means to the practitioners using it.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>Opens a network the viewer may see; throws <see cref="AccessDeniedException"/> when they must break glass first.</summary>
    public async Task<NetworkPicture> OpenAsync(Viewer viewer, string personId, DateOnly asOf, int depth, CancellationToken cancellationToken = default)
    {
        var granted = await RequireAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        // Read before the network: if someone changes it in between, the editor's revision is the older one and
        // their write is refused, rather than accepted over a change they never saw.
        var revision = await store.GetRevisionAsync(personId, cancellationToken).ConfigureAwait(false);
        var network = await store.OpenNetworkAsync(personId, asOf, depth, cancellationToken: cancellationToken).ConfigureAwait(false);
        var windowStart = asOf.AddDays(-NetworkPicture.ChangeWindowDays);
        var before = await store.OpenNetworkAsync(personId, windowStart, depth, cancellationToken: cancellationToken).ConfigureAwait(false);
        var team = await store.GetTeamAsync(personId, asOf, cancellationToken).ConfigureAwait(false);

        var redactor = await access.RedactorAsync(viewer, cancellationToken).ConfigureAwait(false);
        HashSet<string> entitled = [personId];
        network = await redactor.RedactAsync(network, entitled, cancellationToken).ConfigureAwait(false);
        before = await redactor.RedactAsync(before, entitled, cancellationToken).ConfigureAwait(false);
        team = await redactor.RedactTeamAsync(team, cancellationToken).ConfigureAwait(false);

        var joined = network.Edges
            .Where(e => e.Period.Since > windowStart && e.Period.Since <= asOf)
            .Select(e => e.Key)
            .ToHashSet();
        var current = network.Edges.Select(e => e.Key).ToHashSet();
        var ended = before.Edges
            .Where(e => !current.Contains(e.Key) && !Redactor.IsPlaceholder(e.From) && e.Period.Until is { } until && until > windowStart && until <= asOf)
            .ToList();
        var present = network.Nodes.Select(n => n.Ref).ToHashSet();
        var endedNodes = before.Nodes
            .Where(n => !present.Contains(n.Ref) && ended.Any(e => e.From == n.Ref || e.To == n.Ref))
            .ToList();

        await RecordAsync(viewer, AuditActions.ViewNetwork, $"person:{personId}", network, $"as at {asOf:yyyy-MM-dd}, depth {depth}, {granted.Basis}", cancellationToken).ConfigureAwait(false);
        return new NetworkPicture(network, team, joined, ended, endedNodes, granted.Basis, revision);
    }

    /// <summary>Steps out from a node of a network the viewer may see (the focus person's).</summary>
    public async Task<GraphNetwork> ExpandAsync(Viewer viewer, string focusPersonId, NodeRef node, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        await RequireAsync(viewer, focusPersonId, cancellationToken).ConfigureAwait(false);
        if (Redactor.IsPlaceholder(node))
        {
            throw new GraphRuleException("A sensitive service cannot be stepped out from: contact the coordinator.");
        }

        var result = await store.ExpandAsync(node, asOf, cancellationToken: cancellationToken).ConfigureAwait(false);
        var redactor = await access.RedactorAsync(viewer, cancellationToken).ConfigureAwait(false);
        result = await redactor.RedactAsync(result, new HashSet<string> { focusPersonId }, cancellationToken).ConfigureAwait(false);
        await RecordAsync(viewer, AuditActions.StepOut, $"{node.Kind.Name()}:{node.Id}", result, $"from the network of {focusPersonId}, as at {asOf:yyyy-MM-dd}", cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(Viewer viewer, string text, CancellationToken cancellationToken = default)
    {
        searches.Take(viewer);
        var found = await store.SearchAsync(text, 12, cancellationToken).ConfigureAwait(false);
        // Addresses follow the same rule as in a network: a search result names a household, it does not locate it.
        IReadOnlyList<SearchHit> hits = viewer.IsCoordinator
            ? found
            : [.. found.Select(h => h.Ref.Kind == NodeKind.Household ? h with { Detail = null } : h)];
        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Search, text.Length > 100 ? text[..100] : text, [.. hits.Where(h => h.Ref.Kind == NodeKind.Person).Select(h => h.Ref.Id)]), cancellationToken).ConfigureAwait(false);
        return hits;
    }

    /// <summary>Records a stated reason and opens the network for a limited time.</summary>
    public async Task<BreakGlassGrant> BreakGlassAsync(Viewer viewer, string personId, string reason, CancellationToken cancellationToken = default)
    {
        var grant = await access.BreakGlassAsync(viewer, personId, reason, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.BreakGlass, $"person:{personId}", [personId], grant.Reason, $"open until {grant.ExpiresAt:O}"), cancellationToken).ConfigureAwait(false);
        return grant;
    }

    public Task<NetworkAccess> AccessAsync(Viewer viewer, string personId, CancellationToken cancellationToken = default) =>
        access.NetworkAccessAsync(viewer, personId, cancellationToken);

    /// <summary>A household, professional or agency page: only what stepping out from it at today's date shows this viewer.</summary>
    public async Task<(Node Node, GraphNetwork Around)?> DescribeAsync(Viewer viewer, NodeRef node, CancellationToken cancellationToken = default)
    {
        if (await store.FindNodeAsync(node, cancellationToken).ConfigureAwait(false) is not { } found || node.Kind == NodeKind.Person)
        {
            return null;
        }

        var around = await store.ExpandAsync(node, Today, cancellationToken: cancellationToken).ConfigureAwait(false);
        var mayOpen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in around.Nodes.Where(n => n.Ref.Kind == NodeKind.Person))
        {
            if ((await access.NetworkAccessAsync(viewer, person.Ref.Id, cancellationToken).ConfigureAwait(false)).Allowed)
            {
                mayOpen.Add(person.Ref.Id);
            }
        }

        var redactor = await access.RedactorAsync(viewer, cancellationToken).ConfigureAwait(false);
        around = await redactor.RedactAsync(around, mayOpen, cancellationToken).ConfigureAwait(false);
        var shown = around.Nodes.FirstOrDefault(n => n.Ref == node)?.Node;
        if (shown is null)
        {
            return null;
        }

        await RecordAsync(viewer, AuditActions.StepOut, $"{node.Kind.Name()}:{node.Id}", around, "node page", cancellationToken).ConfigureAwait(false);
        return (shown, around);
    }

    private async Task<NetworkAccess> RequireAsync(Viewer viewer, string personId, CancellationToken cancellationToken)
    {
        var granted = await access.NetworkAccessAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        if (!granted.Allowed)
        {
            // A refusal is worth recording too: repeated refusals are what a governance officer looks for.
            await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Refused, $"person:{personId}", [personId]), cancellationToken).ConfigureAwait(false);
            throw new AccessDeniedException(personId);
        }

        return granted;
    }

    private Task RecordAsync(Viewer viewer, string action, string target, GraphNetwork shown, string details, CancellationToken cancellationToken) =>
        audit.AppendAsync(
            new AuditEntry(viewer.ProfessionalId, viewer.Name, action, target, [.. shown.Nodes.Where(n => n.Ref.Kind == NodeKind.Person).Select(n => n.Ref.Id)], null, details),
            cancellationToken);
}
