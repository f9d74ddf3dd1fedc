using Kiln.Pipeline.Configuration;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>
/// Tree-structured Parzen Estimator (Bergstra et al., 2011) after a random warm-up: the completed trials are split into the best
/// quarter and the rest (pruned trials count as the rest), and each choice maximises l(x)/g(x) over candidates drawn from l.
/// The trainer is drawn first, in proportion to l/g; its hyperparameters are then modelled only on the trials of that trainer.
/// </summary>
/// <param name="space">What to search.</param>
/// <param name="seed">The study seed.</param>
/// <param name="startupTrials">How many finished (complete or pruned) trials are drawn at random before TPE takes over.</param>
/// <param name="candidates">How many candidates are drawn from l(x) per choice.</param>
public sealed class TpeSampler(SearchSpace space, int seed, int startupTrials, int candidates = 24) : ISampler
{
    private const double Gamma = 0.25;
    private const int MaxGood = 25;
    private readonly RandomSampler _warmUp = new(space, seed);

    /// <inheritdoc />
    public TrialParameters Suggest(int number, IReadOnlyList<TrialObservation> history)
    {
        var complete = history.Where(t => t.State == TrialState.Complete && !double.IsNaN(t.Score)).ToList();
        // Pruned trials count towards the warm-up too: they were scored, and with pruning on they may be most of the early trials.
        if (complete.Count + history.Count(t => t.State == TrialState.Pruned) < startupTrials || complete.Count == 0)
        {
            return _warmUp.Suggest(number, history);
        }

        var random = TrialRandom.For(seed, number);
        // Ties broken by number so the split never depends on the order rows came back in.
        var ranked = complete.OrderByDescending(t => t.Score).ThenBy(t => t.Number).ToList();
        var goodCount = Math.Min(MaxGood, (int)Math.Ceiling(Gamma * ranked.Count));
        var good = ranked.Take(goodCount).ToList();
        var bad = ranked.Skip(goodCount).Concat(history.Where(t => t.State == TrialState.Pruned)).ToList();

        var trainerNames = space.Trainers.Select(t => t.Trainer).ToList();
        var trainer = space.Trainers[ChooseTrainer(trainerNames.Count, Indices(good, t => trainerNames.IndexOf(t.Parameters.Trainer)), Indices(bad, t => trainerNames.IndexOf(t.Parameters.Trainer)), random)];

        var goodOfTrainer = good.Where(t => t.Parameters.Trainer == trainer.Trainer).ToList();
        var badOfTrainer = bad.Where(t => t.Parameters.Trainer == trainer.Trainer).ToList();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var range in trainer.Ranges)
        {
            values[range.Name] = range.Kind == RangeKind.Choice
                ? range.Choices[ChooseCategory(range.Choices.Count, ChoiceIndices(goodOfTrainer, range), ChoiceIndices(badOfTrainer, range), random)]
                : ChooseNumber(range, goodOfTrainer, badOfTrainer, random);
        }

        return new TrialParameters(trainer.Trainer, values);
    }

    // With a handful of trainers the candidates always include every one, so argmax l/g would pick the same trainer forever;
    // drawing in proportion to l/g keeps visiting the others, which matters when a trainer's first draws were unlucky.
    private static int ChooseTrainer(int count, IEnumerable<int> good, IEnumerable<int> bad, Random random)
    {
        var l = new CategoricalEstimator(count, good);
        var g = new CategoricalEstimator(count, bad);
        var ratios = Enumerable.Range(0, count).Select(c => Math.Exp(l.LogDensity(c) - g.LogDensity(c))).ToArray();
        var u = random.NextDouble() * ratios.Sum();
        for (var c = 0; c < count; c++)
        {
            u -= ratios[c];
            if (u < 0)
            {
                return c;
            }
        }

        return count - 1;
    }

    private int ChooseCategory(int count, IEnumerable<int> good, IEnumerable<int> bad, Random random)
    {
        if (count == 1)
        {
            return 0;
        }

        var l = new CategoricalEstimator(count, good);
        var g = new CategoricalEstimator(count, bad);
        return Best(Enumerable.Range(0, candidates).Select(_ => l.Sample(random)), c => l.LogDensity(c) - g.LogDensity(c));
    }

    private double ChooseNumber(HyperparameterRange range, List<TrialObservation> good, List<TrialObservation> bad, Random random)
    {
        var scale = RangeScale.Of(range);
        var l = new ParzenEstimator(scale.Low, scale.High, Axis(good, range, scale));
        var g = new ParzenEstimator(scale.Low, scale.High, Axis(bad, range, scale));
        var best = Best(Enumerable.Range(0, candidates).Select(_ => l.Sample(random)), x => l.LogDensity(x) - g.LogDensity(x));
        return scale.ToValue(best);
    }

    private static T Best<T>(IEnumerable<T> candidates, Func<T, double> score)
    {
        var best = default(T)!;
        var bestScore = double.NegativeInfinity;
        foreach (var candidate in candidates)
        {
            var s = score(candidate);
            if (s > bestScore)
            {
                (best, bestScore) = (candidate, s);
            }
        }

        return best;
    }

    private static IEnumerable<int> Indices(IEnumerable<TrialObservation> trials, Func<TrialObservation, int> index) =>
        trials.Select(index).Where(i => i >= 0);

    private static IEnumerable<int> ChoiceIndices(IEnumerable<TrialObservation> trials, HyperparameterRange range) =>
        Indices(trials, t => t.Parameters.Values.TryGetValue(range.Name, out var value) ? range.Choices.ToList().IndexOf(value) : -1);

    // Values outside the current range (from a study whose range was narrowed) would distort the kernels, so they are left out.
    private static double[] Axis(IEnumerable<TrialObservation> trials, HyperparameterRange range, RangeScale scale) =>
    [
        .. trials
            .Where(t => t.Parameters.Values.TryGetValue(range.Name, out var value) && value >= range.Low && value <= range.High)
            .Select(t => scale.ToAxis(t.Parameters.Values[range.Name])),
    ];
}
