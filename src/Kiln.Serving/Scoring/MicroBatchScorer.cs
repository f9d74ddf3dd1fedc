using System.Threading.Channels;
using Kiln.Inference;
using Kiln.Serving.Configuration;
using Kiln.Serving.Observability;

namespace Kiln.Serving.Scoring;

/// <summary>Coalesces concurrent small requests into one ONNX Runtime call, bounded by rows and delay.</summary>
public sealed class MicroBatchScorer : IScorer, IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly BatchingOptions _settings;
    private readonly ServingMetrics _metrics;
    private readonly Task[] _workers;

    /// <summary>Starts the workers that drain the queue.</summary>
    /// <param name="settings">Batching limits.</param>
    /// <param name="metrics">Where batch sizes are recorded.</param>
    public MicroBatchScorer(BatchingOptions settings, ServingMetrics metrics)
    {
        _settings = settings;
        _metrics = metrics;
        _workers = [.. Enumerable.Range(0, settings.Workers).Select(_ => Task.Run(DrainAsync))];
    }

    /// <inheritdoc />
    public ValueTask<Prediction[]> ScoreAsync(OnnxModel model, FeatureBatch batch)
    {
        // A request that fills a batch on its own gains nothing from waiting in the queue.
        if (batch.Rows >= _settings.MaxBatchRows)
        {
            _metrics.BatchSize.Observe(batch.Rows);
            return ValueTask.FromResult(model.Score(batch));
        }

        var pending = new Pending(model, batch, new TaskCompletionSource<Prediction[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending)
            ? new ValueTask<Prediction[]>(pending.Completion.Task)
            : ValueTask.FromException<Prediction[]>(new InvalidOperationException("the scorer is shutting down"));
    }

    /// <summary>Stops accepting work and waits for queued requests to be answered.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    private async Task DrainAsync()
    {
        var group = new List<Pending>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            group.Clear();
            var rows = 0;
            Pending? held = null;
            rows = Take(reader, group, rows, ref held);
            if (_settings.MaxDelay > TimeSpan.Zero && rows < _settings.MaxBatchRows && held is null)
            {
                using var timeout = new CancellationTokenSource(_settings.MaxDelay);
                try
                {
                    while (rows < _settings.MaxBatchRows && held is null && await reader.WaitToReadAsync(timeout.Token))
                    {
                        rows = Take(reader, group, rows, ref held);
                    }
                }
                catch (OperationCanceledException)
                {
                    // The delay is up: run with what has arrived.
                }
            }

            if (group.Count > 0)
            {
                Run(group, rows);
            }

            if (held is not null)
            {
                Run([held], held.Batch.Rows);
            }
        }
    }

    private int Take(ChannelReader<Pending> reader, List<Pending> group, int rows, ref Pending? held)
    {
        while (rows < _settings.MaxBatchRows && reader.TryRead(out var next))
        {
            // Requests for a different model (a reload) or ones that would overflow the batch run on their own.
            if ((group.Count > 0 && !ReferenceEquals(group[0].Model, next.Model)) || rows + next.Batch.Rows > _settings.MaxBatchRows)
            {
                held = next;
                break;
            }

            group.Add(next);
            rows += next.Batch.Rows;
        }

        return rows;
    }

    private void Run(List<Pending> group, int rows)
    {
        try
        {
            _metrics.BatchSize.Observe(rows);
            if (group.Count == 1)
            {
                group[0].Completion.TrySetResult(group[0].Model.Score(group[0].Batch));
                return;
            }

            var combined = group[0].Model.CreateBatch(rows);
            var at = 0;
            foreach (var pending in group)
            {
                pending.Batch.CopyTo(combined, at);
                at += pending.Batch.Rows;
            }

            var predictions = group[0].Model.Score(combined);
            at = 0;
            foreach (var pending in group)
            {
                pending.Completion.TrySetResult(predictions.AsSpan(at, pending.Batch.Rows).ToArray());
                at += pending.Batch.Rows;
            }
        }
        catch (Exception e)
        {
            foreach (var pending in group)
            {
                pending.Completion.TrySetException(e);
            }
        }
    }

    private sealed record Pending(OnnxModel Model, FeatureBatch Batch, TaskCompletionSource<Prediction[]> Completion);
}
