using System.Formats.Tar;

namespace Kiln.Containers;

/// <summary>A docker build context being written as a tar file in the temp directory; deleted on dispose.</summary>
internal sealed class BuildContext : IDisposable
{
    private const UnixFileMode Directory755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode File644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    // A fixed timestamp keeps the context identical for identical inputs.
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FileStream _file;
    private readonly TarWriter _writer;
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    public BuildContext()
    {
        FilePath = Path.Combine(Path.GetTempPath(), $"kiln-context-{Guid.NewGuid():N}.tar");
        _file = new FileStream(FilePath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _writer = new TarWriter(_file, TarEntryFormat.Pax, leaveOpen: true);
    }

    public string FilePath { get; }

    public void AddDirectory(string tarPath, UnixFileMode mode = Directory755)
    {
        tarPath = tarPath.TrimEnd('/');
        if (!_directories.Add(tarPath))
        {
            return;
        }

        var parent = Path.GetDirectoryName(tarPath)?.Replace('\\', '/');
        if (!string.IsNullOrEmpty(parent))
        {
            AddDirectory(parent);
        }

        _writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, tarPath + "/") { Mode = mode, ModificationTime = Epoch, Uid = 0, Gid = 0 });
    }

    public void AddText(string tarPath, string content, UnixFileMode mode = File644) =>
        AddStream(tarPath, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), mode);

    /// <summary>Adds a file's content (symbolic links followed) under <paramref name="tarPath"/>; executables stay executable.</summary>
    public void AddFile(string tarPath, string sourcePath)
    {
        var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(sourcePath) & UnixFileMode.UserExecute) != 0;
        using var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        AddStream(tarPath, source, executable ? Directory755 : File644);
    }

    /// <summary>Adds every file under <paramref name="sourceDirectory"/> below <paramref name="tarDirectory"/>, except those <paramref name="exclude"/> rejects.</summary>
    public void AddTree(string tarDirectory, string sourceDirectory, Func<string, bool> exclude)
    {
        AddDirectory(tarDirectory);
        foreach (var path in Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(sourceDirectory, path).Replace('\\', '/');
            if (exclude(relative))
            {
                continue;
            }

            var tarPath = $"{tarDirectory}/{relative}";
            if (Path.GetDirectoryName(tarPath)?.Replace('\\', '/') is { Length: > 0 } parent)
            {
                AddDirectory(parent);
            }

            AddFile(tarPath, path);
        }
    }

    /// <summary>Finishes the tar and returns it as a stream positioned at the start, for the engine to read.</summary>
    public Stream Complete()
    {
        _writer.Dispose();
        _file.Flush();
        _file.Position = 0;
        return _file;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }

    private void AddStream(string tarPath, Stream content, UnixFileMode mode)
    {
        _writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, tarPath) { Mode = mode, ModificationTime = Epoch, Uid = 0, Gid = 0, DataStream = content });
    }
}
