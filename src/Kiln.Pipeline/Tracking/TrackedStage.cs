using Kiln.Pipeline.Stages;
using Kiln.Registry;
using Kiln.Registry.Runs;

namespace Kiln.Pipeline.Tracking;

/// <summary>Runs a stage as a tracked run: parameters, metrics, dataset lineage and artifacts go to the registry.</summary>
/// <param name="context">The pipeline the stage belongs to.</param>
/// <param name="registry">Where runs are recorded.</param>
public sealed class TrackedStage(PipelineContext context, ModelRegistry registry)
{
    /// <summary>Runs the stage and records it; a failed or cancelled stage is recorded as failed, keeping what it measured, and rethrown.</summary>
    /// <param name="stage">The stage to run.</param>
    /// <param name="start">The run's kind, version, commit and environment.</param>
    /// <param name="cancellationToken">Stops the stage.</param>
    public async Task<(StageResult Result, string RunId)> RunAsync(IStage stage, RunStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(start);
        if (registry.LatestRun(start.Kind) is { Status: RunStatus.Killed } killed)
        {
            context.Reporter.Info($"Note: the previous {start.Kind.ToString().ToLowerInvariant()} run {killed.Id} was killed ({killed.KilledReason})");
        }

        var runId = registry.StartRun(start);
        try
        {
            registry.LogParameters(runId, context.Config.Parameters);
            var result = await stage.RunAsync(cancellationToken).ConfigureAwait(false);
            registry.LogMetrics(runId, result.Metrics);
            if (DatasetLineageReader.Read(context) is { } lineage)
            {
                registry.LogDataset(runId, lineage);
            }

            foreach (var output in result.Outputs.Keys.Order(StringComparer.Ordinal))
            {
                registry.LogArtifact(runId, Path.Combine(context.Root, output));
            }

            registry.FinishRun(runId, RunStatus.Succeeded);
            return (result, runId);
        }
        catch (Exception failure)
        {
            RecordFailure(runId, failure);
            throw;
        }
    }

    private void RecordFailure(string runId, Exception failure)
    {
        try
        {
            // A missed gate or a failed parity check still measured the model: keep that on the failed run for comparison.
            // The registry takes only finite metrics, and a NaN must not hide the stage's own error.
            if (failure is MeasuredFailureException measured)
            {
                var finite = measured.Metrics.Where(m => double.IsFinite(m.Value)).ToDictionary();
                if (finite.Count > 0)
                {
                    registry.LogMetrics(runId, finite);
                }
            }

            registry.FinishRun(runId, RunStatus.Failed);
        }
        catch (RegistryException bookkeeping)
        {
            // The stage's error is what the user must see; the run, left running, is presumed killed once this process ends.
            context.Reporter.Info($"Could not record run {runId} as failed: {bookkeeping.Message}");
        }
    }
}
