using Patchwork.Graph.Model;

namespace Patchwork.Graph.Storage.Neo4j;

internal sealed partial class Neo4jGraphStore
{
    public async Task AddNodeAsync(Node node, CancellationToken cancellationToken = default)
    {
        GraphValidator.Check(node);
        QueryResult result;
        try
        {
            result = await WriteAsync(CypherFile.AddNode(node.Kind), Neo4jValues.NodeParameters(node), cancellationToken).ConfigureAwait(false);
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

    public async Task AddRelationshipAsync(Relationship relationship, CancellationToken cancellationToken = default)
    {
        // The embedded store looks both ends up before it checks the fields, so an unknown end is reported first.
        await CheckAfterEndsAsync(
            () =>
            {
                GraphValidator.Check(relationship);
                _ = relationship.Recorded ?? throw new ArgumentException("A relationship must say who recorded it and when.", nameof(relationship));
            },
            [relationship.From, relationship.To],
            cancellationToken).ConfigureAwait(false);

        var result = await WriteAsync(CypherFile.AddRelationship(relationship.Type), Neo4jValues.RelationshipParameters(relationship, relationship.Recorded!), cancellationToken).ConfigureAwait(false);
        var row = result.Single;
        RequireEnds(row, relationship.From, relationship.To);
        if (row["alreadyRecorded"].AsBoolean() == true)
        {
            throw new GraphRuleException($"The {relationship.Key} is already recorded.");
        }
    }

    public async Task EndRelationshipAsync(RelationshipKey key, DateOnly until, Recorded recorded, CancellationToken cancellationToken = default)
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

    public async Task RecordContactAsync(Contact contact, CancellationToken cancellationToken = default)
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
                ["recordedAt"] = recorded.At,
                ["recordedBy"] = recorded.By,
            },
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
    private async Task CheckAfterEndsAsync(Action check, NodeRef[] ends, CancellationToken cancellationToken)
    {
        try
        {
            check();
        }
        catch (Exception exception) when (exception is GraphRuleException or ArgumentException)
        {
            var existing = await ExistingAsync(ends, transaction: null, cancellationToken).ConfigureAwait(false);
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

    private static (NodeKind From, NodeKind To) Ends(RelationshipType type) => type switch
    {
        RelationshipType.MemberOf => (NodeKind.Person, NodeKind.Household),
        RelationshipType.Family => (NodeKind.Person, NodeKind.Person),
        RelationshipType.WorksFor => (NodeKind.Professional, NodeKind.Agency),
        RelationshipType.InvolvedWith => (NodeKind.Professional, NodeKind.Person),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
