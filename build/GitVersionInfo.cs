using System.Text.Json;
using Kiln.Targets;

/// <summary>The SemVer and commit GitVersion computes for HEAD (GitVersion.MsBuild, configured by GitVersion.yml).</summary>
sealed record GitVersionInfo(string SemVer, string Sha)
{
    /// <summary>GitVersion's answer for HEAD, cached per commit, branch and reachable tags (it costs seconds; git asks cost milliseconds).</summary>
    public static async Task<GitVersionInfo> GetAsync(AbsolutePath root, AbsolutePath cacheDirectory, CancellationToken cancellationToken)
    {
        var key = string.Join('|',
            await Git(root, cancellationToken, "rev-parse", "HEAD"),
            await Git(root, cancellationToken, "rev-parse", "--abbrev-ref", "HEAD"),
            await Git(root, cancellationToken, "describe", "--tags", "--long", "--always"),
            File.ReadAllText(root / "GitVersion.yml"));
        var cache = cacheDirectory / "gitversion.json";
        if (File.Exists(cache) && JsonSerializer.Deserialize<CacheEntry>(File.ReadAllText(cache)) is { } entry && entry.Key == key)
        {
            return entry.Version;
        }

        var version = await ComputeAsync(root, cancellationToken);
        cacheDirectory.CreateDirectory();
        File.WriteAllText(cache + ".tmp", JsonSerializer.Serialize(new CacheEntry(key, version)));
        File.Move(cache + ".tmp", cache, overwrite: true);
        return version;
    }

    static async Task<GitVersionInfo> ComputeAsync(AbsolutePath root, CancellationToken cancellationToken)
    {
        // The service project references GitVersion.MsBuild (it is stamped with the same version), so it can answer.
        var project = root / "src" / "Kiln.Serving" / "Kiln.Serving.csproj";
        var result = await ProcessTasks.Run("dotnet",
            ["msbuild", project, "-restore", "-nologo", "-v:q", "-t:GetVersion", "-getProperty:GitVersion_SemVer", "-getProperty:GitVersion_Sha"],
            root, environment: null, cancellationToken, logOutput: false);
        var json = string.Join('\n', result.Output.SkipWhile(l => !l.TrimStart().StartsWith('{')));
        if (result.ExitCode != 0 || json.Length == 0)
        {
            throw new InvalidOperationException(
                $"GitVersion failed (exit code {result.ExitCode}); it needs a git checkout with its history (fetch-depth: 0 in CI):\n{string.Join('\n', result.Output.TakeLast(10))}");
        }

        var properties = JsonDocument.Parse(json).RootElement.GetProperty("Properties");
        return new(properties.GetProperty("GitVersion_SemVer").GetString()!, properties.GetProperty("GitVersion_Sha").GetString()!);
    }

    static async Task<string> Git(AbsolutePath root, CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await ProcessTasks.Run("git", arguments, root, environment: null, cancellationToken, logOutput: false);
        return result.ExitCode == 0
            ? string.Join('\n', result.Output).Trim()
            : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed in {root}: {string.Join('\n', result.Output)}");
    }

    sealed record CacheEntry(string Key, GitVersionInfo Version);
}
