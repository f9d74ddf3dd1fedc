using System.Globalization;
using System.Text;
using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Tuning;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;
using Kiln.Registry.Studies;

namespace Kiln.Registry.Seeding;

/// <summary>Fills a registry with Tune studies through the calls Tune makes (<see cref="IRegistryStore.OpenStudy"/>, <see cref="ModelRegistry.ClaimTrial"/>, <see cref="ModelRegistry.FinishTrial"/>).</summary>
/// <remarks>Trial parameters and metrics are written by Tune's own <see cref="TrialParameters"/> and <see cref="TrialMetrics"/>. Studies mix
/// complete, pruned and failed trials; one in ten has a trial whose remote worker died (killed, waiting to be taken back), one in three a
/// trial that was killed and then taken back by a second attempt.</remarks>
/// <param name="store">The registry's store.</param>
/// <param name="content">The registry's content store.</param>
/// <param name="seed">Makes the studies reproducible.</param>
public sealed class StudySeeder(IRegistryStore store, IArtifactStore content, int seed)
{
    private const int Folds = 5;
    private const int FoldsBeforePruning = 2;
    private const int CompleteBeforePruning = 5;
    private static readonly string[] Trainers = ["LightGbm", "LightGbm", "FastTree", "LbfgsLogisticRegression"];
    private static readonly RunOwner DeadWorker = new("build-agent-7", 4242, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Seeds <paramref name="studies"/> studies of <paramref name="trials"/> trials, one a day, the last ending before <paramref name="before"/>; returns their names, oldest first.</summary>
    /// <param name="studies">How many studies.</param>
    /// <param name="trials">Each study's budget (a study whose last worker died records one fewer finished trial).</param>
    /// <param name="before">When the seeded studies must have ended.</param>
    public IReadOnlyList<string> Seed(int studies, int trials, DateTimeOffset before)
    {
        var names = new List<string>();
        for (var s = 0; s < studies; s++)
        {
            var clock = new SteppingClock(before - TimeSpan.FromDays(studies - s));
            names.Add(SeedStudy(new ModelRegistry(store, content, clock), clock, s, trials));
        }

        return names;
    }

    private string SeedStudy(ModelRegistry registry, SteppingClock clock, int index, int budget)
    {
        var random = new Random(seed * 7919 + index);
        var metric = index % 4 == 3 ? MetricNames.LogLoss : MetricNames.RocAuc;
        var lowerIsBetter = MetricNames.LowerIsBetter(metric);
        var name = string.Create(CultureInfo.InvariantCulture, $"churn-study-{index + 1:D3}");
        var description = string.Create(CultureInfo.InvariantCulture,
            $"metric {metric}, {Folds}-fold stratified cross-validation of data/03-features/train.csv, sampler tpe (8 random start-up trials), pruner median, seed {42 + index}, trainer seed 1\n")
            + "search space: LightGbm, FastTree (learning_rate 0.01–0.3 log, number_of_leaves 4–64, number_of_iterations 50–500, minimum_example_count_per_leaf 5–50), "
            + "LbfgsLogisticRegression (l2_regularization 1e-4–1 log)";
        var study = store.OpenStudy(new StudyRecord(name, clock.Now, metric, lowerIsBetter, budget, Hex(name), description));
        var run = new RunStart(RunKind.Tune, "1.0.0", Hex($"commit-{index}")[..40], "local");
        // One study in ten still waits for a Tune to take back the trial of a worker that died; one in three had a trial taken back.
        var lastDies = index % 10 == 1;
        var oneTakenBack = index % 3 == 2;
        var complete = new List<double>();

        for (var number = 0; number < budget; number++)
        {
            var parameters = Parameters(random, name, number, complete.Count);
            var dies = lastDies && number == budget - 1;
            if (dies || (oneTakenBack && number == 3))
            {
                // A worker on another machine claims the trial and dies: its heartbeat goes stale and the next observer records the run killed.
                store.ClaimTrial(new TrialClaimRequest(name, RunId.New(clock.Now), run, DeadWorker, clock.Now, (_, _) => parameters));
                clock.Advance(HeartbeatPolicy.Default.StaleAfter + TimeSpan.FromSeconds(5 + random.Next(20)));
                if (dies)
                {
                    _ = registry.ListTrials(name);
                    break;
                }
            }

            // As StudyWorker does: the parameters are chosen before the claim, which is free to call the suggestion again.
            var claim = registry.ClaimTrial(name, run, (_, _) => parameters)
                ?? throw new InvalidOperationException($"study {name}: trial {number} could not be claimed");
            Score(registry, clock, study, claim.Trial, random, complete);
        }

        return name;
    }

    private static void Score(ModelRegistry registry, SteppingClock clock, StudyRecord study, TrialRecord trial, Random random, List<double> complete)
    {
        var seconds = 15 + random.NextDouble() * 70;
        var parameters = TrialParameters.FromRunParameters(trial.Parameters);
        TrialOutcome outcome;
        if (random.Next(14) == 0)
        {
            clock.Advance(TimeSpan.FromSeconds(seconds / 8));
            outcome = new TrialOutcome(study.Name, trial.Number, trial.RunId, TrialState.Failed, null,
                new Dictionary<string, double> { [TrialMetricNames.DurationSeconds] = seconds / 8 },
                $"{parameters.Trainer} rejected its parameters: training diverged (NaN loss) on fold 0", clock.Now);
        }
        else
        {
            var auc = Quality(parameters, random);
            var folds = Enumerable.Range(0, Folds).Select(fold => Fold(fold, auc + (random.NextDouble() - 0.5) * 0.012)).ToList();
            var early = folds.Take(FoldsBeforePruning).Average(f => f.Metrics[study.Metric]);
            var pruned = complete.Count >= CompleteBeforePruning && (study.LowerIsBetter ? early > Median(complete) : early < Median(complete));
            var scored = pruned ? folds.Take(FoldsBeforePruning).ToList() : folds;
            var elapsed = pruned ? seconds * FoldsBeforePruning / Folds : seconds;
            clock.Advance(TimeSpan.FromSeconds(elapsed));
            var mean = scored.Average(f => f.Metrics[study.Metric]);
            outcome = new TrialOutcome(study.Name, trial.Number, trial.RunId, pruned ? TrialState.Pruned : TrialState.Complete, mean,
                TrialMetrics.Of(study.Metric, scored, elapsed), null, clock.Now);
            if (!pruned)
            {
                complete.Add(mean);
            }
        }

        if (!registry.FinishTrial(outcome))
        {
            throw new InvalidOperationException($"study {study.Name}: trial {trial.Number} was not recorded");
        }

        clock.Advance(TimeSpan.FromSeconds(1 + random.Next(4)));
    }

    // Random start-up trials, then (as TPE would) mostly moderate learning rates and smaller trees around what did well.
    private static Dictionary<string, string> Parameters(Random random, string study, int number, int completeSoFar)
    {
        var guided = completeSoFar >= 8 && random.NextDouble() < 0.7;
        var trainer = guided ? "LightGbm" : Trainers[random.Next(Trainers.Length)];
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (trainer == "LbfgsLogisticRegression")
        {
            values["l2_regularization"] = Math.Round(Math.Pow(10, -4 + random.NextDouble() * 4), 6);
        }
        else
        {
            values["learning_rate"] = Math.Round(guided ? 0.03 + random.NextDouble() * 0.05 : Math.Pow(10, -2 + random.NextDouble() * 1.48), 5);
            values["number_of_leaves"] = guided ? 8 + random.Next(24) : 4 + random.Next(61);
            values["number_of_iterations"] = 50 + random.Next(451);
            values["minimum_example_count_per_leaf"] = 5 + random.Next(46);
        }

        return new Dictionary<string, string>(new TrialParameters(trainer, values).ToRunParameters(), StringComparer.Ordinal)
        {
            [StudyLineage.TrialStudy] = study,
            [StudyLineage.TrialNumber] = number.ToString(CultureInfo.InvariantCulture),
        };
    }

    // A plausible cross-validated ROC AUC: boosted trees with moderate settings do best, as on the real churn data.
    private static double Quality(TrialParameters parameters, Random random)
    {
        var auc = parameters.Trainer switch { "LightGbm" => 0.866, "FastTree" => 0.861, _ => 0.845 };
        if (parameters.Values.TryGetValue("learning_rate", out var rate))
        {
            auc -= Math.Abs(Math.Log(rate / 0.05)) * 0.007;
            auc -= parameters.Values["number_of_leaves"] > 40 ? 0.008 : 0;
        }

        return Math.Clamp(auc + (random.NextDouble() - 0.5) * 0.01, 0.6, 0.95);
    }

    // The fold's metrics, consistent with each other: a better ranking also has a higher PR AUC and a lower log loss.
    private static FoldResult Fold(int fold, double auc) => new(fold, new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [MetricNames.RocAuc] = auc,
        [MetricNames.PrAuc] = auc - 0.19,
        [MetricNames.LogLoss] = 0.42 - (auc - 0.85) * 1.6,
    });

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Hex(string text) => Kiln.Hashing.FileHash.Sha256(Encoding.UTF8.GetBytes(text));
}
