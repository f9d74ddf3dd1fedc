namespace Kiln.Pipeline.Tuning;

/// <summary>Chooses the parameters of the next trial from the trials so far.</summary>
public interface ISampler
{
    /// <summary>The parameters trial <paramref name="number"/> scores; the same number and history always give the same answer.</summary>
    /// <param name="number">The trial's number (seeds its random draws, so a retried trial draws the same).</param>
    /// <param name="history">Every other trial of the study, in number order.</param>
    TrialParameters Suggest(int number, IReadOnlyList<TrialObservation> history);
}
