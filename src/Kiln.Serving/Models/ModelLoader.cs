using System.Text;
using Kiln.Inference;
using Kiln.Serving.Hosting;
using Kiln.Serving.Observability;
using Kiln.Serving.Scoring;

namespace Kiln.Serving.Models;

/// <summary>Resolves, loads and warms the model in the background so liveness answers at once and readiness follows.</summary>
/// <param name="source">Where the model comes from.</param>
/// <param name="host">Where the warmed model is published.</param>
/// <param name="scorer">The scorer the warm-up runs through, so its code is compiled before traffic.</param>
/// <param name="settings">Limits and tuning.</param>
/// <param name="metrics">Receives the model info gauge.</param>
/// <param name="lifetime">Stopped when the model cannot be loaded.</param>
/// <param name="logger">The log.</param>
public sealed partial class ModelLoader(
    IModelSource source,
    ModelHost host,
    IScorer scorer,
    ServingSettings settings,
    ServingMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<ModelLoader> logger) : IHostedService
{
    private Task? _loading;

    /// <summary>The load in progress, for tests and for shutdown to await.</summary>
    public Task Loading => _loading ?? Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(host.BeginStopping);
        _loading = Task.Run(() => LoadAsync(lifetime.ApplicationStopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Loading;

    private async Task LoadAsync(CancellationToken stopping)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var artifact = await source.ResolveAsync(stopping);
            var model = OnnxModel.Load(artifact.Path, artifact.ExpectedSha256, new ScoringOptions(settings.IntraOpThreads));
            var served = new ServedModel(model, artifact.Name, artifact.Version);
            await WarmUpAsync(served);
            metrics.ModelInfo.WithLabels(served.Name, served.Version, model.Sha256).Set(1);
            host.Publish(served);
            LogReady(served.Name, served.Version, model.Sha256, model.Path, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is ModelLoadException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            LogLoadFailed(e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
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
        served.Model.Score(served.Model.CreateBatch(Math.Min(settings.MaxBatchRows, 100)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Name} version {Version} (sha256 {Sha256}) from {Path} is loaded and warm after {Milliseconds:F0} ms; ready")]
    private partial void LogReady(string name, string version, string sha256, string path, double milliseconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot serve: {Reason}")]
    private partial void LogLoadFailed(string reason);
}
