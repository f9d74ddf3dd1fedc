using System.Diagnostics;
using Kiln.Registry;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>Runs a study with this process's workers, joining any other process working on it, and writes the report.</summary>
/// <param name="context">The pipeline context (after Features).</param>
/// <param name="registry">The registry the trials live in.</param>
public sealed class StudyRunner(PipelineContext context, ModelRegistry registry)
{
    /// <summary>Opens (or resumes) the study, scores trials until its budget or the time limit, and returns every trial.</summary>
    /// <param name="run">The kind, version, commit and environment recorded on each trial run.</param>
    /// <param name="options">Workers and budget overrides.</param>
    /// <param name="cancellationToken">Stops the workers between folds.</param>
    public TuneResult Run(RunStart run, TuneOptions options, CancellationToken cancellationToken)
    {
        var tuning = context.Config.Tuning;
        var clock = Stopwatch.StartNew();
        var setup = StudySetup.For(context, options.Trials ?? tuning.Trials, DateTimeOffset.UtcNow);
        var study = registry.Store.OpenStudy(setup.Record);
        setup = setup with { Record = study };
        var minutes = options.TimeoutMinutes ?? tuning.TimeoutMinutes;
        var deadline = minutes is { } m ? DateTimeOffset.UtcNow.AddMinutes(m) : DateTimeOffset.MaxValue;
        var done = registry.Store.ListTrials(study.Name).Count(t => t.State != TrialState.Running);
        context.Reporter.Info($"study {study.Name}: {done} of {study.Budget} trials already recorded; {options.Workers} worker(s) here, metric {study.Metric}");

        var workers = Enumerable.Range(0, options.Workers)
            .Select(_ => Task.Run(() => new StudyWorker(context, registry, setup, run, options).Run(deadline, cancellationToken), cancellationToken))
            .ToArray();
        var recorded = Task.WhenAll(workers).GetAwaiter().GetResult().Sum();

        var trials = registry.ListTrials(study.Name);
        return new TuneResult(setup, trials, Leaderboard.Best(trials, study.LowerIsBetter), recorded, clock.Elapsed);
    }
}
