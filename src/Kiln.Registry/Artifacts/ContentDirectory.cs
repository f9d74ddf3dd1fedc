using System.Security.Cryptography;
using Kiln.Hashing;

namespace Kiln.Registry.Artifacts;

/// <summary>A directory of files named by their sha256 (<c>&lt;root&gt;/&lt;sha256&gt;</c>): each is copied into a temp file in the same directory, hashed while copied, flushed to disk and renamed into place, so a crash never leaves a partial file under a hash.</summary>
/// <param name="root">The directory; created on the first write.</param>
public sealed class ContentDirectory(string root)
{
    private const string TempPrefix = ".tmp-";
    private const int BufferSize = 1 << 16;

    /// <summary>The absolute directory.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The path content with <paramref name="sha256"/> has (whether or not it exists).</summary>
    public string PathOf(string sha256) => Path.Combine(Root, sha256);

    /// <summary>Copies <paramref name="source"/> into a temp file, hashing while copying; publish it with <see cref="Publish"/> or dispose it.</summary>
    /// <param name="source">The bytes, read to the end.</param>
    /// <param name="computeMd5">Also computes the MD5 digest (for S3's Content-MD5 integrity header).</param>
    /// <param name="cancellationToken">Stops the copy between buffers.</param>
    public StagedContent Stage(Stream source, bool computeMd5 = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            using var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
#pragma warning disable CA5351 // MD5 is S3's Content-MD5 transfer check, not a security measure; sha256 is the content's identity.
            using var md5 = computeMd5 ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
#pragma warning restore CA5351
            var buffer = new byte[BufferSize];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sha256.AppendData(buffer, 0, read);
                md5?.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
            }

            // fsync before any rename, so a crash can never leave a renamed but empty or partial file.
            target.Flush(flushToDisk: true);
            return new StagedContent(temp, Convert.ToHexStringLower(sha256.GetHashAndReset()), target.Length, md5?.GetHashAndReset());
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Moves staged content into place under its sha256; an intact copy already there is kept.</summary>
    public StoredContent Publish(StagedContent staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        var final = PathOf(staged.Sha256);
        if (File.Exists(final) && FileHash.Sha256(final) == staged.Sha256)
        {
            TryDelete(staged.TempPath);
        }
        else
        {
            // overwrite: a same-named file with other content is a damaged copy of this very content.
            File.Move(staged.TempPath, final, overwrite: true);
        }

        return new StoredContent(staged.Sha256, staged.SizeBytes, final);
    }

    /// <summary>The sha256 the file under <paramref name="sha256"/> actually has, or null when there is no such file.</summary>
    public string? ActualSha256(string sha256)
    {
        var path = PathOf(sha256);
        try
        {
            return FileHash.Sha256(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes files not in <paramref name="referenced"/> and stale temp files, if older than <paramref name="minimumAge"/> (so in-flight writes are spared).</summary>
    public IReadOnlyList<string> CollectGarbage(IReadOnlySet<string> referenced, TimeSpan minimumAge)
    {
        ArgumentNullException.ThrowIfNull(referenced);
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var cutoff = DateTime.UtcNow - minimumAge;
        var removed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Root))
        {
            if (referenced.Contains(Path.GetFileName(file)) || File.GetLastWriteTimeUtc(file) > cutoff)
            {
                continue;
            }

            File.Delete(file);
            removed.Add(file);
        }

        return removed;
    }

    /// <summary>Deletes temp files older than <paramref name="minimumAge"/> that killed writers left behind, keeping every published file.</summary>
    public IReadOnlyList<string> RemoveStaleTempFiles(TimeSpan minimumAge)
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var published = Directory.EnumerateFiles(Root).Select(Path.GetFileName)
            .Where(name => !name!.StartsWith(TempPrefix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        return CollectGarbage(published!, minimumAge);
    }

    /// <summary>Opens <paramref name="sourcePath"/> to be stored in <paramref name="destination"/>; an unreadable file is a <see cref="RegistryException"/> naming both.</summary>
    public static FileStream OpenSource(string sourcePath, string destination)
    {
        try
        {
            return new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryException($"Cannot read '{sourcePath}' to store it in {destination}: {e.Message}", e);
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp file is harmless: garbage collection removes it later.
        }
    }
}
