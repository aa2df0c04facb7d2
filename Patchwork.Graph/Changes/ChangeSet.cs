using Patchwork.Graph.Audit;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Changes;

/// <summary>One write inside a <see cref="ChangeSet"/>.</summary>
public abstract record GraphWrite
{
    public sealed record AddNode(Node Node) : GraphWrite;

    public sealed record AddRelationship(Relationship Relationship) : GraphWrite;

    /// <summary>Ends an open relationship on <paramref name="Until"/>; nothing is ever deleted.</summary>
    public sealed record EndRelationship(RelationshipKey Key, DateOnly Until) : GraphWrite;

    public sealed record RecordContact(Contact Contact) : GraphWrite;
}

/// <summary>
/// A change to one person's network, applied all or nothing, and only if nobody changed that network since the
/// revision the editor saw (<see cref="ExpectedRevision"/>; null for a change that cannot conflict, such as a new
/// person or a contact). Every write in it carries <see cref="Recorded"/>. <see cref="Audit"/> is the audit record of
/// the change: the store writes both or neither, so there is never a change nobody is recorded as making.
/// </summary>
public sealed record ChangeSet(string PersonId, long? ExpectedRevision, IReadOnlyList<GraphWrite> Writes, Recorded Recorded, string RecordedByName, AuditEntry? Audit = null);

/// <summary>How many changes a person's network has had through <see cref="ChangeSet"/>s, and the latest one's author.</summary>
public sealed record NetworkRevision(long Number, string? ChangedBy = null, DateTimeOffset? ChangedAt = null)
{
    public static readonly NetworkRevision Initial = new(0);
}

/// <summary>
/// Refused: someone else changed the network after the editor opened it. Nothing was written; the editor looks at
/// the network as it is now and decides again. A second write is never silently lost over the first.
/// </summary>
public sealed class StaleWriteException : GraphRuleException
{
    public StaleWriteException(string personId, NetworkRevision current)
        : base(Describe(current))
    {
        PersonId = personId;
        Current = current;
    }

    public StaleWriteException()
    {
        PersonId = "";
        Current = NetworkRevision.Initial;
    }

    public StaleWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
        PersonId = "";
        Current = NetworkRevision.Initial;
    }

    public string PersonId { get; }

    public NetworkRevision Current { get; }

    private static string Describe(NetworkRevision current)
    {
        var who = current.ChangedBy is { Length: > 0 } name ? name : "Someone else";
        var when = current.ChangedAt is { } at ? $" at {at.ToLocalTime():HH:mm}" : "";
        return $"{who} changed this network{when} while you were working on it, so your change was not saved. The screen now shows the latest; check it and make your change again.";
    }
}
