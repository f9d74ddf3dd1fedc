using System.Globalization;
using Kiln.Pipeline.Evaluation;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Configuration;

/// <summary>The optional `tuning:` section: what Tune searches, how it scores trials, and its budget.</summary>
/// <param name="Study">The study's name, or null to name it after the model and a hash of the search setup and data.</param>
/// <param name="Trainers">The trainers searched, in order.</param>
/// <param name="SearchSpace">Per trainer, the ranges that replace the default ones (fixed values are single choices).</param>
/// <param name="Folds">How many stratified folds of the training split score each trial.</param>
/// <param name="FoldsLocation">"file:line" of the folds key (or of the section, or the file), for errors found on the data.</param>
/// <param name="Metric">The metric optimised, from <see cref="MetricNames.All"/>.</param>
/// <param name="Trials">The most trials the study runs.</param>
/// <param name="TimeoutMinutes">Wall time after which a worker starts no new trial, or null for none.</param>
/// <param name="Seed">Seeds the fold assignment and the sampler.</param>
/// <param name="Sampler">"tpe" or "random".</param>
/// <param name="StartupTrials">How many random trials TPE and the pruner wait for before they act.</param>
/// <param name="Pruner">"median" or "none".</param>
/// <param name="Applied">The trial the trainer section was last written from, or null.</param>
public sealed record TuningConfig(
    string? Study,
    IReadOnlyList<string> Trainers,
    IReadOnlyDictionary<string, IReadOnlyList<HyperparameterRange>> SearchSpace,
    int Folds,
    string FoldsLocation,
    string Metric,
    int Trials,
    double? TimeoutMinutes,
    int Seed,
    string Sampler,
    int StartupTrials,
    string Pruner,
    AppliedTrial? Applied)
{
    /// <summary>The default number of folds.</summary>
    public const int DefaultFolds = 5;

    /// <summary>The default trial budget.</summary>
    public const int DefaultTrials = 40;

    /// <summary>The default wall-time budget in minutes, so the default run stays inside five minutes on a small machine.</summary>
    public const double DefaultTimeoutMinutes = 4;

    /// <summary>The settings used when the config has no `tuning:` section.</summary>
    /// <param name="source">The config file, for error locations.</param>
    public static TuningConfig Default(string source) => new(
        null, TrainerCatalog.Names, new Dictionary<string, IReadOnlyList<HyperparameterRange>>(StringComparer.Ordinal),
        DefaultFolds, source, MetricNames.RocAuc, DefaultTrials, DefaultTimeoutMinutes, 1, "tpe", 8, "median", null);

    /// <summary>The lineage parameters recorded with every tracked run: which study and trial the trainer came from.</summary>
    public IReadOnlyDictionary<string, string> LineageParameters => Applied is { } applied
        ? new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [StudyLineage.Study] = applied.Study,
            [StudyLineage.Trial] = applied.Trial.ToString(CultureInfo.InvariantCulture),
            [StudyLineage.Run] = applied.Run,
        }
        : new Dictionary<string, string>(StringComparer.Ordinal);
}
