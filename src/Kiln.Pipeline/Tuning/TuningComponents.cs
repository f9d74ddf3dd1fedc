using Kiln.Pipeline.Configuration;

namespace Kiln.Pipeline.Tuning;

/// <summary>The sampler and pruner a `tuning:` section asks for.</summary>
public static class TuningComponents
{
    /// <summary>The config's trainer as trial 0, then TPE after <see cref="TuningConfig.StartupTrials"/> random trials, or random search throughout.</summary>
    /// <param name="config">The whole configuration (its trainer section is trial 0).</param>
    /// <param name="space">The search space.</param>
    public static ISampler Sampler(KilnConfig config, SearchSpace space)
    {
        var tuning = config.Tuning;
        ISampler sampler = tuning.Sampler == "random" ? new RandomSampler(space, tuning.Seed) : new TpeSampler(space, tuning.Seed, tuning.StartupTrials);
        return new ConfiguredTrainerFirst(sampler, config.Trainer, space);
    }

    /// <summary>The median pruner (waiting for as many complete trials as the sampler's start-up), or none.</summary>
    /// <param name="tuning">The tuning configuration.</param>
    public static IPruner Pruner(TuningConfig tuning) => tuning.Pruner == "none"
        ? new NoPruner()
        : new MedianPruner(Math.Min(5, tuning.StartupTrials), tuning.Folds);
}
