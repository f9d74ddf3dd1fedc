using System.Globalization;
using Kiln.Registry;
using Kiln.Registry.Runs;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>The Tune target's work: run (or resume, or join) the study, write its report, and optionally apply the winner to the config.</summary>
/// <param name="context">The pipeline context (after Features).</param>
/// <param name="registry">The registry the trials live in.</param>
/// <param name="configPath">The config file --apply edits.</param>
public sealed class TuneCommand(PipelineContext context, ModelRegistry registry, string configPath)
{
    /// <summary>Runs the study and returns its outcome.</summary>
    /// <param name="run">The kind, version, commit and environment of the trial runs.</param>
    /// <param name="options">Workers and budget overrides.</param>
    /// <param name="apply">True to write the best trial into the config.</param>
    /// <param name="cancellationToken">Stops the workers between folds.</param>
    public TuneOutcome Run(RunStart run, TuneOptions options, bool apply, CancellationToken cancellationToken)
    {
        var result = new StudyRunner(context, registry).Run(run, options, cancellationToken);
        var report = new TuningReport(context).Write(result);
        var study = result.Setup.Record;
        var minutes = result.Elapsed.TotalMinutes;
        context.Reporter.Info(string.Create(CultureInfo.InvariantCulture,
            $"study {study.Name}: {result.RecordedHere} trial(s) recorded here in {result.Elapsed.TotalSeconds:0} s ({(minutes > 0 ? result.RecordedHere / minutes : 0):0.0} per minute); {result.Trials.Count(t => t.State != TrialState.Running)} of {study.Budget} in the study"));
        if (!apply)
        {
            return new TuneOutcome(result, report, null);
        }

        var best = result.Best ?? throw new PipelineException($"study {study.Name} has no complete trial yet, so there is nothing to apply; run Tune again with a larger --trials or --timeout");
        var applied = new ConfigApplier(configPath).Apply(study, best);
        context.Reporter.Info($"applied trial {best.Number} ({TrialParameters.FromRunParameters(best.Parameters)}) to {context.Relative(configPath)}; Train and Evaluate now reproduce it from config");
        return new TuneOutcome(result, report, applied);
    }
}
