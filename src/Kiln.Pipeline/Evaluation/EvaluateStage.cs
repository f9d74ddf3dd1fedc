using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiln.Inference;
using Kiln.Pipeline.Caching;
using Kiln.Pipeline.IO;
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

    /// <summary>The metrics of the last run (filled before the gate is checked, so they are there even when it fails).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; private set; } = new Dictionary<string, double>();

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
        var probabilities = scored.Select(s => s.Prediction.Probability).ToArray();
        var predicted = scored.Select(s => s.Prediction.Label).ToArray();

        var metrics = BinaryMetrics.Compute(labels, probabilities, predicted);
        var (tp, fp, tn, fn) = BinaryMetrics.Confusion(labels, predicted);
        var all = new SortedDictionary<string, double>(metrics, StringComparer.Ordinal) { ["rows"] = rows.Count };
        if (OracleAuc(rows, labels) is { } oracleAuc)
        {
            all["oracle_auc"] = oracleAuc;
            all["auc_to_oracle_ratio"] = metrics[MetricNames.RocAuc] / oracleAuc;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var importance = PermutationImportance(model, schema, rows, labels, metrics[MetricNames.RocAuc]);
        Metrics = all;

        WritePredictions(scored);
        EvaluationPlots.Roc(Png("roc"), labels, probabilities, metrics[MetricNames.RocAuc]);
        EvaluationPlots.PrecisionRecall(Png("pr"), labels, probabilities, metrics[MetricNames.PrAuc]);
        EvaluationPlots.Calibration(Png("calibration"), labels, probabilities);
        EvaluationCurves.Write(Context.CurvesJson, labels, probabilities);
        var failures = GateFailures(metrics);
        WriteMetricsJson(model, all, (tp, fp, tn, fn), importance, failures);
        WriteReport(model, all, (tp, fp, tn, fn), importance, failures);

        if (failures.Count > 0)
        {
            throw new QualityGateException(failures);
        }

        var summary = $"roc_auc {metrics[MetricNames.RocAuc]:F4}"
            + (all.TryGetValue("oracle_auc", out var oracle) ? $" (oracle {oracle:F4}, ratio {all["auc_to_oracle_ratio"]:F4})" : "")
            + $", log_loss {metrics[MetricNames.LogLoss]:F4}; quality gate passed";
        Context.Reporter.Info(summary);
        return Task.FromResult<(IReadOnlyDictionary<string, double>, string)>((all, summary));
    }

    private string Png(string name) => Path.Combine(Context.EvaluationDirectory, name + ".png");

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

    private double? OracleAuc(List<ValidatedRow> rows, bool[] labels)
    {
        if (Context.OracleFile is not { } path || !File.Exists(path))
        {
            return null;
        }

        var truth = new Dictionary<string, float>(StringComparer.Ordinal);
        using (var reader = CsvReader.Open(path))
        {
            reader.ReadRecord();
            while (reader.ReadRecord() is { Fields: [var id, var probability] })
            {
                if (float.TryParse(probability, NumberStyles.Float, CultureInfo.InvariantCulture, out var p))
                {
                    truth[id] = p;
                }
            }
        }

        var matched = Enumerable.Range(0, rows.Count).Where(i => truth.ContainsKey(rows[i].Id)).ToArray();
        return matched.Length == 0 ? null : BinaryMetrics.RocAuc([.. matched.Select(i => labels[i])], [.. matched.Select(i => truth[rows[i].Id])]);
    }

    private SortedDictionary<string, double> PermutationImportance(OnnxModel model, FeatureSchema schema, List<ValidatedRow> rows, bool[] labels, double baseline)
    {
        var importance = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var progress = Context.Reporter.Progress("permutation importance");
        for (var f = 0; f < schema.Features.Count; f++)
        {
            progress.Report((double)f / schema.Features.Count);
            var feature = schema.Features[f];
            var random = new Random(Context.Config.Trainer.Seed + f);
            var order = Enumerable.Range(0, rows.Count).ToArray();
            random.Shuffle(order);
            var numericIndex = schema.Numeric.ToList().IndexOf(feature.Name);
            var categoricalIndex = schema.Categorical.ToList().IndexOf(feature.Name);
            // Only the one column moves; every other value stays with its row.
            var shuffled = rows.Select((row, i) => feature.Kind == FeatureKind.Numeric
                ? row with { Numeric = Replace(row.Numeric, numericIndex, rows[order[i]].Numeric[numericIndex]) }
                : row with { Categorical = Replace(row.Categorical, categoricalIndex, rows[order[i]].Categorical[categoricalIndex]) });
            var probabilities = OnnxScoring.Score(model, schema, shuffled).Select(s => s.Prediction.Probability).ToArray();
            importance[feature.Name] = baseline - BinaryMetrics.RocAuc(labels, probabilities);
        }

        progress.Report(1);

        return importance;
    }

    private static T[] Replace<T>(T[] values, int index, T value)
    {
        var copy = (T[])values.Clone();
        copy[index] = value;
        return copy;
    }

    private List<string> GateFailures(IReadOnlyDictionary<string, double> metrics)
    {
        var failures = new List<string>();
        foreach (var (metric, minimum) in Context.Config.QualityGate.Minimums)
        {
            if (!(metrics[metric] >= minimum))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{metric} {metrics[metric]:0.####} < {minimum}"));
            }
        }

        foreach (var (metric, maximum) in Context.Config.QualityGate.Maximums)
        {
            if (!(metrics[metric] <= maximum))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{metric} {metrics[metric]:0.####} > {maximum}"));
            }
        }

        return failures;
    }

    private void WritePredictions(List<(ValidatedRow Row, Prediction Prediction)> scored) =>
        AtomicFile.WriteText(Context.TestPredictionsCsv, writer =>
        {
            CsvWriter.WriteRow(writer, ["id", "label", "probability"]);
            foreach (var (row, prediction) in scored)
            {
                CsvWriter.WriteRow(writer, [row.Id, row.Label!.Value ? "1" : "0", prediction.Probability.ToString("R", CultureInfo.InvariantCulture)]);
            }
        });

    private void WriteMetricsJson(OnnxModel model, SortedDictionary<string, double> metrics, (int Tp, int Fp, int Tn, int Fn) confusion, SortedDictionary<string, double> importance, List<string> failures)
    {
        var document = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["model_sha256"] = model.Sha256,
            ["metrics"] = metrics,
            ["confusion_matrix"] = new SortedDictionary<string, int>(StringComparer.Ordinal)
            {
                ["true_positives"] = confusion.Tp,
                ["false_positives"] = confusion.Fp,
                ["true_negatives"] = confusion.Tn,
                ["false_negatives"] = confusion.Fn,
            },
            ["permutation_importance_auc_drop"] = importance,
            ["quality_gate"] = new SortedDictionary<string, object>(StringComparer.Ordinal)
            {
                ["passed"] = failures.Count == 0,
                ["failures"] = failures,
            },
        };
        AtomicFile.WriteAllText(Context.MetricsJson, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private void WriteReport(OnnxModel model, SortedDictionary<string, double> metrics, (int Tp, int Fp, int Tn, int Fn) confusion, SortedDictionary<string, double> importance, List<string> failures)
    {
        var md = new StringBuilder()
            .Append("# Evaluation report\n\n")
            .Append(CultureInfo.InvariantCulture, $"Model `{Context.Relative(model.Path)}` (sha256 `{model.Sha256}`), trainer {Context.Config.Trainer.Name}, scored with ONNX Runtime on `{Context.Relative(Context.TestCsv)}` ({metrics["rows"]:0} rows).\n\n")
            .Append(failures.Count == 0 ? "**Quality gate: passed.**\n\n" : $"**Quality gate: FAILED** — {string.Join("; ", failures)}\n\n")
            .Append("## Metrics\n\n| metric | value |\n|---|---:|\n");
        foreach (var (name, value) in metrics.Where(m => m.Key != "rows"))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {name} | {value:0.0000} |\n");
        }

        md.Append("\n## Confusion matrix (threshold 0.5)\n\n| | predicted positive | predicted negative |\n|---|---:|---:|\n")
            .Append(CultureInfo.InvariantCulture, $"| actual positive | {confusion.Tp} | {confusion.Fn} |\n")
            .Append(CultureInfo.InvariantCulture, $"| actual negative | {confusion.Fp} | {confusion.Tn} |\n\n")
            .Append("## Plots\n\n![ROC](roc.png)\n\n![Precision–recall](pr.png)\n\n![Calibration](calibration.png)\n\n")
            .Append("## Permutation feature importance\n\nROC AUC drop when one column is shuffled across the test rows (seeded).\n\n| feature | AUC drop |\n|---|---:|\n");
        foreach (var (name, drop) in importance.OrderByDescending(i => i.Value))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {name} | {drop:0.0000} |\n");
        }

        AtomicFile.WriteAllText(Context.ReportMarkdown, md.ToString());
    }
}
