namespace Kiln.Serving.Configuration;

/// <summary>How concurrent small requests are coalesced into one ONNX Runtime call (<c>Kiln:Batching:*</c>).</summary>
public sealed record BatchingOptions : IKilnOptions
{
    /// <inheritdoc />
    public static string Section => "Kiln:Batching";

    /// <summary>Whether to coalesce at all (<c>Kiln:Batching:Enabled</c>); on, because it doubles 1-row throughput.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most rows in one coalesced call; bigger requests run alone (<c>Kiln:Batching:MaxBatchRows</c>).</summary>
    public int MaxBatchRows { get; set; } = 64;

    /// <summary>How long a call may wait for company; zero takes only what is already queued (<c>Kiln:Batching:MaxDelayMicroseconds</c>).</summary>
    public int MaxDelayMicroseconds { get; set; }

    /// <summary>How many coalesced calls may run at once (<c>Kiln:Batching:Workers</c>).</summary>
    public int Workers { get; set; } = 1;

    /// <summary><see cref="MaxDelayMicroseconds"/> as a duration.</summary>
    public TimeSpan MaxDelay => TimeSpan.FromMicroseconds(MaxDelayMicroseconds);

    /// <inheritdoc />
    public IEnumerable<string> Problems()
    {
        string?[] problems =
        [
            SettingRules.Range($"{Section}:MaxBatchRows", MaxBatchRows, 1, 100_000),
            SettingRules.Range($"{Section}:MaxDelayMicroseconds", MaxDelayMicroseconds, 0, 1_000_000),
            SettingRules.Range($"{Section}:Workers", Workers, 1, 64),
        ];
        return problems.OfType<string>();
    }
}
