using Kiln.Registry.Artifacts;
using Kiln.Registry.Storage;

namespace Kiln.Pipeline.Configuration;

/// <summary>Where models are registered and how promotion is decided.</summary>
/// <param name="ModelName">The registered model's name.</param>
/// <param name="Store">The registry's row store: <c>sqlite:&lt;file&gt;</c> (relative to the repository root) or <c>postgres://user@host:5432/db</c>.</param>
/// <param name="Promotion">The champion/challenger rule.</param>
/// <param name="Artifacts">The artifact store's URI (<c>file:&lt;dir&gt;</c> or <c>s3://bucket/prefix</c>); null keeps <c>store/</c> beside a SQLite database.</param>
public sealed record RegistryConfig(string ModelName, string Store, PromotionConfig Promotion, string? Artifacts = null)
{
    /// <summary>The values used for every key the file leaves out.</summary>
    public static RegistryConfig Default { get; } = new(ModelName: "model", Store: "sqlite:artifacts/registry/kiln.db", PromotionConfig.Default);

    /// <summary>What is wrong with a store and artifact store used together, or null: a shared database needs shared artifacts.</summary>
    /// <param name="store">The row store's URI.</param>
    /// <param name="artifacts">The artifact store's URI, or null for the default.</param>
    public static string? Mismatch(string store, string? artifacts) =>
        !RegistryStores.IsSqlite(store) && artifacts is null
            ? $"'registry.store' {RegistryStores.Describe(store)} is shared, but 'registry.artifacts' is not set, so the versions' files would stay on this machine: " +
              "set registry.artifacts to s3://bucket/prefix (or file: on a directory every machine mounts)"
            : null;

    /// <summary>This configuration with the store and artifact store replaced by the ones given (when not empty), e.g. from a CI secret; checked like the file's.</summary>
    /// <param name="store">The row store's URI, or null or empty to keep the file's.</param>
    /// <param name="artifacts">The artifact store's URI, or null or empty to keep the file's.</param>
    /// <param name="source">Where the values came from, for messages (e.g. <c>--registry-store / REGISTRY_STORE</c>).</param>
    public RegistryConfig WithStores(string? store, string? artifacts, string source)
    {
        var effectiveStore = string.IsNullOrWhiteSpace(store) ? Store : store.Trim();
        var effectiveArtifacts = string.IsNullOrWhiteSpace(artifacts) ? Artifacts : artifacts.Trim();
        var problem = RegistryStores.Problem(effectiveStore, "'registry.store'")
            ?? (effectiveArtifacts is null ? null : ArtifactStores.Problem(effectiveArtifacts, "'registry.artifacts'"))
            ?? Mismatch(effectiveStore, effectiveArtifacts);
        return problem is null
            ? this with { Store = effectiveStore, Artifacts = effectiveArtifacts }
            : throw new ConfigException($"{source}: {problem}");
    }
}
