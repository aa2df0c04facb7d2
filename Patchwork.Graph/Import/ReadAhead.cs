using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Patchwork.Graph.Import;

/// <summary>
/// Parses rows on a second thread while the store writes the ones before: an import then runs as fast as the
/// slower of the two instead of their sum. Order and errors are kept: a bad row surfaces after every row before it.
/// </summary>
public static class ReadAhead
{
    private const int BatchSize = 2048;

    public static IEnumerable<ImportRow> InBackground(this IEnumerable<ImportRow> rows, int batches = 16)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var queue = new BlockingCollection<ImportRow[]>(batches);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var producer = new Thread(() =>
        {
            var batch = new List<ImportRow>(BatchSize);
            try
            {
                foreach (var row in rows)
                {
                    batch.Add(row);
                    if (batch.Count == BatchSize)
                    {
                        queue.Add([.. batch], stop.Token);
                        batch.Clear();
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The reader stopped early: nothing more is wanted.
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }

            try
            {
                // The rows before a bad one go first, so the store sees them (and their own faults) before the fault.
                if (batch.Count > 0 && !stop.IsCancellationRequested)
                {
                    queue.Add([.. batch], stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The reader stopped early.
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "Patchwork import reader",
        };
        producer.Start();
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable())
            {
                foreach (var row in batch)
                {
                    yield return row;
                }
            }

            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }
    }
}
