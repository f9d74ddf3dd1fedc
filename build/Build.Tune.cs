using Kiln.Pipeline.Tuning;
using Kiln.Registry.Runs;
using Kiln.Targets;

/// <summary>Experiments: a cross-validated search over every trainer and its hyperparameters, tracked in the registry.</summary>
partial class Build
{
    [Parameter("Tune: write the best trial's trainer and hyperparameters into config/<env>.yaml")]
    readonly bool Apply;

    [Parameter("Tune: worker threads in this process (other processes running Tune join the same study)")]
    readonly int Workers = 1;

    [Parameter("Tune: the trial budget of the study (default tuning.trials)")]
    readonly int? Trials;

    [Parameter("Tune: minutes after which no new trial starts (default tuning.timeout_minutes)")]
    readonly double? Timeout;

    // Reads only the training split, so it needs Features; runs before Train so that Train sees what --apply wrote.
    Target Tune => _ => _
        .Description("Search trainers and hyperparameters by stratified cross-validation of the training split; --apply writes the winner to config")
        .DependsOn(Features)
        .Before(Train)
        .Requires(() => Workers >= 1)
        .Executes(async cancellationToken => Show(new TuneCommand(Pipeline, Registry, ConfigFile)
            .Run(await RunStartOf(RunKind.Tune, cancellationToken), new TuneOptions(Workers, Trials, Timeout), Apply, cancellationToken)));

    void Show(TuneOutcome outcome)
    {
        var study = outcome.Result.Setup.Record;
        Log.Table(Leaderboard.Headers(study.Metric), Leaderboard.Rows(study, outcome.Result.Trials, 10));
        Log.Information($"Report: {outcome.ReportPath}");
        ReloadConfig();
    }
}
