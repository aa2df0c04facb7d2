using Patchwork.Graph.Model;

namespace Patchwork.Graph.Network;

/// <summary>
/// A person's status at a date with the agency responsible for it, whose day and out-of-hours numbers are the
/// first a practitioner calls. <see cref="Redacted"/> marks an agency the viewer may not know of: the status shows,
/// the agency reads "contact via coordinator".
/// </summary>
public sealed record PersonStatus(ChildStatus Status, Agency Agency, bool Redacted = false)
{
    public string PersonId => Status.PersonId;
}

/// <summary>One step out from a node: what it brings in, and the statuses of the people among it.</summary>
public sealed record NetworkStep(GraphNetwork Network, IReadOnlyList<PersonStatus> Statuses);

/// <summary>Orders statuses the way a practitioner reads them: the most serious first, then the longest held.</summary>
public static class StatusOrder
{
    public static IReadOnlyList<PersonStatus> Sort(IEnumerable<PersonStatus> statuses) =>
        [.. statuses
            .OrderBy(s => s.PersonId, StringComparer.Ordinal)
            .ThenBy(s => s.Status.Status)
            .ThenBy(s => s.Status.Period.Since)
            .ThenBy(s => s.Agency.Id, StringComparer.Ordinal)];
}
