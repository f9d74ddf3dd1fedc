namespace Kiln.Serving.Hosting;

/// <summary>How concurrent small requests are coalesced into one ONNX Runtime call.</summary>
/// <param name="Enabled">Whether to coalesce at all (<c>Kiln:Batching:Enabled</c>).</param>
/// <param name="MaxBatchRows">The most rows in one coalesced call; bigger requests run alone (<c>Kiln:Batching:MaxBatchRows</c>).</param>
/// <param name="MaxDelay">How long a call may wait for company; zero takes only what is already queued (<c>Kiln:Batching:MaxDelayMicroseconds</c>).</param>
/// <param name="Workers">How many coalesced calls may run at once (<c>Kiln:Batching:Workers</c>).</param>
public sealed record BatchingSettings(bool Enabled, int MaxBatchRows, TimeSpan MaxDelay, int Workers);
