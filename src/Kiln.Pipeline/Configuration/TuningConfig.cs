using Kiln.Pipeline.Evaluation;

namespace Kiln.Pipeline.Configuration;

/// <summary>The optional `tuning:` section: what Tune searches, how it scores trials, and its budget.</summary>
/// <param name="Study">The study's name, or null to name it after the model and a hash of the search setup and data.</param>
/// <param name="Trainers">The trainers searched, in order.</param>
/// <param name="SearchSpace">Per trainer, the ranges that replace the default ones (fixed values are single choices).</param>
/// <param name="Folds">How many stratified folds of the training split score each trial.</param>
/// <param name="Metric">The metric optimised, from <see cref="MetricNames.All"/>.</param>
/// <param name="Trials">The most trials the study runs.</param>
/// <param name="TimeoutMinutes">Wall time after which a worker starts no new trial, or null for none.</param>
/// <param name="Seed">Seeds the fold assignment and the sampler.</param>
/// <param name="Sampler">"tpe" or "random".</param>
/// <param name="StartupTrials">How many random trials TPE and the pruner wait for before they act.</param>
/// <param name="Pruner">"median" or "none".</param>
/// <param name="Applied">The trial the trainer section was last written from, or null; flattened as the <c>tuning.applied.*</c> lineage keys of <see cref="Kiln.Registry.Studies.StudyLineage"/>.</param>
public sealed record TuningConfig(
    string? Study,
    IReadOnlyList<string> Trainers,
    IReadOnlyDictionary<string, IReadOnlyList<HyperparameterRange>> SearchSpace,
    int Folds,
    string Metric,
    int Trials,
    double? TimeoutMinutes,
    int Seed,
    string Sampler,
    int StartupTrials,
    string Pruner,
    AppliedTrial? Applied)
{
    /// <summary>The values used for every key the file leaves out: every trainer with its default ranges, 5 folds, 40 trials or 4 minutes
    /// (so the default run stays inside five minutes on a small machine), TPE after 8 random trials, median pruning.</summary>
    public static TuningConfig Default { get; } = new(
        Study: null,
        Trainers: TrainerCatalog.Names,
        SearchSpace: new Dictionary<string, IReadOnlyList<HyperparameterRange>>(StringComparer.Ordinal),
        Folds: 5,
        Metric: MetricNames.RocAuc,
        Trials: 40,
        TimeoutMinutes: 4,
        Seed: 1,
        Sampler: "tpe",
        StartupTrials: 8,
        Pruner: "median",
        Applied: null);

    /// <summary>"file:line" of the folds key (or of the section, or the file), for the fold check that can only run on the data.</summary>
    /// <remarks>Not public, so it is not flattened into the run parameters: it moves whenever the file is edited above it.</remarks>
    internal string FoldsLocation { get; init; } = "";
}
