using System.Globalization;
using System.Text;
using Kiln.Hashing;
using Kiln.Pipeline.Evaluation;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>The study a config describes: its name, and a fingerprint of everything that makes two trials comparable.</summary>
/// <param name="Space">The search space.</param>
/// <param name="Objective">The metric optimised.</param>
/// <param name="Record">The study as stored in the registry.</param>
public sealed record StudySetup(SearchSpace Space, Objective Objective, StudyRecord Record)
{
    /// <summary>The setup of the context's `tuning:` section on its current training split.</summary>
    /// <param name="context">The pipeline context (after Features).</param>
    /// <param name="trials">The trial budget to ask for (the config's unless overridden).</param>
    /// <param name="now">The creation time, if the study is new.</param>
    public static StudySetup For(PipelineContext context, int trials, DateTimeOffset now)
    {
        var tuning = context.Config.Tuning;
        var space = SearchSpace.From(tuning);
        var description = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"metric {tuning.Metric}, {tuning.Folds}-fold stratified cross-validation of {context.Relative(context.TrainCsv)}, ")
            .Append(CultureInfo.InvariantCulture, $"sampler {tuning.Sampler} ({tuning.StartupTrials} random start-up trials), pruner {tuning.Pruner}, seed {tuning.Seed}, trainer seed {context.Config.Trainer.Seed}\n")
            .Append(space.Describe())
            .ToString();
        // The data's hash is part of the fingerprint: new data is a new study, never a mix of incomparable trials.
        var fingerprint = FileHash.Sha256(Encoding.UTF8.GetBytes(description + FileHash.Sha256(context.TrainCsv)))[..16];
        var name = tuning.Study ?? $"{context.Config.Registry.ModelName}-{fingerprint[..8]}";
        return new StudySetup(space, new Objective(tuning.Metric), new StudyRecord(name, now, tuning.Metric, MetricNames.LowerIsBetter(tuning.Metric), trials, fingerprint, description));
    }
}
