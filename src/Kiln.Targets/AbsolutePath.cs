using Microsoft.Extensions.FileSystemGlobbing;

namespace Kiln.Targets;

/// <summary>A normalized absolute file-system path that composes with <c>/</c>, NUKE style.</summary>
public sealed record AbsolutePath
{
    private AbsolutePath(string path) => Value = path;

    /// <summary>The full path, without a trailing separator (except for the file-system root).</summary>
    public string Value { get; }

    /// <summary>The last segment of the path.</summary>
    public string Name => Path.GetFileName(Value);

    /// <summary>The containing directory, or null for the file-system root.</summary>
    public AbsolutePath? Parent => Path.GetDirectoryName(Value) is { } parent ? new AbsolutePath(parent) : null;

    /// <summary>Creates a path from an absolute path string; relative strings are rejected.</summary>
    public static AbsolutePath Create(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!Path.IsPathRooted(path))
        {
            throw new ArgumentException($"'{path}' is not an absolute path", nameof(path));
        }

        return new AbsolutePath(Normalize(Path.GetFullPath(path)));
    }

    /// <summary>Resolves a path that may be relative against a base directory.</summary>
    public static AbsolutePath Resolve(string path, string baseDirectory) => Create(Path.GetFullPath(path, baseDirectory));

    /// <summary>Appends a relative segment (which may contain separators or <c>..</c>).</summary>
    public static AbsolutePath operator /(AbsolutePath left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Create(Path.GetFullPath(Path.Combine(left.Value, right)));
    }

    /// <summary>Converts to the path string so the path can be passed wherever a string is expected.</summary>
    public static implicit operator string(AbsolutePath path) => path?.Value!;

    /// <summary>Converts an absolute path string.</summary>
    public static explicit operator AbsolutePath(string path) => Create(path);

    /// <summary>Appends a relative segment (named alternative for <c>/</c>).</summary>
    public AbsolutePath Combine(string relative) => this / relative;

    /// <summary>Whether a file or directory exists at this path.</summary>
    public bool Exists() => File.Exists(Value) || Directory.Exists(Value);

    /// <summary>Creates the directory (and its parents) when missing and returns this path.</summary>
    public AbsolutePath CreateDirectory()
    {
        Directory.CreateDirectory(Value);
        return this;
    }

    /// <summary>Deletes the directory and everything in it; does nothing when it does not exist.</summary>
    public void DeleteDirectory()
    {
        if (Directory.Exists(Value))
        {
            Directory.Delete(Value, recursive: true);
        }
    }

    /// <summary>Finds files under this directory matching a glob such as <c>**/*.csv</c>, sorted by path.</summary>
    public IReadOnlyList<AbsolutePath> GlobFiles(params string[] patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (!Directory.Exists(Value))
        {
            return [];
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(patterns);
        return [.. matcher.GetResultsInFullPath(Value).Order(StringComparer.Ordinal).Select(Create)];
    }

    /// <summary>The path relative to a base directory, with forward slashes.</summary>
    public string RelativeTo(AbsolutePath baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return Path.GetRelativePath(baseDirectory.Value, Value).Replace('\\', '/');
    }

    /// <summary>The full path.</summary>
    public override string ToString() => Value;

    private static string Normalize(string full)
    {
        var root = Path.GetPathRoot(full);
        return full.Length > (root?.Length ?? 0) ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
    }
}
