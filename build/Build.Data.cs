using Kiln.Pipeline;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Predictions;
using Kiln.Pipeline.Stages;
using Kiln.Targets;

/// <summary>Data: configuration, validated features and batch predictions.</summary>
partial class Build
{
    [Parameter("Configuration environment: reads config/<env>.yaml (local or prod)")]
    readonly string Env = "local";

    [Parameter("CSV file to score with Predict (default: the configured raw dataset)")]
    readonly AbsolutePath? Input;

    KilnConfig? _config;
    PipelineContext? _pipeline;
    readonly ConsoleStageReporter _reporter = new();

    AbsolutePath ConfigFile => RootDirectory / "config" / $"{Env}.yaml";

    KilnConfig Config => _config ??= KilnConfig.Load(ConfigFile);

    PipelineContext Pipeline => _pipeline ??= new PipelineContext(RootDirectory, Config, _reporter);

    Target Features => _ => _
        .Description("Validate the raw data, quarantine bad rows, and write the train/test features")
        .Cached(() => Status(new FeaturesStage(Pipeline)))
        .Executes(async cancellationToken => await RunStage(new FeaturesStage(Pipeline), cancellationToken));

    Target Predict => _ => _
        .Description("Score a CSV (--input, default the raw dataset) with model.onnx into data/04-predictions")
        .DependsOn(Train)
        .Cached(() => Status(new PredictStage(Pipeline, Input?.Value)))
        .Executes(async cancellationToken => await RunStage(new PredictStage(Pipeline, Input?.Value), cancellationToken));

    static CacheStatus Status(IStage stage)
    {
        var status = stage.Check();
        return new CacheStatus(status.IsUpToDate, status.Reason);
    }

    // Stages report their own summary line through the reporter.
    async Task RunStage(IStage stage, CancellationToken cancellationToken)
    {
        try
        {
            await stage.RunAsync(cancellationToken);
        }
        finally
        {
            _reporter.Dispose();
        }
    }
}
