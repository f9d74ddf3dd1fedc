namespace Kiln.Registry.Artifacts;

/// <summary>What opening an artifact store needs besides its URI: the directory relative <c>file:</c> paths start from, the local cache for remote content, and how S3 is reached.</summary>
/// <param name="BaseDirectory">Relative <c>file:</c> paths are resolved against it (the repository root for the build).</param>
/// <param name="CacheDirectory">The read-through cache of remote content, keyed by sha256; null uses <see cref="DefaultCacheDirectory"/>.</param>
/// <param name="S3">How S3 is reached; null reads the standard AWS environment (<see cref="S3Settings.FromEnvironment"/>).</param>
public sealed record ArtifactStoreOptions(string BaseDirectory, string? CacheDirectory = null, S3Settings? S3 = null)
{
    /// <summary>The cache actually used.</summary>
    public string EffectiveCacheDirectory => CacheDirectory ?? DefaultCacheDirectory();

    /// <summary>The S3 settings actually used.</summary>
    public S3Settings EffectiveS3 => S3 ?? S3Settings.FromEnvironment();

    /// <summary>Options for a repository, with the cache and S3 settings from the environment.</summary>
    public static ArtifactStoreOptions FromEnvironment(string baseDirectory) => new(baseDirectory);

    /// <summary><c>KILN_CACHE_DIR</c>, else the user's cache directory (<c>$XDG_CACHE_HOME/kiln</c> or <c>~/.cache/kiln</c>; <c>%LOCALAPPDATA%\kiln\cache</c> on Windows), with <c>sha256/</c> inside: outside any checkout, so every clone on the machine shares one copy.</summary>
    public static string DefaultCacheDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("KILN_CACHE_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.Combine(Path.GetFullPath(configured), "sha256");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "kiln", "cache")
            : Path.Combine(string.IsNullOrWhiteSpace(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg, "kiln");
        return Path.Combine(root, "sha256");
    }
}
