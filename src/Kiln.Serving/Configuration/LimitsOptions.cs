namespace Kiln.Serving.Configuration;

/// <summary>How much one request may ask of the service (<c>Kiln:Limits:*</c>).</summary>
public sealed record LimitsOptions : IKilnOptions
{
    /// <inheritdoc />
    public static string Section => "Kiln:Limits";

    /// <summary>The largest accepted body in bytes (<c>Kiln:Limits:MaxRequestBodyBytes</c>); larger gets 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1 << 20;

    /// <summary>The most rows one request may send (<c>Kiln:Limits:MaxBatchRows</c>).</summary>
    public int MaxBatchRows { get; set; } = 1000;

    /// <inheritdoc />
    public IEnumerable<string> Problems()
    {
        string?[] problems =
        [
            // The body is buffered in one array, so it must stay below the largest array length.
            SettingRules.Range($"{Section}:MaxRequestBodyBytes", MaxRequestBodyBytes, 64, int.MaxValue - 1),
            SettingRules.Range($"{Section}:MaxBatchRows", MaxBatchRows, 1, 1_000_000),
        ];
        return problems.OfType<string>();
    }
}
