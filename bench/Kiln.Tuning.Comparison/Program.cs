using System.Diagnostics;
using System.Globalization;
using Kiln.Pipeline;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Data;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Tuning;
using Kiln.Registry;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;

// Usage: dotnet run -c Release --project bench/Kiln.Tuning.Comparison -- <repository root> <churn|loans> <trials> <seed,seed,...> [workers]
// Runs one study per seed with TPE + median pruning and one with random search and no pruning, on the same trial budget,
// and prints a Markdown table: best cross-validated ROC AUC, the trial that reached it, pruned trials and wall time.
var (root, dataset, trials) = (Path.GetFullPath(args[0]), args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
var seeds = args[3].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var workers = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1;
var workspace = Path.Combine(Path.GetTempPath(), "kiln-tuning-comparison", dataset);
Directory.CreateDirectory(Path.Combine(workspace, "data", "01-raw"));
string datasetYaml;
if (dataset == "churn")
{
    File.Copy(Path.Combine(root, "data", "01-raw", "churn.csv"), Path.Combine(workspace, "data", "01-raw", "churn.csv"), overwrite: true);
    datasetYaml = string.Join('\n', File.ReadAllLines(Path.Combine(root, "config", "local.yaml")).SkipWhile(l => !l.StartsWith("dataset:", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0).Where(l => !l.TrimStart().StartsWith("oracle:", StringComparison.Ordinal)));
}
else
{
    new LoanDatasetGenerator().WriteTo(Path.Combine(workspace, "data", "01-raw"));
    datasetYaml = LoanDatasetGenerator.DatasetYaml;
}

string Yaml(string sampler, string pruner, int seed) => $$"""
    {{datasetYaml}}
    split: { test_fraction: 0.2, seed: 42 }
    trainer: { name: LightGbm, seed: 1 }
    tuning: { sampler: {{sampler}}, pruner: {{pruner}}, seed: {{seed}}, trials: {{trials}}, timeout_minutes: 10000 }
    """;

await new FeaturesStage(new PipelineContext(workspace, KilnConfig.Parse(Yaml("tpe", "median", 1), "comparison.yaml"))).RunAsync();
Console.WriteLine($"| dataset | seed | search | best cv roc_auc | reached at trial | complete / pruned / failed | wall time | trials per minute |");
Console.WriteLine("|---|---:|---|---:|---:|---|---:|---:|");
foreach (var seed in seeds)
{
    foreach (var (sampler, pruner) in new[] { ("tpe", "median"), ("random", "none") })
    {
        var context = new PipelineContext(workspace, KilnConfig.Parse(Yaml(sampler, pruner, seed), "comparison.yaml"));
        var database = Path.Combine(workspace, $"registry-{sampler}-{seed}-{Guid.NewGuid():N}.db");
        var registry = ModelRegistry.Open(new RegistryOptions(database));
        var clock = Stopwatch.StartNew();
        var result = new StudyRunner(context, registry).Run(new RunStart(RunKind.Tune), new TuneOptions(workers), CancellationToken.None);
        var best = result.Best!;
        var states = result.Trials.GroupBy(t => t.State).ToDictionary(g => g.Key, g => g.Count());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {dataset} | {seed} | {sampler}{(pruner == "none" ? "" : " + " + pruner + " pruning")} | {best.Value:0.0000} | {best.Number} | {states.GetValueOrDefault(TrialState.Complete)} / {states.GetValueOrDefault(TrialState.Pruned)} / {states.GetValueOrDefault(TrialState.Failed)} | {clock.Elapsed.TotalSeconds:0} s | {result.Trials.Count / clock.Elapsed.TotalMinutes:0.0} |"));
    }
}
