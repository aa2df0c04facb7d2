using Patchwork.Graph.Storage;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Sqlite;

/// <summary>Each store on a fresh file in a fresh folder; every file is deleted when the test class is done.</summary>
public sealed class SqliteStoreFixture : IGraphStoreFixture, IDisposable
{
    private readonly TempStores stores = new();

    public string? SkipReason => null;

    public async Task<IGraphStore> CreateEmptyStoreAsync(CancellationToken cancellationToken = default)
    {
        var store = stores.Open(stores.NewPath());
        await store.InitializeAsync(cancellationToken);
        return store;
    }

    public void Dispose() => stores.Dispose();
}
