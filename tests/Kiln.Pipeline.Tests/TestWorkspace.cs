using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Data;

namespace Kiln.Pipeline.Tests;

/// <summary>A throwaway repository root with data/01-raw and a config, deleted on dispose.</summary>
public sealed class TestWorkspace : IDisposable
{
    public TestWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "kiln-pipeline-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(RawDirectory);
    }

    public string Root { get; }

    public string RawDirectory => Path.Combine(Root, "data", "01-raw");

    /// <summary>A small churn dataset from the shipped generator (same columns as the example).</summary>
    public static TestWorkspace WithChurn(int rows = 3000, double malformedFraction = 0.002, int seed = 7)
    {
        var workspace = new TestWorkspace();
        new ChurnDatasetGenerator(seed, rows, malformedFraction).WriteTo(workspace.RawDirectory);
        return workspace;
    }

    public static string ChurnYaml(string trainer = "name: LightGbm\n  seed: 1\n  hyperparameters: { number_of_iterations: 60, learning_rate: 0.1 }", string gate = "{ minimums: { roc_auc: 0.6 } }") => $$"""
        dataset:
          path: churn.csv
          oracle: churn.oracle.csv
          id: customer_id
          label: { column: churned, positive: "yes", negative: "no" }
          numeric: [senior_citizen, tenure_months, monthly_charges, total_charges, support_calls, days_since_last_login]
          categorical: [gender, partner, contract, payment_method, internet_service, paperless_billing, region]
        validation: { max_rejected_fraction: 0.02 }
        split: { test_fraction: 0.2, seed: 42, stratify: true }
        trainer:
          {{trainer}}
        quality_gate: {{gate}}
        """;

    public PipelineContext Context(string yaml) => new(Root, KilnConfig.Parse(yaml, "config/test.yaml"));

    public string At(string relative) => Path.Combine(Root, relative);

    public void WriteRaw(string name, string content) => File.WriteAllText(Path.Combine(RawDirectory, name), content);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a test over cleanup.
        }
    }
}
