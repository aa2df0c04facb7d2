namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>
/// The bookmarks of one store instance: sent with every request, so on a cluster or Aura a user's next question is
/// answered by a member that has their last write. An answer's bookmarks supersede the ones its request sent;
/// those of requests that ran side by side are kept together until a later answer supersedes them all.
/// </summary>
internal sealed class Neo4jBookmarks
{
    private readonly Lock gate = new();
    private string[] current = [];

    public IReadOnlyList<string> Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    public void Advance(IReadOnlyList<string> sent, IReadOnlyList<string> received)
    {
        if (received.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            current = [.. current.Except(sent, StringComparer.Ordinal).Union(received, StringComparer.Ordinal)];
        }
    }
}
