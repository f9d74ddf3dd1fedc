namespace Kiln.Pipeline.Configuration;

/// <summary>Where models are registered and how promotion is decided.</summary>
/// <param name="ModelName">The registered model's name.</param>
/// <param name="Path">The registry database, relative to the repository root.</param>
/// <param name="Promotion">The champion/challenger rule.</param>
/// <param name="Artifacts">The artifact store's URI (<c>file:&lt;dir&gt;</c> or <c>s3://bucket/prefix</c>); null keeps <c>store/</c> beside the database.</param>
public sealed record RegistryConfig(string ModelName, string Path, PromotionConfig Promotion, string? Artifacts = null)
{
    /// <summary>The values used for every key the file leaves out.</summary>
    public static RegistryConfig Default { get; } = new(ModelName: "model", Path: "artifacts/registry/kiln.db", PromotionConfig.Default);
}
