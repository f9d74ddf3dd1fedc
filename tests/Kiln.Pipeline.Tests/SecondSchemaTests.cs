using System.Globalization;
using System.Text;
using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Training;

namespace Kiln.Pipeline.Tests;

public sealed class SecondSchemaTests
{
    /// <summary>A loan-default CSV with a different schema from churn: other columns, label values and a blank-heavy column.</summary>
    private static string LoanCsv(int rows)
    {
        var random = new Random(11);
        var text = new StringBuilder("application,annual_income,loan_amount,credit_score,term,purpose,employment_years,home,defaulted\n");
        string[] purposes = ["car", "home improvement", "debt consolidation", "business, small", "medical"];
        for (var i = 0; i < rows; i++)
        {
            var income = 20_000 + random.NextDouble() * 130_000;
            var amount = 1_000 + random.NextDouble() * 40_000;
            var score = 500 + random.Next(350);
            var longTerm = random.NextDouble() < 0.4;
            var purpose = purposes[random.Next(purposes.Length)];
            var years = random.Next(30);
            var rents = random.NextDouble() < 0.5;
            var z = -1.2 + 2.5 * (amount / income) - 0.012 * (score - 650) + (longTerm ? 0.6 : 0) + (purpose == "business, small" ? 0.7 : 0) - 0.03 * years + (rents ? 0.3 : 0);
            var defaulted = random.NextDouble() < 1 / (1 + Math.Exp(-z));
            text.Append(CultureInfo.InvariantCulture, $"A{i},{income:F0},{amount:F0},{score},{(longTerm ? "60m" : "36m")},\"{purpose}\",{(random.NextDouble() < 0.1 ? "" : years.ToString(CultureInfo.InvariantCulture))},{(rents ? "rent" : "own")},{(defaulted ? "Y" : "N")}\n");
        }

        return text.ToString();
    }

    [Theory]
    [InlineData("LbfgsLogisticRegression")]
    [InlineData("SdcaLogisticRegression")]
    [InlineData("FastTree")]
    public async Task TrainsAndEvaluatesAnotherSchemaWithOnlyAConfigChange(string trainer)
    {
        using var workspace = new TestWorkspace();
        workspace.WriteRaw("loans.csv", LoanCsv(2000));
        var context = workspace.Context($$"""
            dataset:
              path: loans.csv
              id: application
              label: { column: defaulted, positive: "Y", negative: "N" }
              numeric: [annual_income, loan_amount, credit_score, employment_years]
              categorical: [term, purpose]
              ignore: [home]
            split: { test_fraction: 0.25, seed: 9 }
            trainer: { name: {{trainer}}, seed: 3 }
            quality_gate: { minimums: { roc_auc: 0.7 } }
            """);

        await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);
        var train = await new TrainStage(context).RunAsync(TestContext.Current.CancellationToken);
        var evaluate = await new EvaluateStage(context).RunAsync(TestContext.Current.CancellationToken);

        Assert.InRange(train.Metrics["parity_max_abs_diff"], 0, 1e-5);
        Assert.InRange(evaluate.Metrics[MetricNames.RocAuc], 0.7, 1);
        Assert.Equal(500, evaluate.Metrics["rows"]);
        Assert.False(evaluate.Metrics.ContainsKey("oracle_auc"));
    }
}
