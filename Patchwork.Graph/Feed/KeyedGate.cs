namespace Patchwork.Graph.Feed;

/// <summary>
/// One turn at a time per key within this server: requests for the same key wait in turn, others pass. An entry
/// lives only while someone holds or waits for its turn.
/// </summary>
internal sealed class KeyedGate
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Waits for the key's turn; disposing the result gives the turn to the next waiter.</summary>
    public async Task<IDisposable> EnterAsync(string key, CancellationToken cancellationToken = default)
    {
        Entry entry;
        lock (entries)
        {
            if (!entries.TryGetValue(key, out entry!))
            {
                entries[key] = entry = new Entry();
            }

            entry.Users++;
        }

        try
        {
            await entry.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }

        return new Turn(this, key, entry);
    }

    private void Leave(string key, Entry entry)
    {
        lock (entries)
        {
            if (--entry.Users == 0)
            {
                entries.Remove(key);
                entry.Turn.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Turn(KeyedGate gate, string key, Entry entry) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                entry.Turn.Release();
                gate.Leave(key, entry);
            }
        }
    }
}
