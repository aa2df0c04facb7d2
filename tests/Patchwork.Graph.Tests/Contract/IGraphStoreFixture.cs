using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Tests.Contract;

/// <summary>
/// Gives the store contract suite a fresh, empty, initialised store of one adapter per test.
/// An adapter that cannot run here (no Neo4j reachable) says why in <see cref="SkipReason"/>.
/// </summary>
public interface IGraphStoreFixture
{
    /// <summary>Null when the adapter can run; otherwise the reason printed with each skipped test.</summary>
    string? SkipReason { get; }

    Task<IGraphStore> CreateEmptyStoreAsync(CancellationToken cancellationToken = default);
}
