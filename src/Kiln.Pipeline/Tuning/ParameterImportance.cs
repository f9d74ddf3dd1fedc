using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>
/// How much each choice moved the score: for the trainer, the share of score variance between trainers (η²); for a hyperparameter,
/// the absolute Spearman rank correlation between its value and the score over that trainer's complete trials. A screening measure, not fANOVA.
/// </summary>
public static class ParameterImportance
{
    /// <summary>The importance of the trainer choice and of each hyperparameter with at least three complete trials, largest first.</summary>
    /// <param name="trials">Every trial of the study.</param>
    /// <param name="objective">The study's objective.</param>
    public static IReadOnlyList<(string Name, double Importance)> Of(IReadOnlyList<TrialRecord> trials, Objective objective)
    {
        var complete = trials.Where(t => t is { State: TrialState.Complete, Value: not null })
            .Select(t => (Parameters: TrialParameters.FromRunParameters(t.Parameters), Score: objective.Score(t.Value!.Value)))
            .ToList();
        var result = new List<(string, double)>();
        if (complete.Select(t => t.Parameters.Trainer).Distinct().Count() > 1)
        {
            var mean = complete.Average(t => t.Score);
            var total = complete.Sum(t => (t.Score - mean) * (t.Score - mean));
            var between = complete.GroupBy(t => t.Parameters.Trainer).Sum(g => g.Count() * Math.Pow(g.Average(t => t.Score) - mean, 2));
            result.Add(("trainer", total == 0 ? 0 : between / total));
        }

        foreach (var group in complete.GroupBy(t => t.Parameters.Trainer))
        {
            foreach (var name in group.SelectMany(t => t.Parameters.Values.Keys).Distinct().Order(StringComparer.Ordinal))
            {
                var pairs = group.Where(t => t.Parameters.Values.ContainsKey(name)).Select(t => (X: t.Parameters.Values[name], Y: t.Score)).ToArray();
                if (pairs.Length >= 3)
                {
                    result.Add(($"{group.Key}.{name}", Math.Abs(Spearman(pairs))));
                }
            }
        }

        return [.. result.OrderByDescending(r => r.Item2)];
    }

    private static double Spearman((double X, double Y)[] pairs)
    {
        var x = Ranks([.. pairs.Select(p => p.X)]);
        var y = Ranks([.. pairs.Select(p => p.Y)]);
        var (mx, my) = (x.Average(), y.Average());
        var covariance = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        var spread = Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
        return spread == 0 ? 0 : covariance / spread;
    }

    // Tied values share their average rank.
    private static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end < order.Length && values[order[end]] == values[order[start]])
            {
                end++;
            }

            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = (start + end - 1) / 2.0;
            }

            start = end;
        }

        return ranks;
    }
}
