namespace Kiln.Serving.Configuration;

/// <summary>Where the service finds the model registry for a <c>models:/</c> source (<c>Kiln:Registry:*</c>).</summary>
/// <remarks>A store or artifact URI (sqlite:, postgres://, file:, s3://) is one more property here with its check in <see cref="Problems"/>.</remarks>
public sealed record RegistryLocationOptions : IKilnOptions
{
    /// <inheritdoc />
    public static string Section => "Kiln:Registry";

    /// <summary>The SQLite registry database (<c>Kiln:Registry:Path</c>), relative to the content root unless absolute.</summary>
    public string Path { get; set; } = "artifacts/registry/kiln.db";

    /// <inheritdoc />
    public IEnumerable<string> Problems() => SettingRules.NotEmpty($"{Section}:Path", Path) is { } problem ? [problem] : [];
}
