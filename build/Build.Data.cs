using Kiln.Pipeline.Features;
using Kiln.Pipeline.Predictions;
using Kiln.Targets;

/// <summary>Data: validated features and batch predictions.</summary>
partial class Build
{
    [Parameter("CSV file to score with Predict (default: the configured raw dataset), or to upload with PushData")]
    readonly AbsolutePath? Input;

    Target Features => _ => _
        .Description("Validate the raw data, quarantine bad rows, and write the train/test features")
        .Cached(() => Status(new FeaturesStage(Pipeline)))
        .Executes(async cancellationToken => await RunStage(new FeaturesStage(Pipeline), cancellationToken));

    Target PushData => _ => _
        .Description("Upload a CSV (--input, default data/01-raw/<file>) to the s3:// dataset.path and pin its sha256 in config/<file>.pointer.json")
        .Before(Features)
        .Executes(async cancellationToken => await Pipeline.RawData.PushAsync(Input?.Value, cancellationToken));

    Target Predict => _ => _
        .Description("Score a CSV (--input, default the raw dataset) with model.onnx into data/04-predictions")
        .DependsOn(Train)
        .Cached(() => Status(new PredictStage(Pipeline, Input?.Value)))
        .Executes(async cancellationToken => await RunStage(new PredictStage(Pipeline, Input?.Value), cancellationToken));
}
