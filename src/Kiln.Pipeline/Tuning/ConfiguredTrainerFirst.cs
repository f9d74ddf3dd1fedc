using Kiln.Pipeline.Configuration;

namespace Kiln.Pipeline.Tuning;

/// <summary>Makes trial 0 the config's own trainer section, so the study measures the starting point and its winner is never worse on the same folds.</summary>
/// <param name="inner">The sampler for every later trial.</param>
/// <param name="configured">The config's trainer section.</param>
/// <param name="space">The search space; the configured trainer goes first only when it is searched.</param>
public sealed class ConfiguredTrainerFirst(ISampler inner, TrainerConfig configured, SearchSpace space) : ISampler
{
    /// <inheritdoc />
    public TrialParameters Suggest(int number, IReadOnlyList<TrialObservation> history) =>
        number == 0 && space.Trainers.Any(t => t.Trainer == configured.Name)
            ? new TrialParameters(configured.Name, configured.Hyperparameters)
            : inner.Suggest(number, history);
}
