using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Storage.Neo4j;

namespace Patchwork.Neo4j.Tests.Store;

internal static class StoreFakes
{
    public static readonly string[] Exists = ["kind", "id"];
    public static readonly string[] Step = ["fromId", "toId", "relationship"];
    public static readonly string[] Relatives = ["fromId", "toId", "otherId", "relationship"];
    public static readonly string[] Nodes = ["kind", "node"];

    public static Neo4jGraphStore Store(this FakeQueryApi fake, Action<Neo4jStoreOptions>? configure = null, IAuditTrail? audit = null)
    {
        var client = fake.Client(configure);
        return new Neo4jGraphStore(() => client, Options.Create(client.Settings), TimeProvider.System, NullLogger<Neo4jGraphStore>.Instance, audit);
    }
}
