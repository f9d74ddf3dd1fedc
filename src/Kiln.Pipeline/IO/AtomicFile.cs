using System.Text;

namespace Kiln.Pipeline.IO;

/// <summary>Writes files so that readers only ever see the old or the complete new content.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes through a stream to a temporary file in the same directory, then renames it over the target.</summary>
    /// <param name="path">The final file.</param>
    /// <param name="write">Fills the stream.</param>
    public static void Write(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        // Same directory, so the rename never crosses a file system and stays atomic.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes UTF-8 text (no BOM, "\n" line ends) atomically.</summary>
    /// <param name="path">The final file.</param>
    /// <param name="write">Fills the writer.</param>
    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });

    /// <summary>Writes a whole string atomically.</summary>
    /// <param name="path">The final file.</param>
    /// <param name="content">The text.</param>
    public static void WriteAllText(string path, string content) => WriteText(path, writer => writer.Write(content));
}
