using System.Text;
using Kiln.Inference;
using Kiln.Serving.Configuration;
using Kiln.Serving.Observability;
using Kiln.Serving.Scoring;
using Microsoft.Extensions.Options;

namespace Kiln.Serving.Models;

/// <summary>Resolves the model before the port opens, then loads and warms it in the background so liveness answers at once and readiness follows.</summary>
/// <param name="source">Where the model comes from.</param>
/// <param name="host">Where the warmed model is published.</param>
/// <param name="scorer">The scorer the warm-up runs through, so its code is compiled before traffic.</param>
/// <param name="model">ONNX Runtime tuning.</param>
/// <param name="limits">The row limit, the size of the warm-up batch.</param>
/// <param name="metrics">Receives the model info gauge.</param>
/// <param name="lifetime">Stopped when the model cannot be loaded.</param>
/// <param name="logger">The log.</param>
public sealed partial class ModelLoader(
    IModelSource source,
    ModelHost host,
    IScorer scorer,
    IOptions<ModelOptions> model,
    IOptions<LimitsOptions> limits,
    ServingMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<ModelLoader> logger) : IHostedService
{
    private readonly CancellationTokenSource _abandoned = new();
    private Task _loading = Task.CompletedTask;

    /// <summary>The load in progress, for tests, for shutdown to await and for a host that waits until the model is ready.</summary>
    public Task Loading => _loading;

    /// <summary>Why the model could not be loaded, or null; the service then stops, and whoever runs it reports this.</summary>
    public string? Failure { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(host.BeginStopping);

        // Hosted services start before Kestrel listens: a missing model, registry entry or file, or a wrong hash, refuses start-up here.
        // What the start waited for the model to be found (a resolution begun early may already have finished: see EarlyResolution).
        var resolving = System.Diagnostics.Stopwatch.GetTimestamp();
        var artifact = await source.ResolveAsync(cancellationToken);
        var resolved = System.Diagnostics.Stopwatch.GetElapsedTime(resolving).TotalMilliseconds;
        _loading = Task.Run(() => LoadAsync(artifact, resolved), CancellationToken.None);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Loading;

    /// <summary>Gives up the load of a service whose start was refused after this loader began (a port in use): the model is
    /// never published or announced as ready, and the returned task ends once no thread uses ONNX Runtime any more.</summary>
    public Task AbandonAsync()
    {
        _abandoned.Cancel();

        // WhenAny waits without rethrowing: the refusal, not the load, is what gets reported.
        return Task.WhenAny(Loading);
    }

    private async Task LoadAsync(ModelArtifact artifact, double resolvedMilliseconds)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var onnx = OnnxModel.Load(artifact.Path, artifact.ExpectedSha256, new ScoringOptions(model.Value.IntraOpThreads));
            var served = new ServedModel(onnx, artifact.Name, artifact.Version);
            if (!_abandoned.IsCancellationRequested)
            {
                await WarmUpAsync(served);
            }

            if (_abandoned.IsCancellationRequested)
            {
                onnx.Dispose();
                return;
            }

            metrics.ModelInfo.WithLabels(served.Name, served.Version, onnx.Sha256).Set(1);
            host.Publish(served);
            LogReady(served.Name, served.Version, onnx.Sha256, onnx.Path, resolvedMilliseconds, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is ModelLoadException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Stopping before the host has started would make it report a cancelled start with a stack trace.
            Failure = e.Message;
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
        }
    }

    private async Task WarmUpAsync(ServedModel served)
    {
        // One request through the real parser and scorer, then a full-size batch, so the first client pays no JIT or ORT allocation cost.
        var record = new StringBuilder("[{");
        foreach (var input in served.Model.Inputs)
        {
            record.Append('"').Append(input.Name).Append("\":").Append(input.Kind == FeatureKind.Numeric ? "null" : "\"\"").Append(',');
        }

        record.Length--;
        record.Append("}]");
        var batch = served.PredictReader.Read(Encoding.UTF8.GetBytes(record.ToString()), 1);
        await scorer.ScoreAsync(served.Model, batch);
        served.Model.Score(served.Model.CreateBatch(Math.Min(limits.Value.MaxBatchRows, 100)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Name} version {Version} (sha256 {Sha256}) from {Path}, found in {ResolveMilliseconds:F0} ms, is loaded and warm after {Milliseconds:F0} ms; ready")]
    private partial void LogReady(string name, string version, string sha256, string path, double resolveMilliseconds, double milliseconds);
}
