using System.Diagnostics;
using System.Globalization;
using Kiln.Inference;
using Kiln.Pipeline.Caching;
using Kiln.Pipeline.IO;
using Kiln.Pipeline.Onnx;
using Kiln.Pipeline.Schema;
using Kiln.Pipeline.Stages;

namespace Kiln.Pipeline.Predictions;

/// <summary>Scores a CSV with model.onnx into data/04-predictions/&lt;stem&gt;.predictions.csv, quarantining invalid rows next to it.</summary>
/// <param name="context">The pipeline context.</param>
/// <param name="inputCsv">The CSV to score (absolute or relative to the root); null scores the raw dataset.</param>
public sealed class PredictStage(PipelineContext context, string? inputCsv = null) : PipelineStage(context)
{
    private readonly string _input = inputCsv is null ? context.RawDataset : Path.GetFullPath(inputCsv, context.Root);

    /// <inheritdoc />
    public override string Name => "predict:" + Context.Relative(_input);

    /// <summary>The predictions file this stage writes.</summary>
    public string OutputCsv => Path.Combine(Context.PredictionsDirectory, Path.GetFileNameWithoutExtension(_input) + ".predictions.csv");

    /// <summary>The quarantine file for rows that failed validation.</summary>
    public string QuarantineCsv => Path.Combine(Context.PredictionsDirectory, Path.GetFileNameWithoutExtension(_input) + ".quarantine.csv");

    /// <inheritdoc />
    public override StageFingerprint Fingerprint() => new(
        [.. new[] { _input, Context.ModelOnnx, Context.FeaturesJson }.Select(Context.Relative)],
        ParametersStartingWith("validation."),
        [Context.Relative(OutputCsv), Context.Relative(QuarantineCsv)]);

    /// <inheritdoc />
    protected override IEnumerable<PipelineStage> Upstream() => [new Training.TrainStage(Context)];

    /// <inheritdoc />
    protected override string MissingDependencyMessage(string dependency) =>
        dependency == Context.Relative(_input) ? $"{dependency}: file to score not found" : base.MissingDependencyMessage(dependency);

    /// <inheritdoc />
    protected override Task<(IReadOnlyDictionary<string, double> Metrics, string Summary)> ExecuteAsync(CancellationToken cancellationToken)
    {
        var schema = FeatureSchema.Load(Context.FeaturesJson);
        OnnxModel model;
        try
        {
            model = OnnxModel.Load(Context.ModelOnnx);
        }
        catch (ModelLoadException e)
        {
            throw new PipelineException(e.Message, e);
        }

        using var _ = model;
        var name = Context.Relative(_input);
        var counts = new ValidationCounts(schema);
        var clock = Stopwatch.StartNew();
        AtomicFile.WriteText(OutputCsv, output => AtomicFile.WriteText(QuarantineCsv, quarantine =>
        {
            CsvWriter.WriteRow(output, [schema.Id, "probability", "predicted_label"]);
            // The label column is optional here: new data usually has none, and extra columns are simply ignored.
            var rows = ValidatingReader.Read(_input, name, schema, requireLabel: false, null, quarantine, counts);
            foreach (var (row, prediction) in OnnxScoring.Score(model, schema, rows))
            {
                CsvWriter.WriteRow(output, [row.Id, prediction.Probability.ToString("R", CultureInfo.InvariantCulture), prediction.Label ? schema.Positive : schema.Negative]);
                if (counts.Accepted % 8192 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }));
        clock.Stop();

        counts.EnsureRejectedWithin(Context.Config.Validation.MaxRejectedFraction, name, Context.Relative(QuarantineCsv));

        var rowsPerSecond = counts.Accepted / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        var summary = $"{counts.Accepted:N0} rows scored into {Context.Relative(OutputCsv)} ({counts.Rejected:N0} quarantined, {counts.LinesQuarantined:N0} lines) at {rowsPerSecond:N0} rows/s";
        Context.Reporter.Info(summary);
        IReadOnlyDictionary<string, double> metrics = new Dictionary<string, double>
        {
            ["rows_scored"] = counts.Accepted,
            ["rows_rejected"] = counts.Rejected,
            ["rows_per_second"] = rowsPerSecond,
        };
        return Task.FromResult((metrics, summary));
    }
}
