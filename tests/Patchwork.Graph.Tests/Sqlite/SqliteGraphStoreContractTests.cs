using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Sqlite;

public sealed class SqliteGraphStoreContractTests(SqliteStoreFixture fixture) : GraphStoreContractTests<SqliteStoreFixture>(fixture);
