using System.Globalization;
using System.Text.Json;
using Kiln.Inference;
using Kiln.Pipeline.Caching;
using Kiln.Pipeline.IO;
using Kiln.Pipeline.Onnx;
using Kiln.Pipeline.Schema;
using Kiln.Pipeline.Stages;
using Kiln.Statistics.Reference;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Kiln.Pipeline.Training;

/// <summary>Trains the configured ML.NET model, exports it to ONNX and checks that ONNX Runtime reproduces its probabilities.</summary>
/// <param name="context">The pipeline context.</param>
public sealed class TrainStage(PipelineContext context) : PipelineStage(context)
{
    /// <summary>The largest probability difference between ML.NET and ONNX Runtime that passes the parity check.</summary>
    public const double ParityTolerance = 1e-5;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <inheritdoc />
    public override string Name => "train";

    /// <inheritdoc />
    public override StageFingerprint Fingerprint() => new(
        [.. new[] { Context.TrainCsv, Context.TestCsv, Context.FeaturesJson }.Select(Context.Relative)],
        ParametersStartingWith("trainer."),
        [.. new[] { Context.ModelZip, Context.ModelOnnx, Context.SignatureJson, Context.ParityJson }.Select(Context.Relative)]);

    /// <inheritdoc />
    protected override IEnumerable<PipelineStage> Upstream() => [new Features.FeaturesStage(Context)];

    /// <inheritdoc />
    protected override Task<(IReadOnlyDictionary<string, double> Metrics, string Summary)> ExecuteAsync(CancellationToken cancellationToken)
    {
        var schema = FeatureSchema.Load(Context.FeaturesJson);
        var trainer = Context.Config.Trainer;
        var progress = Context.Reporter.Progress($"training {trainer.Name}");
        var ml = new MLContext(trainer.Seed);
        var builder = new ModelBuilder(ml, schema, trainer);

        // Cached in memory: the imputer, the one-hot encoder and the trainer each pass over the data.
        var train = ml.Data.Cache(builder.WithBooleanLabel(builder.FullLoader().Load(Context.TrainCsv)));
        progress.Report(0.05);
        var model = builder.Pipeline().Fit(train);
        progress.Report(0.7);
        cancellationToken.ThrowIfCancellationRequested();

        // The model's input schema comes from a loader without the label, so neither model.zip nor model.onnx asks for one.
        var featureLoader = builder.FeatureLoader();
        var featureView = featureLoader.Load(Context.TrainCsv);
        AtomicFile.Write(Context.ModelZip, stream => ml.Model.Save(model, featureLoader.GetOutputSchema(), stream));
        AtomicFile.Write(Context.ModelOnnx, stream =>
        {
            using var onnxBytes = new MemoryStream();
            ml.Model.ConvertToOnnx(model, featureView, onnxBytes, [.. ModelOutputs.All]);
            // The service measures drift against these bins; inside the model, they travel with it through the registry and the image.
            stream.Write(OnnxMetadata.Append(onnxBytes.GetBuffer().AsSpan(0, (int)onnxBytes.Length), ReferenceStatistics.MetadataKey, BuildReference(schema).ToJson()));
        });
        progress.Report(0.8);
        cancellationToken.ThrowIfCancellationRequested();

        using var onnx = OnnxModel.Load(Context.ModelOnnx);
        OnnxScoring.EnsureMatches(onnx, schema);
        WriteSignature(onnx);
        var parity = CheckParity(builder, model, onnx, schema);
        AtomicFile.WriteAllText(Context.ParityJson, JsonSerializer.Serialize(parity, Json) + "\n");
        progress.Report(1);
        IReadOnlyDictionary<string, double> metrics = new Dictionary<string, double>
        {
            ["parity_max_abs_diff"] = parity.MaxAbsoluteDifference,
            ["parity_rows"] = parity.Rows,
        };
        if (parity.MaxAbsoluteDifference > ParityTolerance)
        {
            throw new ParityException(
                $"ONNX parity check failed: max |Δ probability| {parity.MaxAbsoluteDifference:E2} > {ParityTolerance:E0} on row '{parity.WorstId}' (ML.NET {parity.MlNetProbability:R}, ONNX Runtime {parity.OnnxProbability:R}); see {Context.Relative(Context.ParityJson)}",
                metrics);
        }

        Context.Reporter.Info($"{trainer.Name}: model.onnx sha256 {onnx.Sha256[..12]}, parity max |Δ| {parity.MaxAbsoluteDifference:E2} over {parity.Rows:N0} test rows");
        return Task.FromResult((metrics, $"{trainer.Name} trained; ONNX parity max |Δ| {parity.MaxAbsoluteDifference.ToString("E2", CultureInfo.InvariantCulture)} on {parity.Rows:N0} rows"));
    }

    /// <summary>The training split's distribution over the profile's bins: deciles of each numeric feature, the most frequent categories of each categorical one.</summary>
    private ReferenceStatistics BuildReference(FeatureSchema schema)
    {
        var builder = new ReferenceStatisticsBuilder(schema.Numeric, schema.Categorical);
        foreach (var row in ReadTrainSplit(schema))
        {
            builder.Sample(row.Numeric, row.Categorical);
        }

        foreach (var row in ReadTrainSplit(schema))
        {
            builder.Count(row.Numeric, row.Categorical);
        }

        return builder.Build([.. schema.Features.Select(f => f.Name)]);
    }

    private IEnumerable<ValidatedRow> ReadTrainSplit(FeatureSchema schema) =>
        ValidatingReader.Read(Context.TrainCsv, Context.Relative(Context.TrainCsv), schema, requireLabel: true,
            allowedExtraColumns: null, quarantine: null, new ValidationCounts(schema));

    private ParityReport CheckParity(ModelBuilder builder, ITransformer model, OnnxModel onnx, FeatureSchema schema)
    {
        var scored = model.Transform(builder.FullLoader().Load(Context.TestCsv));
        var ids = scored.GetColumn<ReadOnlyMemory<char>>(ModelBuilder.IdColumn).Select(id => id.ToString()).ToArray();
        var expected = scored.GetColumn<float>(ModelOutputs.Probability).ToArray();

        var rows = ValidatingReader.ReadTestSplit(Context, schema);
        var actual = OnnxScoring.Score(onnx, schema, rows).Select(s => s.Prediction.Probability).ToArray();
        if (actual.Length != expected.Length)
        {
            throw new ParityException($"ONNX parity check failed: ML.NET scored {expected.Length} rows of {Context.Relative(Context.TestCsv)} but ONNX Runtime {actual.Length}");
        }

        var worst = 0;
        var max = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var difference = Math.Abs((double)expected[i] - actual[i]);
            // NaN on either side is a failure, never a pass.
            if (double.IsNaN(difference) || difference > max)
            {
                max = double.IsNaN(difference) ? double.PositiveInfinity : difference;
                worst = i;
            }
        }

        return expected.Length == 0
            ? new ParityReport(0, 0, ParityTolerance, "", 0, 0)
            : new ParityReport(expected.Length, max, ParityTolerance, ids[worst], expected[worst], actual[worst]);
    }

    private void WriteSignature(OnnxModel onnx)
    {
        var signature = new
        {
            model_sha256 = onnx.Sha256,
            inputs = onnx.Inputs.Select(i => new { name = i.Name, type = i.Kind == FeatureKind.Numeric ? "float32" : "string", shape = new[] { -1, 1 } }),
            outputs = new[]
            {
                new { name = onnx.OutputNames.Label, type = "bool", shape = new[] { -1, 1 } },
                new { name = onnx.OutputNames.Probability, type = "float32", shape = new[] { -1, 1 } },
                new { name = onnx.OutputNames.Score, type = "float32", shape = new[] { -1, 1 } },
            },
        };
        AtomicFile.WriteAllText(Context.SignatureJson, JsonSerializer.Serialize(signature, Json) + "\n");
    }
}
