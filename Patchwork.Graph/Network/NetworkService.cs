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
    IReadOnlyList<NetworkNode> RecentlyEndedNodes)
{
    public const int ChangeWindowDays = 30;
}

/// <summary>
/// The questions the screens ask about networks, answered from the store. Access rules and the audit trail
/// hang here, between the screens and the store, so no component ever decides who may see what.
/// </summary>
public sealed class NetworkService(IGraphStore store, TimeProvider clock)
{
    /// <summary>Today in the server's time zone: what "now" means to the practitioners using it.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    public async Task<NetworkPicture> OpenAsync(string personId, DateOnly asOf, int depth, CancellationToken cancellationToken = default)
    {
        var network = await store.OpenNetworkAsync(personId, asOf, depth, cancellationToken: cancellationToken).ConfigureAwait(false);
        var windowStart = asOf.AddDays(-NetworkPicture.ChangeWindowDays);
        var before = await store.OpenNetworkAsync(personId, windowStart, depth, cancellationToken: cancellationToken).ConfigureAwait(false);
        var team = await store.GetTeamAsync(personId, asOf, cancellationToken).ConfigureAwait(false);

        var joined = network.Edges
            .Where(e => e.Period.Since > windowStart && e.Period.Since <= asOf)
            .Select(e => e.Key)
            .ToHashSet();
        var current = network.Edges.Select(e => e.Key).ToHashSet();
        var ended = before.Edges
            .Where(e => !current.Contains(e.Key) && e.Period.Until is { } until && until > windowStart && until <= asOf)
            .ToList();
        var present = network.Nodes.Select(n => n.Ref).ToHashSet();
        var endedNodes = before.Nodes
            .Where(n => !present.Contains(n.Ref) && ended.Any(e => e.From == n.Ref || e.To == n.Ref))
            .ToList();
        return new NetworkPicture(network, team, joined, ended, endedNodes);
    }

    public Task<GraphNetwork> ExpandAsync(NodeRef node, DateOnly asOf, CancellationToken cancellationToken = default) =>
        store.ExpandAsync(node, asOf, cancellationToken: cancellationToken);

    public Task<IReadOnlyList<TeamMember>> TeamAsync(string personId, DateOnly asOf, CancellationToken cancellationToken = default) =>
        store.GetTeamAsync(personId, asOf, cancellationToken);

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string text, CancellationToken cancellationToken = default) =>
        store.SearchAsync(text, 12, cancellationToken);

    public Task<Node?> FindAsync(NodeRef node, CancellationToken cancellationToken = default) =>
        store.FindNodeAsync(node, cancellationToken);
}
