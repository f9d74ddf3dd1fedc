namespace Kiln.Registry.Metrics;

/// <summary>Per-row losses of a predicted probability; Evaluate averages them over the test split and promotion over bootstrap resamples.</summary>
public static class ProbabilityLoss
{
    // Keeps log(0) finite for a confidently wrong probability of exactly 0 or 1, as scikit-learn does.
    private const double Epsilon = 1e-15;

    /// <summary>The negative log-likelihood of <paramref name="label"/> under <paramref name="probability"/> of the positive class.</summary>
    /// <param name="label">The true label.</param>
    /// <param name="probability">The predicted probability of the positive class.</param>
    public static double LogLoss(bool label, double probability) =>
        -Math.Log(Math.Clamp(label ? probability : 1 - probability, Epsilon, 1 - Epsilon));

    /// <summary>The squared error of <paramref name="probability"/> against <paramref name="label"/> (one row of the Brier score).</summary>
    /// <param name="label">The true label.</param>
    /// <param name="probability">The predicted probability of the positive class.</param>
    public static double SquaredError(bool label, double probability)
    {
        var error = probability - (label ? 1 : 0);
        return error * error;
    }
}
