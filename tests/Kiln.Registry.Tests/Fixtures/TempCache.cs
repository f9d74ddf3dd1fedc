namespace Kiln.Registry.Tests.Fixtures;

/// <summary>A fresh artifact cache directory, as a new machine has, deleted afterwards.</summary>
internal sealed class TempCache : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "kiln-cache-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was cached.
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless and must not fail a test.
        }
    }
}
