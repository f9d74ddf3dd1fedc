using System.Globalization;

namespace Kiln.Registry.Promotion;

/// <summary>When a new version may replace the champion: passed every gate, beats the champion on the same rows by the configured margins, and (optionally) significantly.</summary>
/// <param name="Metric">The metric compared (<c>roc_auc</c>, <c>accuracy</c>, <c>log_loss</c> or <c>brier_score</c>).</param>
/// <param name="MinDelta">Minimum absolute improvement.</param>
/// <param name="MinRelativeDelta">Minimum improvement relative to the champion's value (0.01 = 1 %), or null for none.</param>
/// <param name="RequireSignificance">Whether the bootstrap interval of the improvement must exclude zero.</param>
/// <param name="Resamples">Bootstrap resamples.</param>
/// <param name="Confidence">Bootstrap confidence level.</param>
/// <param name="Seed">Bootstrap seed, so a decision is reproducible.</param>
public sealed record PromotionPolicy(
    string Metric = "roc_auc",
    double MinDelta = 0,
    double? MinRelativeDelta = null,
    bool RequireSignificance = false,
    int Resamples = 1000,
    double Confidence = 0.95,
    int Seed = 42)
{
    /// <summary>The alias of the served version.</summary>
    public const string ChampionAlias = "champion";

    /// <summary>The alias of the latest version that did not become champion.</summary>
    public const string ChallengerAlias = "challenger";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Decides whether the candidate becomes champion or challenger and says why.</summary>
    public PromotionDecision Decide(PromotionInput input)
    {
        var metric = ComparisonMetric.Named(Metric);
        Validate(input);
        var rows = input.Labels.Count;
        var ones = new int[rows];
        Array.Fill(ones, 1);

        var candidate = metric.Prepare(input.Labels, input.CandidateScores);
        var candidateValue = candidate.Evaluate(ones);
        if (double.IsNaN(candidateValue))
        {
            throw new RegistryException($"{metric.Name} is undefined on these {rows} test rows: the labels must contain both classes.");
        }

        if (!input.Gates.Passed)
        {
            var failures = string.Join("; ", input.Gates.Failures.Select(f =>
                $"{f.Metric} {F(f.Actual)} (needs {f.Comparison} {F(f.Threshold)})"));
            return new PromotionDecision(PromotionOutcome.Challenger, $"failed the quality gate: {failures}", metric.Name, candidateValue);
        }

        if (input.ChampionScores is null)
        {
            return new PromotionDecision(PromotionOutcome.Champion,
                $"first champion: {metric.Name} {F(candidateValue)} on {rows} test rows, passed all {input.Gates.Checks.Count} quality gates",
                metric.Name, candidateValue);
        }

        var champion = metric.Prepare(input.Labels, input.ChampionScores);
        var championValue = champion.Evaluate(ones);
        var delta = candidateValue - championValue;
        var interval = PairedBootstrap.DifferenceInterval(candidate, champion, rows, Resamples, Confidence, Seed);

        // Orient everything so that a positive improvement is always better, whichever direction the metric runs.
        var sign = metric.HigherIsBetter ? 1 : -1;
        var improvement = sign * delta;
        var relative = championValue == 0 ? (improvement > 0 ? double.PositiveInfinity : 0) : improvement / Math.Abs(championValue);
        var significant = metric.HigherIsBetter ? interval.Lower > 0 : interval.Upper < 0;

        var champ = input.ChampionVersion is { } v ? $"champion v{v}" : "champion";
        var evidence = $"{metric.Name} {F(candidateValue)} vs {champ} {F(championValue)} " +
                       $"(Δ {delta.ToString("+0.000;-0.000;0.000", Invariant)}, {Confidence.ToString("0.##%", Invariant)} CI [{F(interval.Lower)}, {F(interval.Upper)}])";

        string? shortfall = null;
        if (improvement <= 0)
        {
            shortfall = "not better";
        }
        else if (improvement < MinDelta)
        {
            shortfall = $"better by less than min_delta {F(MinDelta)}";
        }
        else if (MinRelativeDelta is { } minRelative && relative < minRelative)
        {
            shortfall = $"better by {relative.ToString("0.##%", Invariant)}, less than min_relative_delta {minRelative.ToString("0.##%", Invariant)}";
        }
        else if (RequireSignificance && !significant)
        {
            shortfall = "better but not significant (the interval includes 0)";
        }

        var verdict = shortfall ?? (RequireSignificance ? "significantly better" : "better");
        return new PromotionDecision(
            shortfall is null ? PromotionOutcome.Champion : PromotionOutcome.Challenger,
            $"{evidence} — {verdict}",
            metric.Name, candidateValue, championValue, delta, interval);
    }

    private static string F(double value) => value.ToString("0.000", Invariant);

    private static void Validate(PromotionInput input)
    {
        var rows = input.Labels.Count;
        if (rows == 0)
        {
            throw new RegistryException("Promotion needs test rows, but the label array is empty.");
        }

        CheckScores("candidate", input.CandidateScores, rows);
        if (input.ChampionScores is { } championScores)
        {
            CheckScores("champion", championScores, rows);
        }
    }

    private static void CheckScores(string which, IReadOnlyList<double> scores, int rows)
    {
        if (scores.Count != rows)
        {
            throw new RegistryException(
                $"The {which} scores have {scores.Count} rows but there are {rows} labels; both models must be scored on the same test rows.");
        }

        for (var i = 0; i < scores.Count; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new RegistryException($"The {which} score of test row {i} is {scores[i]}; probabilities must be finite numbers.");
            }
        }
    }
}
