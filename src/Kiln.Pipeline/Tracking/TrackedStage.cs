using Kiln.Pipeline.Stages;
using Kiln.Registry;
using Kiln.Registry.Runs;

namespace Kiln.Pipeline.Tracking;

/// <summary>Runs a stage as a tracked run: parameters, metrics, dataset lineage and artifacts go to the registry.</summary>
/// <param name="context">The pipeline the stage belongs to.</param>
/// <param name="registry">Where runs are recorded.</param>
public sealed class TrackedStage(PipelineContext context, ModelRegistry registry)
{
    /// <summary>Runs the stage and records it; a failed or cancelled stage is recorded as failed and rethrown.</summary>
    /// <param name="stage">The stage to run.</param>
    /// <param name="start">The run's kind, version, commit and environment.</param>
    /// <param name="cancellationToken">Stops the stage.</param>
    public async Task<(StageResult Result, string RunId)> RunAsync(IStage stage, RunStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
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
        catch
        {
            // A missed quality gate still measured the model: keep its metrics on the failed run for comparison.
            if (stage is Evaluation.EvaluateStage { Metrics.Count: > 0 } evaluate)
            {
                registry.LogMetrics(runId, evaluate.Metrics);
            }

            registry.FinishRun(runId, RunStatus.Failed);
            throw;
        }
    }
}
