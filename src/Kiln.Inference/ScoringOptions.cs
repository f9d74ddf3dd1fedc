namespace Kiln.Inference;

/// <summary>ONNX Runtime session tuning; the defaults are the fastest measured on a small tabular model on 2 cores.</summary>
/// <param name="IntraOpThreads">Threads one Run may use; 1 lets concurrent requests use the other core instead.</param>
/// <param name="AllowSpinning">Whether ORT worker threads busy-wait between ops (burns CPU the web server needs).</param>
public sealed record ScoringOptions(int IntraOpThreads = 1, bool AllowSpinning = false)
{
    /// <summary>The defaults.</summary>
    public static ScoringOptions Default { get; } = new();
}
