using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Neo4j.Tests.Contract;

/// <summary>The store contract suite on Neo4j; skipped, with the reason, where no Neo4j is reachable.</summary>
public sealed class Neo4jGraphStoreContractTests(Neo4jStoreFixture fixture) : GraphStoreContractTests<Neo4jStoreFixture>(fixture);
