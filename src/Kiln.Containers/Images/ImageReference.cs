using System.Text.RegularExpressions;

namespace Kiln.Containers;

/// <summary>Splits and checks image references (registry/repository:tag).</summary>
public static partial class ImageReference
{
    /// <summary>The registry of a reference that names none (<c>kiln-churn</c>, <c>library/redis</c>): Docker Hub.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>Turns a version into a valid tag: SemVer build metadata ('+') is not allowed in tags, so it becomes '-'.</summary>
    /// <param name="version">The version, e.g. 1.2.0-alpha.3+7.</param>
    public static string TagFor(string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var tag = InvalidTagCharacter().Replace(version.Trim(), "-");
        if (!ValidTag().IsMatch(tag))
        {
            throw new ContainerException($"version '{version}' cannot be an image tag (tags are 1-128 of [A-Za-z0-9_.-], not starting with '.' or '-')");
        }

        return tag;
    }

    /// <summary>Checks a repository name (lowercase path components, optionally after a registry host:port).</summary>
    /// <param name="repository">The repository, e.g. kiln-churn or 127.0.0.1:5000/kiln-churn.</param>
    public static string CheckRepository(string repository)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        var (_, path) = SplitRegistry(repository);
        if (!ValidPath().IsMatch(path))
        {
            throw new ContainerException($"'{repository}' is not a valid image repository (lowercase letters, digits and separators . _ - /)");
        }

        return repository;
    }

    /// <summary>Splits "repo:tag" into its repository and tag ("latest" when none).</summary>
    /// <param name="reference">The reference.</param>
    public static (string Repository, string Tag) Split(string reference)
    {
        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        return colon > slash ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }

    /// <summary>
    /// The registry host[:port] a reference is pulled from: its first path component when that is a host (it has a '.' or
    /// a ':', or is <c>localhost</c>), else <see cref="DockerHub"/>, as the engine resolves it (<c>library/x</c> is on Docker Hub).
    /// </summary>
    /// <param name="reference">The reference, e.g. 127.0.0.1:5000/kiln/churn:1.2.0 or library/redis:7.</param>
    public static string Registry(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return SplitRegistry(reference.Trim()).Registry ?? DockerHub;
    }

    private static (string? Registry, string Path) SplitRegistry(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && (repository[..slash].Contains('.', StringComparison.Ordinal) || repository[..slash].Contains(':', StringComparison.Ordinal) || repository[..slash] == "localhost"))
        {
            return (repository[..slash], repository[(slash + 1)..]);
        }

        return (null, repository);
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex InvalidTagCharacter();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex ValidTag();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex ValidPath();
}
