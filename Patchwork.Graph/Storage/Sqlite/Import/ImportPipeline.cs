using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Patchwork.Graph.Import;

namespace Patchwork.Graph.Storage.Sqlite.Import;

/// <summary>
/// Runs the <see cref="ImportEncoder"/> on a thread of its own, so the writer's thread does nothing but SQLite's
/// work: checking, keying and encoding the rows took as long as inserting them. Order and errors are kept: a
/// batch carries the fault that stopped the rows after it, and the writer throws it once the rows before are written.
/// Names go to the <see cref="NameIndexBuilder"/> if there is one, otherwise with the rows.
/// </summary>
internal sealed class ImportPipeline : IDisposable
{
    private const int Ahead = 8;

    private readonly BlockingCollection<BoundRows> ready = new(Ahead);
    private readonly ConcurrentQueue<BoundRows> free = new();
    private readonly CancellationTokenSource stop = new();
    private readonly NameIndexBuilder? names;
    private readonly Thread thread;

    public ImportPipeline(IEnumerable<ImportRow> rows, ImportEncoder encoder, NameIndexBuilder? names, Action? finished = null)
    {
        this.names = names;
        thread = new Thread(() => Prepare(rows, encoder, finished))
        {
            IsBackground = true,
            Name = "Patchwork preparer",
        };
        thread.Start();
    }

    /// <summary>The batches in order; give each back with <see cref="Recycle"/> once written.</summary>
    public IEnumerable<BoundRows> Batches => ready.GetConsumingEnumerable();

    public void Recycle(BoundRows batch)
    {
        batch.Clear();
        free.Enqueue(batch);
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        ready.Dispose();
        stop.Dispose();
    }

    private void Prepare(IEnumerable<ImportRow> rows, ImportEncoder encoder, Action? finished)
    {
        var batch = Next();
        var named = names?.Next() ?? batch;
        try
        {
            foreach (var row in rows)
            {
                encoder.Encode(row, batch, named);
                if (batch.IsFull)
                {
                    ready.Add(batch, stop.Token);
                    batch = Next();
                    named = names is null ? batch : named;
                }

                if (names is not null && named.IsFull)
                {
                    // A builder that failed takes no more; its fault surfaces when the writer copies its index.
                    names.Add(named, stop.Token);
                    named = names.Next();
                }
            }

            encoder.Finish();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The writer stopped: nothing more is wanted.
        }
        catch (Exception exception)
        {
            batch.Failure = ExceptionDispatchInfo.Capture(exception);
        }

        try
        {
            finished?.Invoke();
            if (!stop.IsCancellationRequested)
            {
                if (names is not null)
                {
                    names.Add(named, stop.Token);
                }

                ready.Add(batch, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The writer stopped.
        }
        finally
        {
            names?.Complete();
            ready.CompleteAdding();
        }
    }

    private BoundRows Next() => free.TryDequeue(out var batch) ? batch : new BoundRows();
}
