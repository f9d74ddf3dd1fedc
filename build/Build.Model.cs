using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Stages;
using Kiln.Pipeline.Tracking;
using Kiln.Pipeline.Training;
using Kiln.Registry.Runs;
using Kiln.Targets;

/// <summary>Model: training with ONNX export and parity check, evaluation with the quality gate; both tracked as runs.</summary>
partial class Build
{
    Target Train => _ => _
        .Description("Fit the configured ML.NET pipeline, export model.onnx and check ONNX parity")
        .DependsOn(Features)
        .Cached(() => Status(new TrainStage(Pipeline)))
        .Executes(async cancellationToken => await RunTracked(new TrainStage(Pipeline), RunKind.Train, cancellationToken));

    Target Evaluate => _ => _
        .Description("Score the held-out split, write the report and enforce the quality gate")
        .DependsOn(Train)
        .Cached(() => Status(new EvaluateStage(Pipeline)))
        .Executes(async cancellationToken =>
        {
            await RunTracked(new EvaluateStage(Pipeline), RunKind.Evaluate, cancellationToken);
            Log.Information($"Report: {Pipeline.ReportMarkdown}");
        });

    async Task<string> RunTracked(IStage stage, RunKind kind, CancellationToken cancellationToken)
    {
        var start = await RunStartOf(kind, cancellationToken);
        try
        {
            var (_, runId) = await new TrackedStage(Pipeline, Registry).RunAsync(stage, start, cancellationToken);
            Log.Information($"Tracked as run {runId}");
            return runId;
        }
        finally
        {
            _reporter.Dispose();
        }
    }
}
