using Kiln.Pipeline.Configuration;

namespace Kiln.Pipeline.Tuning;

/// <summary>Draws every trial independently from the search space; TPE's warm-up and the baseline it is measured against.</summary>
/// <param name="space">What to draw from.</param>
/// <param name="seed">The study seed.</param>
public sealed class RandomSampler(SearchSpace space, int seed) : ISampler
{
    /// <inheritdoc />
    public TrialParameters Suggest(int number, IReadOnlyList<TrialObservation> history)
    {
        var random = TrialRandom.For(seed, number);
        var trainer = space.Trainers[random.Next(space.Trainers.Count)];
        return new TrialParameters(trainer.Trainer, trainer.Ranges.ToDictionary(range => range.Name, range => Draw(range, random), StringComparer.Ordinal));
    }

    /// <summary>One value drawn evenly (on the range's scale) from <paramref name="range"/>.</summary>
    /// <param name="range">The range.</param>
    /// <param name="random">The trial's random source.</param>
    public static double Draw(HyperparameterRange range, Random random)
    {
        if (range.Kind == RangeKind.Choice)
        {
            return range.Choices[random.Next(range.Choices.Count)];
        }

        var scale = RangeScale.Of(range);
        return scale.ToValue(scale.Low + random.NextDouble() * (scale.High - scale.Low));
    }
}
