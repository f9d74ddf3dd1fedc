using Kiln.Registry.Models;
using Microsoft.Data.Sqlite;

namespace Kiln.Registry.Tests;

/// <summary>A registry on a real SQLite file in a fresh temp directory, deleted afterwards.</summary>
public sealed class TempRegistry : IDisposable
{
    public TempRegistry()
    {
        Directory = Path.Combine(Path.GetTempPath(), "kiln-registry-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Options = new RegistryOptions(Path.Combine(Directory, "registry", "kiln.db"));
    }

    public string Directory { get; }

    public RegistryOptions Options { get; }

    public ModelRegistry Open() => ModelRegistry.Open(Options);

    /// <summary>Writes a file of <paramref name="size"/> bytes whose content depends on <paramref name="seed"/>.</summary>
    public string File(string name, int seed = 1, int size = 1024)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        var path = Path.Combine(Directory, "inputs", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public static RegistrationRequest Request(string modelPath, string name = "churn", double auc = 0.8) => new(
        name,
        modelPath,
        new ModelSignature([new TensorSpec("tenure", "float32"), new TensorSpec("plan", "string")], [new TensorSpec("Probability", "float32")]),
        new Dictionary<string, double> { ["roc_auc"] = auc },
        new ModelCardFacts("Rank customers by churn risk for retention offers."));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless and must not fail a test.
        }
    }
}
