using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Storage.Neo4j;

internal sealed partial class Neo4jGraphStore
{
    public Task AddNodeAsync(Node node, CancellationToken cancellationToken = default) => AddNodeAsync(node, null, cancellationToken);

    public Task AddRelationshipAsync(Relationship relationship, CancellationToken cancellationToken = default) =>
        AddRelationshipAsync(relationship, null, cancellationToken);

    public Task EndRelationshipAsync(RelationshipKey key, DateOnly until, Recorded recorded, CancellationToken cancellationToken = default) =>
        EndRelationshipAsync(key, until, recorded, null, cancellationToken);

    public Task RecordContactAsync(Contact contact, CancellationToken cancellationToken = default) => RecordContactAsync(contact, null, cancellationToken);

    public async Task<NetworkRevision> GetRevisionAsync(string personId, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(CypherFile.Revision, new() { ["personId"] = personId }, cancellationToken).ConfigureAwait(false);
        return result.Records.Count == 0 ? throw new NodeNotFoundException(new NodeRef(NodeKind.Person, personId)) : ReadRevision(result.Records[0]);
    }

    /// <summary>The audit trail lives in another store: see <see cref="AuditedChange"/>.</summary>
    public Task<NetworkRevision> ApplyAsync(ChangeSet change, CancellationToken cancellationToken = default) =>
        AuditedChange.ApplyAsync(audit, change, ApplyWritesAsync, GetRevisionAsync, cancellationToken);

    private async Task<NetworkRevision> ApplyWritesAsync(ChangeSet change, CancellationToken cancellationToken)
    {
        await using var transaction = clients().BeginTransaction();
        foreach (var write in change.Writes)
        {
            var task = write switch
            {
                GraphWrite.AddNode add => AddNodeAsync(add.Node, transaction, cancellationToken),
                GraphWrite.AddRelationship add => AddRelationshipAsync(add.Relationship, transaction, cancellationToken),
                GraphWrite.EndRelationship end => EndRelationshipAsync(end.Key, end.Until, change.Recorded, transaction, cancellationToken),
                GraphWrite.RecordContact record => RecordContactAsync(record.Contact, transaction, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(change), write, "Unknown write."),
            };
            await task.ConfigureAwait(false);
        }

        // After the writes, in the same transaction: the statement locks the person before it reads the revision.
        var result = await transaction.RunAsync(
            CypherStatement.Write(CypherFile.Revise, new Dictionary<string, object?> { ["personId"] = change.PersonId, ["expected"] = change.ExpectedRevision, ["at"] = change.Recorded.At, ["by"] = change.RecordedByName }),
            cancellationToken).ConfigureAwait(false);
        if (result.Records.Count == 0)
        {
            throw new NodeNotFoundException(new NodeRef(NodeKind.Person, change.PersonId));
        }

        var row = result.Records[0];
        if (row["applied"].AsBoolean() != true)
        {
            // Disposing the transaction rolls every write of this change back.
            throw new StaleWriteException(change.PersonId, ReadRevision(row));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ReadRevision(row);
    }

    private static NetworkRevision ReadRevision(QueryRecord row) =>
        new(row["revision"].AsInt64() ?? 0, row["revisedBy"].AsString(), row["revisedAt"].AsDateTime()?.ToUniversalTime());

    private Task<QueryResult> WriteAsync(string file, Dictionary<string, object?> parameters, QueryApiTransaction? transaction, CancellationToken cancellationToken) =>
        transaction is null ? WriteAsync(file, parameters, cancellationToken) : transaction.RunAsync(CypherStatement.Write(file, parameters), cancellationToken);

    private async Task AddNodeAsync(Node node, QueryApiTransaction? transaction, CancellationToken cancellationToken)
    {
        GraphValidator.Check(node);
        QueryResult result;
        try
        {
            result = await WriteAsync(CypherFile.AddNode(node.Kind), Neo4jValues.NodeParameters(node), transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (GraphRuleException exception) when (exception.InnerException is QueryApiException { Code: Neo4jErrors.ConstraintValidationFailed })
        {
            // Another writer added the same id between the check and the write: the uniqueness constraint caught it.
            throw Duplicate(node, exception);
        }

        if (result.Single["alreadyExists"].AsBoolean() == true)
        {
            throw Duplicate(node);
        }
    }

    private async Task AddRelationshipAsync(Relationship relationship, QueryApiTransaction? transaction, CancellationToken cancellationToken)
    {
        // The embedded store looks both ends up before it checks the fields, so an unknown end is reported first.
        await CheckAfterEndsAsync(
            () =>
            {
                GraphValidator.Check(relationship);
                _ = relationship.Recorded ?? throw new ArgumentException("A relationship must say who recorded it and when.", nameof(relationship));
            },
            [relationship.From, relationship.To],
            transaction,
            cancellationToken).ConfigureAwait(false);

        var result = await WriteAsync(CypherFile.AddRelationship(relationship.Type), Neo4jValues.RelationshipParameters(relationship, relationship.Recorded!), transaction, cancellationToken).ConfigureAwait(false);
        var row = result.Single;
        RequireEnds(row, relationship.From, relationship.To);
        if (row["alreadyRecorded"].AsBoolean() == true)
        {
            throw new GraphRuleException($"The {relationship.Key} is already recorded.");
        }
    }

    private async Task EndRelationshipAsync(RelationshipKey key, DateOnly until, Recorded recorded, QueryApiTransaction? transaction, CancellationToken cancellationToken)
    {
        var (fromKind, toKind) = Ends(key.Type);
        var result = await WriteAsync(
            CypherFile.EndRelationship(key.Type),
            new()
            {
                ["fromId"] = key.FromId,
                ["toId"] = key.ToId,
                ["since"] = key.Since,
                ["until"] = until,
                ["endedAt"] = recorded.At,
                ["endedBy"] = recorded.By,
            },
            transaction,
            cancellationToken).ConfigureAwait(false);

        // The statement wrote only if every check below passes; they are made in the embedded store's order.
        var row = result.Single;
        RequireEnds(row, new NodeRef(fromKind, key.FromId), new NodeRef(toKind, key.ToId));
        if (row["found"].AsBoolean() != true)
        {
            throw new GraphRuleException($"There is no {key}.");
        }

        if (row["previousUntil"].AsDate() is { } ended)
        {
            throw new GraphRuleException($"The {key} already ended on {ended:yyyy-MM-dd}.");
        }

        _ = new Period(key.Since, until);
    }

    private async Task RecordContactAsync(Contact contact, QueryApiTransaction? transaction, CancellationToken cancellationToken)
    {
        var professional = new NodeRef(NodeKind.Professional, contact.ProfessionalId);
        var person = new NodeRef(NodeKind.Person, contact.PersonId);
        await CheckAfterEndsAsync(
            () =>
            {
                GraphValidator.Check(contact);
                _ = contact.Recorded ?? throw new ArgumentException("A contact must say who recorded it and when.", nameof(contact));
            },
            [professional, person],
            transaction,
            cancellationToken).ConfigureAwait(false);

        var recorded = contact.Recorded!;
        var result = await WriteAsync(
            CypherFile.RecordContact,
            new()
            {
                ["professionalId"] = contact.ProfessionalId,
                ["personId"] = contact.PersonId,
                ["at"] = contact.At,
                ["kind"] = contact.Kind.Name(),
                ["planned"] = contact.Planned,
                ["seen"] = contact.Seen,
                ["seenAlone"] = contact.SeenAlone,
                ["recordedAt"] = recorded.At,
                ["recordedBy"] = recorded.By,
            },
            transaction,
            cancellationToken).ConfigureAwait(false);
        RequireEnds(result.Single, professional, person);
    }

    private static GraphRuleException Duplicate(Node node, Exception? inner = null)
    {
        var message = $"A {node.Kind.Name()} with id '{node.Id}' already exists.";
        return inner is null ? new GraphRuleException(message) : new GraphRuleException(message, inner);
    }

    /// <summary>
    /// Runs the field checks; if one fails, first makes sure both ends exist, so the caller hears what the embedded
    /// store would have said first. Costs nothing when the fields are right.
    /// </summary>
    private async Task CheckAfterEndsAsync(Action check, NodeRef[] ends, QueryApiTransaction? transaction, CancellationToken cancellationToken)
    {
        try
        {
            check();
        }
        catch (Exception exception) when (exception is GraphRuleException or ArgumentException)
        {
            var existing = await ExistingAsync(ends, transaction, cancellationToken).ConfigureAwait(false);
            var missing = ends.FirstOrDefault(n => !existing.Contains(n));
            if (missing != default)
            {
                throw new NodeNotFoundException(missing);
            }

            throw;
        }
    }

    private static void RequireEnds(QueryRecord row, NodeRef from, NodeRef to)
    {
        if (row["fromFound"].AsBoolean() != true)
        {
            throw new NodeNotFoundException(from);
        }

        if (row["toFound"].AsBoolean() != true)
        {
            throw new NodeNotFoundException(to);
        }
    }

    private static (NodeKind From, NodeKind To) Ends(RelationshipType type) => (type.Describe().From, type.Describe().To);
}
