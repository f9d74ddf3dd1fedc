namespace Kiln.Registry.Artifacts;

/// <summary>The embedded artifact store (<c>file:</c>): files stored once by content as <c>&lt;root&gt;/&lt;sha256&gt;</c>, each written through a temp file, flushed to disk and renamed into place.</summary>
/// <param name="root">The store directory.</param>
public sealed class FileArtifactStore(string root) : IArtifactStore
{
    private readonly ContentDirectory _directory = new(root);

    /// <summary>The store directory.</summary>
    public string Root => _directory.Root;

    /// <inheritdoc />
    public string Location => ArtifactStores.FileScheme + Root;

    /// <summary>The path a blob with <paramref name="sha256"/> has (whether or not it exists).</summary>
    public string PathOf(string sha256) => _directory.PathOf(sha256);

    /// <inheritdoc />
    public StoredContent Put(Stream source) => Write(source);

    /// <inheritdoc />
    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <inheritdoc />
    public string LocalPath(string sha256) => PathOf(sha256);

    /// <inheritdoc />
    public string Fetch(string sha256)
    {
        // A damaged file is left in place: it is the only copy, and the evidence of what happened to it.
        var actual = _directory.ActualSha256(sha256);
        return actual == sha256 ? PathOf(sha256) : throw new ArtifactIntegrityException(PathOf(sha256), sha256, actual);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> CollectGarbage(IReadOnlySet<string> referenced, TimeSpan minimumAge) =>
        _directory.CollectGarbage(referenced, minimumAge);

    private StoredContent Write(Stream source)
    {
        try
        {
            using var staged = _directory.Stage(source);
            return _directory.Publish(staged);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryException($"Cannot write to the registry store '{Root}': {e.Message}", e);
        }
    }
}
