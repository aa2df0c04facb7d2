using System.Diagnostics;
using System.Runtime.CompilerServices;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Storage.Neo4j;

internal sealed partial class Neo4jGraphStore
{
    private const int ExportPageSize = 5000;

    /// <summary>
    /// Loads rows in one explicit transaction, in UNWIND batches of consecutive rows of one kind. A failed batch
    /// cannot name its bad row, so each batch is checked before it is written - ids already given or already stored,
    /// ends that exist, relationships already recorded, every field - in the embedded store's order per row; the
    /// first bad row rolls everything back with the embedded store's message.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(IEnumerable<ImportRow> rows, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var import = new ImportRun(this, new Recorded(clock.GetUtcNow(), "import"), cancellationToken);
        await using (var transaction = clients().BeginTransaction())
        {
            import.Transaction = transaction;
            var batch = new List<ImportRow>(settings.ImportBatchSize);
            object? batchKind = null;
            foreach (var row in rows)
            {
                var kind = ImportRun.KindOf(row.Element);
                if (batch.Count > 0 && (!kind.Equals(batchKind) || batch.Count >= settings.ImportBatchSize))
                {
                    await import.WriteAsync(batch).ConfigureAwait(false);
                    progress?.Report(import.Nodes + import.Relationships);
                    batch.Clear();
                }

                batch.Add(row);
                batchKind = kind;
            }

            if (batch.Count > 0)
            {
                await import.WriteAsync(batch).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        progress?.Report(import.Nodes + import.Relationships);
        LogImported(logger, import.Nodes, import.Relationships, stopwatch.Elapsed);
        return new ImportSummary(import.Nodes, import.Relationships, stopwatch.Elapsed);
    }

    public async IAsyncEnumerable<GraphElement> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var kind in Enum.GetValues<NodeKind>())
        {
            await foreach (var row in PagesAsync(CypherFile.ExportNodes(kind), cancellationToken).ConfigureAwait(false))
            {
                yield return Neo4jValues.ReadNode(row["node"].AsNode()!, kind);
            }
        }

        foreach (var type in Enum.GetValues<RelationshipType>())
        {
            await foreach (var row in PagesAsync(CypherFile.ExportRelationships(type), cancellationToken).ConfigureAwait(false))
            {
                yield return Neo4jValues.ReadRelationship(type, row["fromId"].AsRequiredString(), row["toId"].AsRequiredString(), row["relationship"].AsRelationship()!);
            }
        }

        await foreach (var row in PagesAsync(CypherFile.ExportContacts, cancellationToken).ConfigureAwait(false))
        {
            yield return Neo4jValues.ReadContact(row["fromId"].AsRequiredString(), row["toId"].AsRequiredString(), row["relationship"].AsRelationship()!);
        }
    }

    private async IAsyncEnumerable<QueryRecord> PagesAsync(string file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var skip = 0; ; skip += ExportPageSize)
        {
            var page = await ReadAsync(file, new() { ["skip"] = skip, ["limit"] = ExportPageSize }, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Records)
            {
                yield return row;
            }

            if (page.Records.Count < ExportPageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>The state of one import: the ids it has given per kind, and what it has written.</summary>
    private sealed class ImportRun(Neo4jGraphStore store, Recorded importedAt, CancellationToken cancellationToken)
    {
        private readonly Dictionary<NodeKind, HashSet<string>> imported =
            Enum.GetValues<NodeKind>().ToDictionary(k => k, _ => new HashSet<string>(StringComparer.Ordinal));

        public QueryApiTransaction Transaction { get; set; } = null!;

        public long Nodes { get; private set; }

        public long Relationships { get; private set; }

        /// <summary>What makes rows one batch: a node kind, a relationship type, or contacts.</summary>
        public static object KindOf(GraphElement element) => element switch
        {
            Node node => node.Kind,
            Relationship relationship => relationship.Type,
            Contact => KindNames.ContactTypeName,
            _ => throw new ArgumentOutOfRangeException(nameof(element)),
        };

        public async Task WriteAsync(IReadOnlyList<ImportRow> batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (batch[0].Element)
            {
                case Node first:
                    await WriteNodesAsync(first.Kind, batch).ConfigureAwait(false);
                    break;
                case Relationship first:
                    await WriteRelationshipsAsync(first.Type, batch).ConfigureAwait(false);
                    break;
                default:
                    await WriteContactsAsync(batch).ConfigureAwait(false);
                    break;
            }
        }

        private async Task WriteNodesAsync(NodeKind kind, IReadOnlyList<ImportRow> batch)
        {
            var ids = imported[kind];
            var stored = await store.ExistingAsync(
                batch.Select(r => ((Node)r.Element).Ref).Where(n => !ids.Contains(n.Id)),
                Transaction,
                cancellationToken).ConfigureAwait(false);
            var rows = new List<Dictionary<string, object?>>(batch.Count);
            foreach (var row in batch)
            {
                var node = (Node)row.Element;
                if (ids.Contains(node.Id))
                {
                    throw new ImportException(row.Source, $"duplicate {kind.Label()} id '{node.Id}': it was already given on an earlier line.");
                }

                Check(row, () => GraphValidator.Check(node));
                if (stored.Contains(node.Ref))
                {
                    throw new ImportException(row.Source, Duplicate(node).Message);
                }

                ids.Add(node.Id);
                rows.Add(Neo4jValues.NodeParameters(node));
            }

            await WriteBatchAsync(CypherFile.ImportNodes(kind), rows, batch[0].Source).ConfigureAwait(false);
            Nodes += rows.Count;
        }

        private async Task WriteRelationshipsAsync(RelationshipType type, IReadOnlyList<ImportRow> batch)
        {
            var relationships = batch.Select(r => (Relationship)r.Element).ToList();
            var stored = await StoredEndsAsync(relationships.SelectMany(r => new[] { r.From, r.To })).ConfigureAwait(false);
            var recorded = await RecordedKeysAsync(relationships.Where(r => IsKnown(r.From, stored) && IsKnown(r.To, stored))).ConfigureAwait(false);
            var inBatch = new HashSet<RelationshipKey>();
            var rows = new List<Dictionary<string, object?>>(batch.Count);
            foreach (var row in batch)
            {
                var relationship = (Relationship)row.Element;
                RequireKnown(row, relationship.From, ":START_ID", stored);
                RequireKnown(row, relationship.To, ":END_ID", stored);
                Check(row, () => GraphValidator.Check(relationship));
                if (recorded.Contains(relationship.Key) || !inBatch.Add(relationship.Key))
                {
                    throw new ImportException(row.Source, $"The {relationship.Key} is already recorded.");
                }

                rows.Add(Neo4jValues.RelationshipParameters(relationship, relationship.Recorded ?? importedAt));
            }

            await WriteBatchAsync(CypherFile.ImportRelationships(type), rows, batch[0].Source).ConfigureAwait(false);
            Relationships += rows.Count;
        }

        private async Task WriteContactsAsync(IReadOnlyList<ImportRow> batch)
        {
            var contacts = batch.Select(r => (Contact)r.Element).ToList();
            var stored = await StoredEndsAsync(contacts.SelectMany(c => new[] { Professional(c), Person(c) })).ConfigureAwait(false);
            var rows = new List<Dictionary<string, object?>>(batch.Count);
            foreach (var row in batch)
            {
                var contact = (Contact)row.Element;
                RequireKnown(row, Professional(contact), ":START_ID", stored);
                RequireKnown(row, Person(contact), ":END_ID", stored);
                Check(row, () => GraphValidator.Check(contact));
                rows.Add(Neo4jValues.ContactRow(contact, contact.Recorded ?? importedAt));
            }

            await WriteBatchAsync(CypherFile.ImportContacts, rows, batch[0].Source).ConfigureAwait(false);
            Relationships += rows.Count;

            static NodeRef Professional(Contact c) => new(NodeKind.Professional, c.ProfessionalId);
            static NodeRef Person(Contact c) => new(NodeKind.Person, c.PersonId);
        }

        /// <summary>Which of the ends not given by this import are stored already (by an earlier import or write).</summary>
        private Task<HashSet<NodeRef>> StoredEndsAsync(IEnumerable<NodeRef> ends) =>
            store.ExistingAsync(ends.Where(n => !imported[n.Kind].Contains(n.Id)), Transaction, cancellationToken);

        private async Task<HashSet<RelationshipKey>> RecordedKeysAsync(IEnumerable<Relationship> relationships)
        {
            var keys = relationships.Select(r => r.Key).Distinct().Select(k => new Dictionary<string, object?>
            {
                ["type"] = k.Type.TypeName(),
                ["fromId"] = k.FromId,
                ["toId"] = k.ToId,
                ["since"] = k.Since,
            }).ToList();
            var found = new HashSet<RelationshipKey>();
            if (keys.Count == 0)
            {
                return found;
            }

            var result = await Transaction.RunAsync(CypherStatement.Read(CypherFile.ExistingRelationships, new Dictionary<string, object?> { ["keys"] = keys }), cancellationToken).ConfigureAwait(false);
            foreach (var row in result.Records)
            {
                KindNames.TryParseRelationshipType(row["type"].AsString(), out var type);
                found.Add(new RelationshipKey(type, row["fromId"].AsRequiredString(), row["toId"].AsRequiredString(), row["since"].AsDate()!.Value));
            }

            return found;
        }

        private bool IsKnown(NodeRef node, HashSet<NodeRef> stored) => imported[node.Kind].Contains(node.Id) || stored.Contains(node);

        private void RequireKnown(ImportRow row, NodeRef node, string column, HashSet<NodeRef> stored)
        {
            if (!IsKnown(node, stored))
            {
                throw new ImportException(row.Source, $"{column} names unknown {node.Kind.Label()} id '{node.Id}'.");
            }
        }

        private static void Check(ImportRow row, Action check)
        {
            try
            {
                check();
            }
            catch (GraphRuleException exception)
            {
                throw new ImportException(row.Source, exception.Message);
            }
        }

        private async Task WriteBatchAsync(string file, List<Dictionary<string, object?>> rows, SourceLine first)
        {
            var result = await Transaction.RunAsync(CypherStatement.Write(file, new Dictionary<string, object?> { ["rows"] = rows }), cancellationToken).ConfigureAwait(false);
            var written = result.Single["written"].AsInt64();
            if (written != rows.Count)
            {
                // Every row was checked, so this means another writer changed the graph under the import.
                throw new GraphStoreException($"Neo4j wrote {written} of the {rows.Count} rows of the batch starting at {first}; the import was rolled back. Try it again.");
            }
        }
    }
}
