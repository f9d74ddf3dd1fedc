using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Tuning;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tests.Tuning;

public sealed class SamplerTests
{
    private static readonly SearchSpace Space = new(
    [
        new TrainerSpace("LightGbm",
        [
            HyperparameterRange.LogUniform("learning_rate", 0.001, 1),
            HyperparameterRange.Integer("number_of_leaves", 2, 256, log: true),
            HyperparameterRange.Uniform("feature_fraction", 0.1, 1),
            HyperparameterRange.Choice("minimum_example_count_per_leaf", 5, 10, 20, 40),
        ]),
        new TrainerSpace("FastTree", [HyperparameterRange.LogUniform("learning_rate", 0.001, 1)]),
    ]);

    // A made-up objective with its optimum at LightGbm, learning_rate 0.03, 24 leaves, feature_fraction 0.7, 20 per leaf.
    private static double Objective(TrialParameters p)
    {
        if (p.Trainer == "FastTree")
        {
            return -2 - Math.Pow(Math.Log(p.Values["learning_rate"] / 0.03), 2);
        }

        return -Math.Pow(Math.Log(p.Values["learning_rate"] / 0.03), 2) - Math.Pow(Math.Log(p.Values["number_of_leaves"] / 24), 2)
            - 4 * Math.Pow(p.Values["feature_fraction"] - 0.7, 2) - (p.Values["minimum_example_count_per_leaf"] == 20 ? 0 : 0.3);
    }

    private static List<TrialObservation> Study(ISampler sampler, int trials)
    {
        var history = new List<TrialObservation>();
        for (var number = 0; number < trials; number++)
        {
            var parameters = sampler.Suggest(number, history);
            history.Add(new TrialObservation(number, parameters, TrialState.Complete, [Objective(parameters)]));
        }

        return history;
    }

    [Fact]
    public void TpeFindsBetterTrialsThanRandomSearchOnTheSameBudget()
    {
        var seeds = Enumerable.Range(1, 10).ToArray();
        var tpe = seeds.Select(seed => Study(new TpeSampler(Space, seed, startupTrials: 8), 40).Max(t => t.Score)).Average();
        var random = seeds.Select(seed => Study(new RandomSampler(Space, seed), 40).Max(t => t.Score)).Average();

        Assert.True(tpe > random, $"TPE's mean best {tpe:F3} should beat random search's {random:F3}");
    }

    [Fact]
    public void TheSameSeedAndHistoryGiveTheSameTrialsAndAnotherSeedOthers()
    {
        var first = Study(new TpeSampler(Space, 5, startupTrials: 4), 15).Select(t => t.Parameters.ToString());
        var again = Study(new TpeSampler(Space, 5, startupTrials: 4), 15).Select(t => t.Parameters.ToString());
        var other = Study(new TpeSampler(Space, 6, startupTrials: 4), 15).Select(t => t.Parameters.ToString());

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void EveryDrawLiesInItsRangeWithWholeNumbersAndListedChoices()
    {
        foreach (var trial in Study(new TpeSampler(Space, 3, startupTrials: 5), 60))
        {
            foreach (var range in Space.Of(trial.Parameters.Trainer).Ranges)
            {
                var value = trial.Parameters.Values[range.Name];
                Assert.InRange(value, range.Low, range.High);
                if (range.IsInteger)
                {
                    Assert.Equal(Math.Floor(value), value);
                }

                if (range.Kind == RangeKind.Choice)
                {
                    Assert.Contains(value, range.Choices);
                }
            }
        }
    }

    [Fact]
    public void TrialZeroIsTheConfiguredTrainerWhenItIsSearched()
    {
        var configured = new TrainerConfig("LightGbm", 1, new Dictionary<string, double> { ["learning_rate"] = 0.05 });
        var sampler = new ConfiguredTrainerFirst(new RandomSampler(Space, 1), configured, Space);

        Assert.Equal(0.05, sampler.Suggest(0, []).Values["learning_rate"]);
        Assert.NotEqual(0.05, sampler.Suggest(1, []).Values.GetValueOrDefault("learning_rate"));
        Assert.Equal("FastTree", new ConfiguredTrainerFirst(new RandomSampler(new SearchSpace([Space.Of("FastTree")]), 1), configured, new SearchSpace([Space.Of("FastTree")])).Suggest(0, []).Trainer);
    }
}
