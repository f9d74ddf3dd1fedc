namespace Kiln.Registry.Seeding;

/// <summary>How much history to seed.</summary>
/// <param name="Experiments">Train + Evaluate pairs (two runs each).</param>
/// <param name="Versions">Registrations (one Register run and one version each), spread over the experiments.</param>
/// <param name="Reported">How many of the newest evaluations also get the full report with PNG plots (slow to draw).</param>
/// <param name="Start">When the first run starts; runs follow every few minutes.</param>
/// <param name="Rows">Test rows behind each evaluation's metrics and curves.</param>
public sealed record SeedPlan(int Experiments, int Versions, int Reported, DateTimeOffset Start, int Rows = 1200)
{
    /// <summary>The number of runs the plan creates.</summary>
    public int Runs => Experiments * 2 + Versions;
}
