using System.Text.Json;
using Kiln.Inference;
using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.IO;
using Kiln.Pipeline.Predictions;

namespace Kiln.Pipeline.Tests;

public sealed class ModelStagesTests(TrainedChurnFixture fixture) : IClassFixture<TrainedChurnFixture>
{
    private string At(string relative) => fixture.Workspace.At(relative);

    private static List<string[]> Rows(string path)
    {
        using var reader = CsvReader.Open(path);
        return [.. reader.Records().Skip(1).Select(r => r.Fields)];
    }

    [Fact]
    public void OnnxInputsAreExactlyTheFeatureColumnsWithoutLabelOrId()
    {
        using var model = OnnxModel.Load(At("artifacts/model/model.onnx"));

        string[] features =
        [
            "senior_citizen", "tenure_months", "monthly_charges", "total_charges", "support_calls", "days_since_last_login",
            "gender", "partner", "contract", "payment_method", "internet_service", "paperless_billing", "region",
        ];
        Assert.Equal(features.Order(StringComparer.Ordinal), model.Inputs.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(model.Inputs, i => i.Name is "churned" or "customer_id");
        Assert.Equal(FeatureKind.Categorical, model.Inputs.Single(i => i.Name == "contract").Kind);
        Assert.Equal(FeatureKind.Numeric, model.Inputs.Single(i => i.Name == "tenure_months").Kind);
        Assert.StartsWith(ModelOutputs.Probability, model.OutputNames.Probability, StringComparison.Ordinal);
        Assert.Contains("\"churned\"", File.ReadAllText(At("data/03-features/features.json")), StringComparison.Ordinal);
        Assert.DoesNotContain("churned", File.ReadAllText(At("artifacts/model/signature.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void OnnxRuntimeReproducesMlNetProbabilitiesOnTheTestSplit()
    {
        using var parity = JsonDocument.Parse(File.ReadAllText(At("artifacts/model/parity.json")));

        var maxDifference = parity.RootElement.GetProperty("max_absolute_difference").GetDouble();
        Assert.InRange(maxDifference, 0, 1e-5);
        Assert.Equal(Rows(At("data/03-features/test.csv")).Count, parity.RootElement.GetProperty("rows").GetInt32());
    }

    [Fact]
    public void EvaluateWritesMetricsPlotsReportAndPerRowPredictions()
    {
        var metrics = fixture.Evaluate.Metrics;

        Assert.InRange(metrics[MetricNames.RocAuc], 0.75, 1);
        Assert.InRange(metrics["oracle_auc"], 0.75, 1);
        Assert.InRange(metrics[MetricNames.LogLoss], 0.05, 0.6);
        Assert.All(MetricNames.All, name => Assert.True(metrics.ContainsKey(name), name));
        foreach (var png in new[] { "roc", "pr", "calibration" })
        {
            var bytes = File.ReadAllBytes(At($"artifacts/evaluation/{png}.png"));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }

        var report = File.ReadAllText(At("artifacts/evaluation/report.md"));
        Assert.Contains("Quality gate: passed", report, StringComparison.Ordinal);
        Assert.Contains("| tenure_months |", report, StringComparison.Ordinal);
        var json = File.ReadAllText(At("artifacts/evaluation/metrics.json"));
        Assert.Contains("\"true_positives\"", json, StringComparison.Ordinal);
        Assert.Contains("\"permutation_importance_auc_drop\"", json, StringComparison.Ordinal);

        var predictions = Rows(At("artifacts/evaluation/test-predictions.csv"));
        var test = Rows(At("data/03-features/test.csv"));
        Assert.Equal(test.Select(r => r[0]), predictions.Select(p => p[0]));
        Assert.Equal(test.Select(r => r[^1] == "yes" ? "1" : "0"), predictions.Select(p => p[1]));
    }

    [Fact]
    public void PermutationImportanceRanksAStrongDriverAboveAPureNoiseColumn()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(At("artifacts/evaluation/metrics.json")));
        var importance = json.RootElement.GetProperty("permutation_importance_auc_drop");

        Assert.True(importance.GetProperty("contract").GetDouble() > importance.GetProperty("gender").GetDouble() + 0.01);
    }

    [Fact]
    public async Task QualityGateFailureListsEveryMissedGateAndLeavesTheStageStale()
    {
        var strict = fixture.Workspace.Context(TestWorkspace.ChurnYaml(gate: "{ minimums: { roc_auc: 0.999, recall: 0.3 }, maximums: { log_loss: 0.01 } }"));
        var stage = new EvaluateStage(strict);

        var error = await Assert.ThrowsAsync<QualityGateException>(() => stage.RunAsync(TestContext.Current.CancellationToken));

        Assert.Equal(2, error.Failures.Count);
        Assert.Matches(@"^roc_auc 0\.\d+ < 0\.999$", error.Failures[0]);
        Assert.Matches(@"^log_loss 0\.\d+ > 0\.01$", error.Failures[1]);
        Assert.StartsWith("quality gate failed: roc_auc", error.Message, StringComparison.Ordinal);
        Assert.False(stage.Check().IsUpToDate);

        // Put the shared workspace back the way the other tests expect it.
        await new EvaluateStage(fixture.Context).RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ATestSplitWithOneClassIsRefusedWithTheMissingClassNamed()
    {
        var test = At("data/03-features/test.csv");
        var original = File.ReadAllBytes(test);
        try
        {
            var lines = File.ReadAllLines(test);
            File.WriteAllLines(test, [lines[0], .. lines.Skip(1).Where(l => l.EndsWith(",no", StringComparison.Ordinal))]);

            var error = await Assert.ThrowsAsync<PipelineException>(() => new EvaluateStage(fixture.Context).RunAsync(TestContext.Current.CancellationToken));

            Assert.Matches(@"^data/03-features/test\.csv: all \d+ test rows have label 'no'; ROC AUC and PR AUC need both 'yes' and 'no' rows", error.Message);
        }
        finally
        {
            File.WriteAllBytes(test, original);

            // Put the shared workspace back the way the other tests expect it.
            await new EvaluateStage(fixture.Context).RunAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task PredictScoresACsvWithoutLabelAndQuarantinesBadRowsNextToIt()
    {
        var header = "customer_id,gender,senior_citizen,partner,tenure_months,contract,payment_method,internet_service,paperless_billing,monthly_charges,total_charges,support_calls,days_since_last_login,region";
        var input = At("incoming/new-customers.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(input)!);
        File.WriteAllText(input, header + "\n"
            + "N1,F,0,yes,2,monthly,e-check,fiber,yes,99.5,199,4,30,\"Cork, IE\"\n"
            + "N2,M,0,no,70,biennial,card,none,no,20.1,1400,0,1,\"Lyon, FR\"\n"
            + "N3,M,0,no,seventy,biennial,card,none,no,20.1,1400,0,1,\"Lyon, FR\"\n"
            + "N4,F,1,no,10,annual,bank,dsl,no,,,,,Atlantis\n");
        var context = fixture.Workspace.Context(TestWorkspace.ChurnYaml().Replace("0.02", "0.5", StringComparison.Ordinal));
        var stage = new PredictStage(context, "incoming/new-customers.csv");

        var result = await stage.RunAsync(TestContext.Current.CancellationToken);

        var predictions = Rows(At("data/04-predictions/new-customers.predictions.csv"));
        Assert.Equal(["N1", "N2", "N4"], predictions.Select(p => p[0]));
        Assert.True(float.Parse(predictions[0][1], System.Globalization.CultureInfo.InvariantCulture) > float.Parse(predictions[1][1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(predictions, p => Assert.Contains(p[2], new[] { "yes", "no" }));
        var quarantine = Rows(At("data/04-predictions/new-customers.quarantine.csv"));
        Assert.Equal("4", Assert.Single(quarantine)[0]);
        Assert.Contains("'seventy' is not a number", quarantine[0][1], StringComparison.Ordinal);
        Assert.True(result.Metrics["rows_per_second"] > 0);
        // Predict itself is current, but the looser validation limit makes Features (and so Train) stale.
        Assert.Equal(
            "upstream stage train is stale (upstream stage features is stale (params changed: validation.max_rejected_fraction 0.02 -> 0.5))",
            stage.Check().Reason);
    }

    [Fact]
    public async Task PredictScoresTheRawDatasetByDefaultWithTheSameQuarantineAsFeatures()
    {
        var stage = new PredictStage(fixture.Context);

        var result = await stage.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(At("data/04-predictions/churn.predictions.csv"), stage.OutputCsv);
        Assert.Equal(fixture.Features.Metrics["rows_accepted"], result.Metrics["rows_scored"]);
        Assert.Equal(fixture.Features.Metrics["rows_rejected"], result.Metrics["rows_rejected"]);
        Assert.Equal(Rows(At("data/02-preprocessed/quarantine.csv")).Select(r => r[0]), Rows(At("data/04-predictions/churn.quarantine.csv")).Select(r => r[0]));
    }
}
