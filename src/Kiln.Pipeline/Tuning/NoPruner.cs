namespace Kiln.Pipeline.Tuning;

/// <summary>Never stops a trial early (`pruner: none`).</summary>
public sealed class NoPruner : IPruner
{
    /// <inheritdoc />
    public bool ShouldPrune(int foldsScored, double runningScore, IReadOnlyList<TrialObservation> history) => false;
}
