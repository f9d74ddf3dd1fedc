namespace Kiln.Serving.Configuration;

/// <summary>Which model the service serves and under what name (<c>Kiln:Model:*</c>).</summary>
public sealed record ModelOptions : IKilnOptions
{
    /// <inheritdoc />
    public static string Section => "Kiln:Model";

    /// <summary>A registry reference (<c>models:/churn@champion</c>, <c>models:/churn/3</c>) or a file path (<c>Kiln:Model:Source</c>); wins over <see cref="Path"/>.</summary>
    public string? Source { get; set; }

    /// <summary>The .onnx file to serve when no <see cref="Source"/> is set (<c>Kiln:Model:Path</c>); the container image sets it.</summary>
    public string? Path { get; set; }

    /// <summary>When set, the file must hash to this SHA-256 or the service refuses to start (<c>Kiln:Model:Sha256</c>).</summary>
    public string? Sha256 { get; set; }

    /// <summary>The model name in routes and responses for a file (<c>Kiln:Model:Name</c>); a registry reference brings its own.</summary>
    public string Name { get; set; } = "churn";

    /// <summary>The model version in routes and responses for a file (<c>Kiln:Model:Version</c>); a registry reference brings its own.</summary>
    public string Version { get; set; } = "1";

    /// <summary>ONNX Runtime threads per call (<c>Kiln:Model:IntraOpThreads</c>).</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary><see cref="Sha256"/>, or null when it is empty (the image passes an empty one when none is known).</summary>
    public string? ExpectedSha256 => string.IsNullOrWhiteSpace(Sha256) ? null : Sha256.Trim();

    /// <inheritdoc />
    public IEnumerable<string> Problems()
    {
        string?[] problems =
        [
            ExpectedSha256 is { } sha256 && (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit)) ? $"{Section}:Sha256 must be 64 hex digits, got '{sha256}'" : null,
            SettingRules.NotEmpty($"{Section}:Name", Name),
            SettingRules.NotEmpty($"{Section}:Version", Version),
            SettingRules.Range($"{Section}:IntraOpThreads", IntraOpThreads, 1, 64),
        ];
        return problems.OfType<string>();
    }
}
