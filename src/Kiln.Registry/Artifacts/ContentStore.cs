using System.Security.Cryptography;
using Kiln.Hashing;

namespace Kiln.Registry.Artifacts;

/// <summary>Files stored once by content as <c>&lt;root&gt;/&lt;sha256&gt;</c>, each written to a temp file in the same directory, flushed to disk and renamed into place.</summary>
public sealed class ContentStore(string root)
{
    private const string TempPrefix = ".tmp-";

    /// <summary>The store directory.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The path a blob with <paramref name="sha256"/> has (whether or not it exists).</summary>
    public string PathOf(string sha256) => Path.Combine(Root, sha256);

    /// <summary>Copies <paramref name="sourcePath"/> into the store, hashing while copying; identical content is kept once.</summary>
    public StoredContent Put(string sourcePath)
    {
        FileStream source;
        try
        {
            source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryException($"Cannot read '{sourcePath}' to store it in the registry: {e.Message}", e);
        }

        using (source)
        {
            return Write(source);
        }
    }

    /// <summary>Stores <paramref name="content"/>; identical content is kept once.</summary>
    public StoredContent Put(ReadOnlyMemory<byte> content)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        return Write(stream);
    }

    /// <summary>Deletes blobs not in <paramref name="referenced"/> and stale temp files, if older than <paramref name="minimumAge"/> (so in-flight registrations are spared).</summary>
    public IReadOnlyList<string> CollectGarbage(IReadOnlySet<string> referenced, TimeSpan minimumAge)
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var cutoff = DateTime.UtcNow - minimumAge;
        var removed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Root))
        {
            var name = Path.GetFileName(file);
            if (referenced.Contains(name) || File.GetLastWriteTimeUtc(file) > cutoff)
            {
                continue;
            }

            File.Delete(file);
            removed.Add(file);
        }

        return removed;
    }

    private StoredContent Write(Stream source)
    {
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            string sha256;
            long size;
            using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = source.Read(buffer)) > 0)
                {
                    hasher.AppendData(buffer, 0, read);
                    target.Write(buffer, 0, read);
                }

                // fsync before rename, so a crash can never leave a renamed but empty or partial blob.
                target.Flush(flushToDisk: true);
                size = target.Length;
                sha256 = Convert.ToHexStringLower(hasher.GetHashAndReset());
            }

            var final = PathOf(sha256);
            if (File.Exists(final) && FileHash.Sha256(final) == sha256)
            {
                File.Delete(temp);
            }
            else
            {
                // overwrite: a same-named file with other content is a damaged copy of this very content.
                File.Move(temp, final, overwrite: true);
            }

            return new StoredContent(sha256, size, final);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new RegistryException($"Cannot write to the registry store '{Root}': {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temp file is harmless: CollectGarbage removes it later.
        }
    }
}
