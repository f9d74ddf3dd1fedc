using System.Collections.Concurrent;

namespace Kiln.Pipeline.Profiling;

/// <summary>Reads a sequence on a background thread in bounded batches, so parsing the CSV and counting its values use two cores.</summary>
internal static class ReadAhead
{
    private const int BatchSize = 2048;

    // Four batches in flight bound the memory to a few thousand records whatever the file size.
    private const int BatchesInFlight = 4;

    /// <summary>Yields the items of <paramref name="source"/> in order, produced ahead on another thread; a failure in the source is rethrown here.</summary>
    /// <param name="source">The sequence (enumerated once, on another thread).</param>
    /// <param name="cancellationToken">Stops the producer.</param>
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, CancellationToken cancellationToken)
    {
        using var batches = new BlockingCollection<List<T>>(BatchesInFlight);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() =>
        {
            try
            {
                var batch = new List<T>(BatchSize);
                foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count == BatchSize)
                    {
                        batches.Add(batch, stop.Token);
                        batch = new List<T>(BatchSize);
                    }
                }

                if (batch.Count > 0)
                {
                    batches.Add(batch, stop.Token);
                }
            }
            finally
            {
                batches.CompleteAdding();
            }
        }, stop.Token);

        try
        {
            foreach (var batch in batches.GetConsumingEnumerable(stop.Token))
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }

            // Surfaces a read error (e.g. an I/O failure) with its own stack trace.
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            // A consumer that stops early (an exception, a break) must not leave the producer blocked on a full queue.
            stop.Cancel();
            try
            {
                producer.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Cancelled on purpose above, or a read error already rethrown by GetResult.
            }
        }
    }
}
