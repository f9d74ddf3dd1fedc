namespace Kiln.Registry.Artifacts;

/// <summary>A bucket and a key or key prefix, parsed from <c>s3://bucket/key</c>.</summary>
/// <param name="Bucket">The bucket name.</param>
/// <param name="Key">The object key or key prefix, without leading or trailing '/'; empty for the bucket's root.</param>
public sealed record S3Location(string Bucket, string Key)
{
    /// <summary>The URI scheme, <c>s3://</c>.</summary>
    public const string Scheme = "s3://";

    /// <summary>Whether <paramref name="uri"/> starts with <c>s3://</c>.</summary>
    public static bool IsS3(string uri) => uri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>s3://bucket[/key]</c>; a <see cref="RegistryException"/> names what is wrong, with <paramref name="setting"/> (e.g. <c>registry.artifacts</c>) as the place.</summary>
    /// <param name="uri">The URI.</param>
    /// <param name="setting">Where the URI came from, for the message.</param>
    /// <param name="requireKey">Whether the URI must name an object (a dataset) rather than only a bucket or prefix.</param>
    public static S3Location Parse(string uri, string setting, bool requireKey = false)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!IsS3(uri))
        {
            throw new RegistryException($"{setting} '{uri}' is not an s3:// URI.");
        }

        var rest = uri[Scheme.Length..];
        if (rest.IndexOfAny(['?', '#', '\\']) >= 0)
        {
            throw new RegistryException(
                $"{setting} '{uri}' must be s3://bucket/key without '?', '#' or '\\': the endpoint and credentials come from the AWS_* environment, never from the URI.");
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        if (!IsValidBucketName(bucket))
        {
            throw new RegistryException(
                $"{setting} '{uri}': '{bucket}' is not a valid bucket name (3 to 63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit).");
        }

        if (requireKey && (key.Length == 0 || rest.EndsWith('/')))
        {
            throw new RegistryException($"{setting} '{uri}' names no object: expected s3://{bucket}/path/to/file.csv.");
        }

        return new S3Location(bucket, key);
    }

    /// <summary>The key of <paramref name="name"/> under this prefix.</summary>
    public string Child(string name) => Key.Length == 0 ? name : $"{Key}/{name}";

    /// <summary>The URI of <paramref name="key"/> in this bucket.</summary>
    public string UriOf(string key) => $"{Scheme}{Bucket}/{key}";

    /// <summary>The last segment of the key (the file name of an object).</summary>
    public string FileName => Key[(Key.LastIndexOf('/') + 1)..];

    /// <summary>The URI, <c>s3://bucket/key</c>.</summary>
    public override string ToString() => Key.Length == 0 ? $"{Scheme}{Bucket}" : UriOf(Key);

    private static bool IsValidBucketName(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-')
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]);
}
