using System.Globalization;
using System.Text;
using Kiln.Pipeline.IO;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>Writes artifacts/tuning/report.md with the leaderboard, the trial states, parameter importance and the plots.</summary>
/// <param name="context">The pipeline context.</param>
public sealed class TuningReport(PipelineContext context)
{
    /// <summary>The report's path.</summary>
    public string Path => System.IO.Path.Combine(context.TuningDirectory, "report.md");

    /// <summary>Draws the plots and writes the report; returns the report's path.</summary>
    /// <param name="result">The study after this invocation.</param>
    public string Write(TuneResult result)
    {
        var study = result.Setup.Record;
        var trials = result.Trials;
        var importance = ParameterImportance.Of(trials, result.Setup.Objective);
        TuningPlots.History(Png("history"), study, trials);
        TuningPlots.Importance(Png("importance"), importance);
        var slices = new List<string>();
        if (result.Best is { } best)
        {
            var trainer = TrialParameters.FromRunParameters(best.Parameters).Trainer;
            foreach (var range in result.Setup.Space.Of(trainer).Ranges.Where(r => r.Kind != Configuration.RangeKind.Choice || r.Choices.Count > 1))
            {
                var name = $"slice-{trainer}-{range.Name}";
                TuningPlots.Slice(Png(name), study, trainer, range.Name, trials, range.IsLog);
                slices.Add(name);
            }
        }

        var md = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Tuning report: study `{study.Name}`\n\n")
            .Append(CultureInfo.InvariantCulture, $"Each trial is scored by {study.Description.Split('\n')[0]}. The test split is not read.\n\n")
            .Append(CultureInfo.InvariantCulture, $"Trials: {trials.Count} of a budget of {study.Budget} — ")
            .Append(string.Join(", ", Enum.GetValues<TrialState>().Select(s => (State: s, Count: trials.Count(t => t.State == s))).Where(s => s.Count > 0).Select(s => $"{s.Count} {s.State.ToString().ToLowerInvariant()}")))
            .Append(CultureInfo.InvariantCulture, $"; {trials.Count(t => t.Attempt > 1)} taken back from an attempt whose process died or was interrupted.\n\n");
        if (result.Best is { } winner)
        {
            md.Append(CultureInfo.InvariantCulture, $"**Best: trial {winner.Number}**, {TrialParameters.FromRunParameters(winner.Parameters)}, cross-validated {study.Metric} {Leaderboard.Score(study.Metric, winner)} (run `{winner.RunId}`). `./build.sh Tune --apply` writes it into the config.\n\n");
        }

        md.Append("## Leaderboard\n\n| " + string.Join(" | ", Leaderboard.Headers(study.Metric)) + " |\n|" + string.Concat(Leaderboard.Headers(study.Metric).Select(_ => "---|")) + "\n");
        foreach (var row in Leaderboard.Rows(study, trials, 20))
        {
            md.Append("| " + string.Join(" | ", row) + " |\n");
        }

        md.Append("\n## Every trial\n\n| trial | state | attempt | trainer | folds | duration | run |\n|---:|---|---:|---|---|---:|---|\n");
        foreach (var trial in trials)
        {
            var folds = string.Join(" ", Enumerable.Range(0, 100).Select(f => trial.Metrics.TryGetValue(TrialMetrics.Fold(study.Metric, f), out var v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : null).TakeWhile(v => v is not null));
            md.Append(CultureInfo.InvariantCulture, $"| {trial.Number} | {StateOf(trial)}{(trial.Error is { } e ? ": " + e.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal) : "")} | {trial.Attempt} | {trial.Parameters.GetValueOrDefault("trainer.name")} | {folds} | {trial.Duration?.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) ?? "-"} s | `{trial.RunId}` |\n");
        }

        md.Append("\n## Plots\n\n![Optimisation history](history.png)\n\n![Parameter importance](importance.png)\n\n");
        foreach (var slice in slices)
        {
            md.Append(CultureInfo.InvariantCulture, $"![{slice}]({slice}.png)\n\n");
        }

        md.Append("## Parameter importance\n\nη² of the score between trainers; |Spearman ρ| between a hyperparameter and the score over its trainer's complete trials.\n\n| parameter | importance |\n|---|---:|\n");
        foreach (var (name, value) in importance)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {name} | {value:0.000} |\n");
        }

        md.Append("\n## Search setup\n\n```\n").Append(study.Description).Append("```\n");
        AtomicFile.WriteAllText(Path, md.ToString());
        return Path;
    }

    private string Png(string name) => System.IO.Path.Combine(context.TuningDirectory, name + ".png");

    // A running trial whose run stopped is not being scored by anyone: say so, since the next claim will take it back.
    private static string StateOf(TrialRecord trial) => trial.IsAbandoned
        ? $"running (attempt {trial.RunStatus.ToString().ToLowerInvariant()}, to be taken back)"
        : trial.State.ToString().ToLowerInvariant();
}
