using Patchwork.Graph.Model;

namespace Patchwork.Graph.Network;

/// <summary>A search result: enough to tell two people of the same name apart.</summary>
public sealed record SearchHit(NodeRef Ref, string Name, string? Detail);

/// <summary>A client without a lead professional, with what a coordinator needs to prioritise.</summary>
public sealed record ClientSummary(
    string Id,
    string Name,
    DateOnly? DateOfBirth,
    int InvolvementCount,
    int AgencyCount);

/// <summary>One page of a long list, with the total so a screen can say "12 of 340".</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int Skip, int Take);

/// <summary>Node counts per label and relationship counts per type, keyed by the names the bulk format uses.</summary>
public sealed record GraphStats(IReadOnlyDictionary<string, long> Nodes, IReadOnlyDictionary<string, long> Relationships);
