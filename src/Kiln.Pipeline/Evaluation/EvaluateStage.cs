using Kiln.Inference;
using Kiln.Pipeline.Caching;
using Kiln.Pipeline.Onnx;
using Kiln.Pipeline.Schema;
using Kiln.Pipeline.Stages;

namespace Kiln.Pipeline.Evaluation;

/// <summary>Scores the held-out split with model.onnx, writes metrics, plots and the report, and enforces the quality gate.</summary>
/// <param name="context">The pipeline context.</param>
public sealed class EvaluateStage(PipelineContext context) : PipelineStage(context)
{
    /// <inheritdoc />
    public override string Name => "evaluate";

    /// <inheritdoc />
    public override StageFingerprint Fingerprint()
    {
        var dependencies = new List<string> { Context.Relative(Context.ModelOnnx), Context.Relative(Context.TestCsv), Context.Relative(Context.FeaturesJson) };
        if (Context.OracleFile is { } oracle && File.Exists(oracle))
        {
            dependencies.Add(Context.Relative(oracle));
        }

        return new StageFingerprint(
            dependencies,
            ParametersStartingWith("quality_gate.", "trainer.seed", "dataset.oracle"),
            [.. new[] { Context.MetricsJson, Context.ReportMarkdown, Png("roc"), Png("pr"), Png("calibration"), Context.TestPredictionsCsv, Context.CurvesJson }.Select(Context.Relative)]);
    }

    /// <inheritdoc />
    protected override IEnumerable<PipelineStage> Upstream() => [new Training.TrainStage(Context)];

    /// <inheritdoc />
    protected override Task<(IReadOnlyDictionary<string, double> Metrics, string Summary)> ExecuteAsync(CancellationToken cancellationToken)
    {
        var schema = FeatureSchema.Load(Context.FeaturesJson);
        if (!File.Exists(Context.ModelOnnx))
        {
            throw new PipelineException($"{Context.Relative(Context.ModelOnnx)} not found; run Train first");
        }

        using var model = LoadModel();
        var rows = ValidatingReader.ReadTestSplit(Context, schema).ToList();
        var scored = OnnxScoring.Score(model, schema, rows).ToList();
        var labels = scored.Select(s => s.Row.Label!.Value).ToArray();
        RequireBothClasses(schema, labels);
        var probabilities = scored.Select(s => s.Prediction.Probability).ToArray();
        var predicted = scored.Select(s => s.Prediction.Label).ToArray();

        var metrics = new SortedDictionary<string, double>(BinaryMetrics.Compute(labels, probabilities, predicted), StringComparer.Ordinal) { ["rows"] = rows.Count };
        var auc = metrics[MetricNames.RocAuc];
        if (OracleComparison.Auc(Context.OracleFile, rows, labels) is { } oracleAuc)
        {
            metrics["oracle_auc"] = oracleAuc;
            metrics["auc_to_oracle_ratio"] = auc / oracleAuc;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var importance = PermutationImportance.AucDrops(model, schema, rows, labels, auc, Context.Config.Trainer.Seed, Context.Reporter.Progress("permutation importance"));
        var gate = new QualityGate(Context.Config.QualityGate).Evaluate(metrics, "the evaluation");
        var summary = new EvaluationSummary(
            Context.Relative(model.Path), model.Sha256, Context.Config.Trainer.Name, Context.Relative(Context.TestCsv),
            metrics, BinaryMetrics.Confusion(labels, predicted), importance, gate);

        TestPredictions.Write(Context.TestPredictionsCsv, scored);
        EvaluationPlots.Roc(Png("roc"), labels, probabilities, auc);
        EvaluationPlots.PrecisionRecall(Png("pr"), labels, probabilities, metrics[MetricNames.PrAuc]);
        EvaluationPlots.Calibration(Png("calibration"), labels, probabilities);
        EvaluationCurves.Write(Context.CurvesJson, labels, probabilities);
        MetricsDocument.Write(Context.MetricsJson, summary);
        EvaluationReport.Write(Context.ReportMarkdown, summary);

        if (!gate.Passed)
        {
            throw new QualityGateException(gate, metrics);
        }

        var line = $"roc_auc {auc:F4}"
            + (metrics.TryGetValue("oracle_auc", out var oracle) ? $" (oracle {oracle:F4}, ratio {metrics["auc_to_oracle_ratio"]:F4})" : "")
            + $", log_loss {metrics[MetricNames.LogLoss]:F4}; quality gate passed";
        Context.Reporter.Info(line);
        return Task.FromResult<(IReadOnlyDictionary<string, double>, string)>((metrics, line));
    }

    private string Png(string name) => Path.Combine(Context.EvaluationDirectory, name + ".png");

    // ROC AUC and PR AUC are undefined on one class; say which split lacks what instead of gating on NaN.
    private void RequireBothClasses(FeatureSchema schema, bool[] labels)
    {
        var positives = labels.Count(l => l);
        if (positives == 0 || positives == labels.Length)
        {
            throw new PipelineException(
                $"{Context.Relative(Context.TestCsv)}: all {labels.Length} test rows have label '{(positives == 0 ? schema.Negative : schema.Positive)}'; "
                + $"ROC AUC and PR AUC need both '{schema.Positive}' and '{schema.Negative}' rows (use split.stratify: true or a larger split.test_fraction)");
        }
    }

    private OnnxModel LoadModel()
    {
        try
        {
            return OnnxModel.Load(Context.ModelOnnx);
        }
        catch (ModelLoadException e)
        {
            throw new PipelineException(e.Message);
        }
    }
}
