using System.Globalization;
using Kiln.Hashing;
using Kiln.Inference;
using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Onnx;
using Kiln.Pipeline.Schema;
using Kiln.Pipeline.Tracking;
using Kiln.Registry.Models;
using Kiln.Registry;
using Kiln.Registry.Promotion;
using Kiln.Registry.Resolution;

namespace Kiln.Pipeline.Registration;

/// <summary>Registers the evaluated model as the next version and decides champion or challenger on the same test rows.</summary>
/// <param name="context">The pipeline whose model, metrics and test split to use.</param>
/// <param name="registry">The model registry.</param>
public sealed class ModelRegistration(PipelineContext context, ModelRegistry registry)
{
    // Reloading through the registry must reproduce the in-process score; ONNX Runtime is deterministic on one machine.
    private const double LoadingTolerance = 1e-6;

    /// <summary>Creates the next version, moves the champion or challenger alias, and loads it back to predict its input example;
    /// when model.onnx is already a version, registers nothing and names that version.</summary>
    /// <param name="sourceRunId">The run that produced the model, when tracked.</param>
    public RegistrationResult Register(string? sourceRunId)
    {
        var config = context.Config;
        var name = config.Registry.ModelName;

        // Before scoring anything: re-registering the champion's own bytes would only compare it with itself.
        if (registry.FindVersionOf(name, context.ModelOnnx) is { } existing)
        {
            return RegistrationResult.AlreadyRegistered(existing);
        }

        var metrics = ReadMetrics();
        var schema = FeatureSchema.Load(context.FeaturesJson);
        var rows = ReadTestRows(schema);
        var labels = rows.Select(r => r.Label!.Value).ToArray();

        double[] candidateScores;
        IReadOnlyList<TensorSpec> inputs;
        using (var candidate = OnnxModel.Load(context.ModelOnnx))
        {
            candidateScores = Score(candidate, schema, rows);
            inputs = [.. candidate.Inputs.Select(i => new TensorSpec(i.Name, i.Kind == FeatureKind.Numeric ? "float32[-1,1]" : "string[-1,1]"))];
        }

        var gates = new QualityGate(config.QualityGate).Evaluate(metrics, context.Relative(context.MetricsJson));
        var promotion = config.Registry.Promotion;
        var policy = new PromotionPolicy(promotion.Metric, promotion.MinDelta,
            promotion.MinRelativeDelta > 0 ? promotion.MinRelativeDelta : null,
            promotion.RequireSignificance, promotion.BootstrapResamples, promotion.Confidence);

        var lineage = DatasetLineageReader.Read(context);
        var card = new ModelCardFacts(
            $"Binary classification of '{schema.Label}' (positive '{schema.Positive}') from {schema.Features.Count} tabular features, scored in batch or by the Kiln inference service.",
            lineage, gates,
            [
                $"Trained on {lineage?.Path ?? "the configured dataset"} only; rows unlike it (new categories, shifted ranges) are scored without warning.",
                "Probabilities are as calibrated as the evaluation report's calibration plot shows; check it before using them as risks.",
            ]);
        var signature = new ModelSignature(inputs,
            [new TensorSpec(ModelOutputs.Label, "bool[-1,1]"), new TensorSpec(ModelOutputs.Probability, "float32[-1,1]"), new TensorSpec(ModelOutputs.Score, "float32[-1,1]")]);
        var attached = new[] { context.ReportMarkdown, context.MetricsJson }.Where(File.Exists).ToList();

        // Decided against the champion of the moment; if another checkout moves @champion before this commits, decided again against the new one.
        PromotionDecision? decision = null;
        var registered = registry.Register(
            new RegistrationRequest(name, context.ModelOnnx, signature, metrics, card, sourceRunId, PredictionSample.ToJson(schema, [rows[0]]), attached),
            champion =>
            {
                var (championScores, championVersion) = ScoreChampion(champion, schema, rows);
                decision = policy.Decide(new PromotionInput(labels, candidateScores, gates, championScores, championVersion));
                return decision;
            });
        if (!registered.Created)
        {
            // Another registration of the same bytes committed first; the registry kept its version and moved no alias.
            return RegistrationResult.AlreadyRegistered(registered.Version);
        }

        var loaded = LoadBack(registered.Version.Reference, schema, rows[0], candidateScores[0]);
        return new RegistrationResult(registered.Version, true, decision!, loaded);
    }

    // The metrics must be those of this very model.onnx, or the version would carry another model's numbers.
    private IReadOnlyDictionary<string, double> ReadMetrics()
    {
        var shownAs = context.Relative(context.MetricsJson);
        var (evaluatedSha256, metrics) = MetricsDocument.Read(context.MetricsJson, shownAs);
        var modelSha256 = FileHash.Sha256(context.ModelOnnx);
        if (!string.Equals(evaluatedSha256, modelSha256, StringComparison.Ordinal))
        {
            throw new PipelineException(
                $"{shownAs} evaluated model sha256 {evaluatedSha256[..Math.Min(12, evaluatedSha256.Length)]} but {context.Relative(context.ModelOnnx)} is {modelSha256[..12]}; rerun Evaluate");
        }

        return metrics;
    }

    private List<ValidatedRow> ReadTestRows(FeatureSchema schema)
    {
        var rows = ValidatingReader.ReadTestSplit(context, schema).ToList();
        return rows.Count > 0 ? rows : throw new PipelineException($"{context.Relative(context.TestCsv)} has no rows; run Features first");
    }

    private (double[]? Scores, int? Version) ScoreChampion(ResolvedModel? champion, FeatureSchema schema, List<ValidatedRow> rows)
    {
        if (champion is null)
        {
            return (null, null);
        }

        using var model = OnnxModel.Load(champion.Verify(), champion.ExpectedSha256);
        var sameInputs = model.Inputs.Select(i => i.Name).Order(StringComparer.Ordinal)
            .SequenceEqual(schema.Features.Select(f => f.Name).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        if (!sameInputs)
        {
            throw new PipelineException(
                $"the champion {champion.Reference} takes different features than this model, so they cannot be compared on the same test rows; register under a new registry.model_name");
        }

        return (Score(model, schema, rows), champion.Version?.Version);
    }

    private float LoadBack(string reference, FeatureSchema schema, ValidatedRow example, double expected)
    {
        var resolved = registry.Resolve(reference);
        using var model = OnnxModel.Load(resolved.Verify(), resolved.ExpectedSha256);
        var probability = OnnxScoring.Score(model, schema, [example]).Single().Prediction.Probability;
        if (Math.Abs(probability - expected) > LoadingTolerance)
        {
            throw new PipelineException(
                $"loading test failed: {reference} predicts {probability.ToString("R", CultureInfo.InvariantCulture)} for its input example (row {example.Id}), the evaluated model {expected.ToString("R", CultureInfo.InvariantCulture)}");
        }

        return probability;
    }

    private static double[] Score(OnnxModel model, FeatureSchema schema, List<ValidatedRow> rows) =>
        [.. OnnxScoring.Score(model, schema, rows).Select(s => (double)s.Prediction.Probability)];
}
