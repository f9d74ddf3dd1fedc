using System.Globalization;
using System.Text;
using Kiln.Pipeline.Evaluation;
using Kiln.Registry.Models;
using Kiln.Registry.Promotion;
using Kiln.Registry.Runs;

namespace Kiln.Registry.Seeding;

/// <summary>
/// Fills a registry the way months of real use would, through the registry API only: Train and Evaluate runs with the
/// config's parameters, metrics computed from synthetic test scores (so metrics and curves agree), dataset lineage,
/// curves and reports stored as run artifacts, registrations with champion/challenger decisions, images and a rollback.
/// </summary>
/// <param name="target">The registry to fill (its store and content store are used with the seeder's own clock).</param>
/// <param name="workDirectory">Where artifact files are written before the registry stores them.</param>
/// <param name="seed">Makes the history reproducible.</param>
public sealed class RegistrySeeder(ModelRegistry target, string workDirectory, int seed = 7)
{
    /// <summary>The model name versions are registered under.</summary>
    public const string ModelName = "churn";

    private static readonly string[] Trainers = ["LightGbm", "LightGbm", "LightGbm", "FastTree", "FastTree", "LbfgsLogisticRegression"];
    private static readonly double[] LearningRates = [0.02, 0.05, 0.1, 0.2];
    private static readonly int[] Leaves = [8, 16, 31, 64];
    private static readonly int[] Iterations = [100, 200, 300, 500];
    private static readonly string RawSha256 = "9f2c4e1b7a0d3c5e8f6a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6";

    private readonly Random _random = new(seed);

    /// <summary>Seeds <paramref name="plan"/>; runs are spaced a few minutes apart from <see cref="SeedPlan.Start"/>.</summary>
    public SeedResult Seed(SeedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Directory.CreateDirectory(workDirectory);
        var clock = new SteppingClock(plan.Start);
        var registry = new ModelRegistry(target.Store, target.Content, clock);
        var trains = new List<string>();
        var evaluations = new List<string>();
        var reported = new List<string>();
        var versions = new List<int>();
        var registerEvery = plan.Versions == 0 ? int.MaxValue : Math.Max(1, plan.Experiments / plan.Versions);
        double? championAuc = null;
        int? championVersion = null;
        var registrationDue = false;

        for (var i = 0; i < plan.Experiments; i++)
        {
            var semver = $"1.{i / 400}.{i / 40 % 10}" + (i % 40 < 30 ? "" : $"-alpha.{i % 40 - 29}");
            var commit = Hex($"{seed}-{i / 8}", 40);
            var environment = i % 7 == 6 ? "prod" : "local";
            var parameters = Parameters(i);
            var quality = Quality(parameters);

            var train = registry.StartRun(new RunStart(RunKind.Train, semver, commit, environment));
            registry.LogParameters(train, parameters);
            var trainFails = i % 37 == 17;
            if (!trainFails)
            {
                registry.LogMetrics(train, new Dictionary<string, double> { ["parity_max_abs_diff"] = 1e-7 * (1 + _random.NextDouble() * 2), ["parity_rows"] = plan.Rows });
            }

            registry.LogDataset(train, Lineage());
            clock.Advance(TimeSpan.FromSeconds(4 + _random.Next(9)));
            registry.FinishRun(train, trainFails ? RunStatus.Failed : RunStatus.Succeeded);
            trains.Add(train);
            clock.Advance(TimeSpan.FromSeconds(20 + _random.Next(40)));
            if (trainFails)
            {
                clock.Advance(TimeSpan.FromMinutes(2));
                continue;
            }

            var evaluate = registry.StartRun(new RunStart(RunKind.Evaluate, semver, commit, environment));
            registry.LogParameters(evaluate, parameters);
            registry.LogDataset(evaluate, Lineage());
            var (labels, probabilities) = Scores(quality, plan.Rows);
            var metrics = Metrics(labels, probabilities);
            registry.LogMetrics(evaluate, metrics);
            var gateFails = metrics["roc_auc"] < 0.8 || metrics["log_loss"] > 0.5;
            var withReport = i >= plan.Experiments - plan.Reported;
            var directory = Path.Combine(workDirectory, evaluate);
            Directory.CreateDirectory(directory);
            var curves = Path.Combine(directory, RunCurves.FileName);
            File.WriteAllText(curves, EvaluationCurves.Of(labels, probabilities).ToJson());
            string? report = null;
            // As the tracked stage does, only an evaluation that passed its gate records its files.
            if (!gateFails)
            {
                registry.LogArtifact(evaluate, curves);
            }

            if (withReport && !gateFails)
            {
                report = WriteReport(directory, labels, probabilities, metrics, parameters);
                foreach (var file in Directory.GetFiles(directory).Where(f => f != curves).Order(StringComparer.Ordinal))
                {
                    registry.LogArtifact(evaluate, file);
                }

                reported.Add(evaluate);
            }

            clock.Advance(TimeSpan.FromSeconds(2 + _random.Next(3)));
            var stillRunning = i == plan.Experiments - 1;
            if (!stillRunning)
            {
                registry.FinishRun(evaluate, gateFails ? RunStatus.Failed : RunStatus.Succeeded);
            }

            evaluations.Add(evaluate);
            clock.Advance(TimeSpan.FromSeconds(30 + _random.Next(60)));

            // A registration falls due every few experiments and waits for the next evaluation that passed its gate.
            registrationDue |= (i + 1) % registerEvery == 0;
            if (registrationDue && versions.Count < plan.Versions && !gateFails && !stillRunning)
            {
                registrationDue = false;
                var auc = metrics["roc_auc"];
                var decision = Decide(auc, championAuc, championVersion);
                var registerRun = registry.StartRun(new RunStart(RunKind.Register, semver, commit, environment));
                var version = registry.Register(new RegistrationRequest(
                    ModelName, ModelFile(directory, i), Signature(), metrics,
                    new ModelCardFacts("Rank customers by churn risk so retention offers reach the likeliest leavers first.", Lineage()),
                    evaluate, """{"tenure_months": 30, "contract": "monthly", "monthly_charges": 33.61}""",
                    report is null ? null : [report], decision)).Version;
                registry.LogParameters(registerRun, parameters);
                registry.LogMetrics(registerRun, version.Metrics);
                clock.Advance(TimeSpan.FromSeconds(1));
                registry.FinishRun(registerRun, RunStatus.Succeeded);
                versions.Add(version.Version);
                if (decision.Outcome == PromotionOutcome.Champion)
                {
                    championAuc = auc;
                    championVersion = version.Version;
                    if (versions.Count % 3 == 1)
                    {
                        registry.RecordImage(ModelName, version.Version, $"kiln-churn:{semver}", "sha256:" + Hex($"image-{version.Version}", 64));
                        registry.RecordImage(ModelName, version.Version, $"127.0.0.1:5000/kiln-churn:{semver}", "sha256:" + Hex($"image-{version.Version}", 64));
                    }
                }

                clock.Advance(TimeSpan.FromMinutes(1));
            }

            clock.Advance(TimeSpan.FromMinutes(1 + _random.Next(4)));
        }

        var rolledBack = RollBack(registry, versions);
        return new SeedResult(ModelName, trains, evaluations, reported, versions, rolledBack);
    }

    // The champion goes back one champion, with a reason, as a person would after a bad release.
    private static int? RollBack(ModelRegistry registry, List<int> versions)
    {
        if (versions.Count < 3)
        {
            return null;
        }

        var champion = registry.Store.Aliases(ModelName).GetValueOrDefault(PromotionPolicy.ChampionAlias);
        var earlier = registry.ListVersions(ModelName).Where(v => v.Version < champion && v.PromotionReason?.Contains("becomes champion", StringComparison.Ordinal) == true)
            .Select(v => (int?)v.Version).FirstOrDefault();
        if (earlier is not { } target)
        {
            return null;
        }

        registry.MoveAlias(new AliasMove(ModelName, PromotionPolicy.ChampionAlias, target, champion,
            $"v{champion} over-predicts churn for customers in their first month; back to v{target} until it is retrained"));
        return target;
    }

    private SortedDictionary<string, string> Parameters(int i)
    {
        var trainer = Trainers[_random.Next(Trainers.Length)];
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["dataset.path"] = "churn.csv",
            ["dataset.oracle"] = "churn.oracle.csv",
            ["dataset.id"] = "customer_id",
            ["dataset.label.column"] = "churned",
            ["dataset.label.positive"] = "yes",
            ["dataset.label.negative"] = "no",
            ["dataset.numeric"] = "senior_citizen,tenure_months,monthly_charges,total_charges,support_calls,days_since_last_login",
            ["dataset.categorical"] = "gender,partner,contract,payment_method,internet_service,paperless_billing,region",
            ["dataset.ignore"] = "",
            ["validation.max_rejected_fraction"] = "0.02",
            ["split.test_fraction"] = "0.2",
            ["split.seed"] = i % 50 == 49 ? "7" : "42",
            ["split.stratify"] = "true",
            ["trainer.name"] = trainer,
            ["trainer.seed"] = (1 + i % 3).ToString(CultureInfo.InvariantCulture),
            ["quality_gate.minimums.roc_auc"] = "0.8",
            ["quality_gate.minimums.pr_auc"] = "0.6",
            ["quality_gate.maximums.log_loss"] = "0.5",
            ["quality_gate.maximums.brier_score"] = "0.15",
            ["registry.model_name"] = ModelName,
            ["registry.path"] = "artifacts/registry/kiln.db",
            ["registry.promotion.metric"] = "roc_auc",
            ["registry.promotion.min_delta"] = "0",
            ["registry.promotion.bootstrap_resamples"] = "1000",
            ["registry.promotion.confidence"] = "0.95",
            ["registry.promotion.require_significance"] = "true",
            ["container.image"] = "kiln-churn",
            ["container.base_image"] = "kiln-base:offline",
            ["deploy.registry"] = "127.0.0.1:5000",
            ["deploy.container_name"] = "kiln-churn",
            ["deploy.port"] = "8080",
        };
        if (trainer == "LbfgsLogisticRegression")
        {
            parameters["trainer.hyperparameters.l2_regularization"] = Number(new[] { 0.01, 0.1, 1.0 }[_random.Next(3)]);
        }
        else
        {
            parameters["trainer.hyperparameters.learning_rate"] = Number(LearningRates[_random.Next(LearningRates.Length)]);
            parameters["trainer.hyperparameters.number_of_leaves"] = Number(Leaves[_random.Next(Leaves.Length)]);
            parameters["trainer.hyperparameters.number_of_iterations"] = Number(Iterations[_random.Next(Iterations.Length)]);
            parameters["trainer.hyperparameters.minimum_example_count_per_leaf"] = Number(new[] { 10, 20, 50 }[_random.Next(3)]);
        }

        return parameters;
    }

    // A plausible ROC AUC for the parameters: boosted trees with moderate settings do best, as on the real data.
    private double Quality(IReadOnlyDictionary<string, string> parameters)
    {
        var auc = parameters["trainer.name"] switch { "LightGbm" => 0.868, "FastTree" => 0.862, _ => 0.846 };
        if (parameters.TryGetValue("trainer.hyperparameters.learning_rate", out var rate))
        {
            auc -= Math.Abs(Math.Log(double.Parse(rate, CultureInfo.InvariantCulture) / 0.05)) * 0.006;
            auc -= double.Parse(parameters["trainer.hyperparameters.number_of_leaves"], CultureInfo.InvariantCulture) > 40 ? 0.01 : 0;
        }

        return Math.Clamp(auc + (_random.NextDouble() - 0.5) * 0.02 - (_random.Next(25) == 0 ? 0.08 : 0), 0.6, 0.95);
    }

    // Binormal scores with the separation that gives the wanted AUC, squashed to probabilities; 27 % positives as in the churn data.
    private (bool[] Labels, float[] Probabilities) Scores(double auc, int rows)
    {
        var separation = Math.Sqrt(2) * InverseNormal(auc);
        var labels = new bool[rows];
        var probabilities = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            labels[r] = _random.NextDouble() < 0.27;
            var score = (labels[r] ? separation / 2 : -separation / 2) + Gaussian() - 1.0;
            probabilities[r] = (float)(1 / (1 + Math.Exp(-score * 1.1)));
        }

        return (labels, probabilities);
    }

    private static SortedDictionary<string, double> Metrics(bool[] labels, float[] probabilities)
    {
        var metrics = BinaryMetrics.Compute(labels, probabilities, [.. probabilities.Select(p => p >= 0.5f)]);
        metrics["rows"] = labels.Length;
        // The generator's true probabilities rank at least as well as any model of them.
        var oracle = Math.Max(0.8759, metrics["roc_auc"] + 0.004);
        metrics["oracle_auc"] = oracle;
        metrics["auc_to_oracle_ratio"] = metrics["roc_auc"] / oracle;
        return metrics;
    }

    private static string WriteReport(string directory, bool[] labels, float[] probabilities, IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, string> parameters)
    {
        EvaluationPlots.Roc(Path.Combine(directory, "roc.png"), labels, probabilities, metrics["roc_auc"]);
        EvaluationPlots.PrecisionRecall(Path.Combine(directory, "pr.png"), labels, probabilities, metrics["pr_auc"]);
        EvaluationPlots.Calibration(Path.Combine(directory, "calibration.png"), labels, probabilities);
        var report = new StringBuilder()
            .Append("# Evaluation report\n\n")
            .Append(CultureInfo.InvariantCulture, $"Model `artifacts/model/model.onnx`, trainer {parameters["trainer.name"]}, scored with ONNX Runtime on `data/03-features/test.csv` ({labels.Length} rows).\n\n")
            .Append("**Quality gate: passed.**\n\n## Metrics\n\n| metric | value |\n|---|---:|\n");
        foreach (var (name, value) in metrics.Where(m => m.Key != "rows"))
        {
            report.Append(CultureInfo.InvariantCulture, $"| {name} | {value:0.0000} |\n");
        }

        report.Append("\n## Plots\n\n![ROC](roc.png)\n\n![Precision–recall](pr.png)\n\n![Calibration](calibration.png)\n");
        var path = Path.Combine(directory, "report.md");
        File.WriteAllText(path, report.ToString());
        return path;
    }

    private string ModelFile(string directory, int i)
    {
        var bytes = new byte[16 * 1024];
        new Random(seed * 100_003 + i).NextBytes(bytes);
        var path = Path.Combine(directory, "model.onnx");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static ModelSignature Signature() => new(
        [
            new TensorSpec("tenure_months", "float32[-1,1]"), new TensorSpec("monthly_charges", "float32[-1,1]"),
            new TensorSpec("contract", "string[-1,1]"), new TensorSpec("payment_method", "string[-1,1]"),
        ],
        [new TensorSpec("PredictedLabel", "bool[-1,1]"), new TensorSpec("Probability", "float32[-1,1]"), new TensorSpec("Score", "float32[-1,1]")]);

    private static DatasetLineage Lineage() => new("data/01-raw/churn.csv", RawSha256, 29_944, 56);

    private static PromotionDecision Decide(double auc, double? championAuc, int? championVersion)
    {
        if (championAuc is not { } champion)
        {
            return new PromotionDecision(PromotionOutcome.Champion,
                string.Create(CultureInfo.InvariantCulture, $"no champion yet; passes every gate (roc_auc {auc:0.0000}) — becomes champion"), "roc_auc", auc);
        }

        var delta = auc - champion;
        var better = delta > 0.002;
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"roc_auc {auc:0.0000} vs champion v{championVersion} {champion:0.0000} (Δ {delta:+0.0000;-0.0000}, 95% CI [{delta - 0.0018:+0.0000;-0.0000}, {delta + 0.0018:+0.0000;-0.0000}]) — {(better ? "significantly better, becomes champion" : "not significantly better, kept as challenger")}");
        return new PromotionDecision(better ? PromotionOutcome.Champion : PromotionOutcome.Challenger, reason, "roc_auc", auc, champion, delta);
    }

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    // Acklam's rational approximation of the standard normal quantile (|error| < 1.2e-9), enough for seeding.
    private static double InverseNormal(double p)
    {
        double[] a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716, 2.506628277459239];
        double[] b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
        double[] c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
        double[] d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
        if (p < 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - 0.02425)
        {
            return -InverseNormal(1 - p);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Hex(string text, int length) =>
        Kiln.Hashing.FileHash.Sha256(Encoding.UTF8.GetBytes(text))[..Math.Min(length, 64)];
}
