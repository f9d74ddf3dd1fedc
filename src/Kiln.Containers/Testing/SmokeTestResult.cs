namespace Kiln.Containers;

/// <summary>What a passed smoke test measured.</summary>
/// <param name="StartToReady">From the engine's container start call to the first 200 from /v2/health/ready.</param>
/// <param name="Probabilities">The probabilities the container returned, in row order.</param>
/// <param name="MaxDifference">The largest absolute difference from the expected probabilities.</param>
public sealed record SmokeTestResult(TimeSpan StartToReady, IReadOnlyList<float> Probabilities, double MaxDifference);
