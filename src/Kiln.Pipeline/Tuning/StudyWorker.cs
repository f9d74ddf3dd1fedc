using System.Diagnostics;
using System.Globalization;
using Kiln.Pipeline.Schema;
using Kiln.Registry;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>One worker of a study: claims trials from the registry, scores them by cross-validation, and records each in one transaction.</summary>
/// <param name="context">The pipeline context.</param>
/// <param name="registry">The registry the study lives in; it heartbeats each trial's run and decides which runs were killed.</param>
/// <param name="setup">The study.</param>
/// <param name="run">The kind, version, commit and environment of the trial runs.</param>
/// <param name="options">The poll interval.</param>
public sealed class StudyWorker(PipelineContext context, ModelRegistry registry, StudySetup setup, RunStart run, TuneOptions options)
{
    /// <summary>Scores trials until the budget or <paramref name="deadline"/> is reached; returns how many trials this worker recorded.</summary>
    /// <param name="deadline">No new trial is claimed after this time.</param>
    /// <param name="cancellationToken">Stops between folds; the trial in hand is closed as failed and taken back by the next worker.</param>
    public int Run(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var schema = FeatureSchema.Load(context.FeaturesJson);
        var validator = new CrossValidator(TrainingFolds.Prepare(context, schema), schema, context.Config.Trainer.Seed);
        var sampler = TuningComponents.Sampler(context.Config, setup.Space);
        var recorded = 0;
        while (!cancellationToken.IsCancellationRequested && DateTimeOffset.UtcNow < deadline)
        {
            var claim = registry.ClaimTrial(setup.Record.Name, run,
                (number, trials) => Parameters(number, sampler.Suggest(number, [.. trials.Select(t => TrialMetrics.Observe(t, setup.Objective))])));
            if (claim is null)
            {
                // Budget spent: stay while another worker's trial is running, to take it back should that worker die.
                if (!registry.ListTrials(setup.Record.Name).Any(t => t.State == TrialState.Running))
                {
                    break;
                }

                cancellationToken.WaitHandle.WaitOne(options.EffectivePollInterval);
                continue;
            }

            context.Reporter.Info(claim.PreviousRunId is { } previous
                ? $"trial {claim.Trial.Number} started: taken back from run {previous}, which stopped without finishing it"
                : $"trial {claim.Trial.Number} started");

            if (Score(validator, claim.Trial, cancellationToken))
            {
                recorded++;
            }
        }

        return recorded;
    }

    private bool Score(CrossValidator validator, TrialRecord trial, CancellationToken cancellationToken)
    {
        var parameters = TrialParameters.FromRunParameters(trial.Parameters);
        var clock = Stopwatch.StartNew();
        var pruner = TuningComponents.Pruner(context.Config.Tuning);
        TrialOutcome outcome;
        try
        {
            var pruned = false;
            var folds = validator.Score(parameters, results =>
            {
                var score = setup.Objective.Score(results.Average(r => r.Metrics[setup.Objective.Metric]));
                // Read fresh each fold: the other workers' trials finished since the claim count too.
                var history = registry.Store.ListTrials(trial.Study).Where(t => t.Number != trial.Number).Select(t => TrialMetrics.Observe(t, setup.Objective)).ToList();
                pruned = pruner.ShouldPrune(results.Count, score, history);
                return !pruned;
            }, cancellationToken);
            var mean = folds.Average(f => f.Metrics[setup.Objective.Metric]);
            outcome = new TrialOutcome(trial.Study, trial.Number, trial.RunId, pruned ? TrialState.Pruned : TrialState.Complete, mean,
                TrialMetrics.Of(setup.Objective.Metric, folds, clock.Elapsed.TotalSeconds), null, DateTimeOffset.UtcNow);
        }
        catch (OperationCanceledException)
        {
            // Closing the run (and with it the heartbeat) hands the trial back at once, rather than after the staleness threshold.
            try
            {
                registry.FinishRun(trial.RunId, RunStatus.Failed);
            }
            catch (RegistryException)
            {
                // Already presumed killed: the next claim takes the trial back all the same.
            }

            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A trainer that rejects its parameters fails this trial only; the study goes on.
            outcome = new TrialOutcome(trial.Study, trial.Number, trial.RunId, TrialState.Failed, null,
                new Dictionary<string, double> { ["duration_seconds"] = clock.Elapsed.TotalSeconds }, e.Message, DateTimeOffset.UtcNow);
        }

        var recorded = registry.FinishTrial(outcome);
        context.Reporter.Info(recorded
            ? TrialLine(trial.Number, parameters, outcome, clock.Elapsed)
            : $"trial {trial.Number}: its run was presumed killed while this process looked dead, so another attempt scores it and this result is discarded");
        return recorded;
    }

    private string TrialLine(int number, TrialParameters parameters, TrialOutcome outcome, TimeSpan elapsed)
    {
        var metric = setup.Objective.Metric;
        var result = outcome.State == TrialState.Failed
            ? $"failed: {outcome.Error}"
            : string.Create(CultureInfo.InvariantCulture, $"{metric} {outcome.Metrics[TrialMetrics.Mean(metric)]:0.0000} ± {outcome.Metrics[TrialMetrics.StandardDeviation(metric)]:0.0000} over {outcome.Metrics["folds_scored"]:0} fold(s), {outcome.State.ToString().ToLowerInvariant()}");
        return string.Create(CultureInfo.InvariantCulture, $"trial {number} {parameters}: {result} in {elapsed.TotalSeconds:0.0} s");
    }

    private IReadOnlyDictionary<string, string> Parameters(int number, TrialParameters parameters) =>
        new Dictionary<string, string>(parameters.ToRunParameters(), StringComparer.Ordinal)
        {
            ["tuning.study"] = setup.Record.Name,
            ["tuning.trial"] = number.ToString(CultureInfo.InvariantCulture),
        };
}
