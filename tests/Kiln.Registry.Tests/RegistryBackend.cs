using Kiln.Registry.Artifacts;
using Kiln.Registry.Models;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;

namespace Kiln.Registry.Tests;

/// <summary>One fresh registry database of one kind (a SQLite file, a PostgreSQL database) with a temp directory for input files and a file artifact store; removed afterwards.</summary>
/// <remarks>The contract suites run every test once per kind, so both stores are held to the same behaviour.</remarks>
public abstract class RegistryBackend : IDisposable
{
    protected RegistryBackend()
    {
        Directory = Path.Combine(Path.GetTempPath(), "kiln-registry-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The temp directory of this registry's files.</summary>
    public string Directory { get; }

    /// <summary>The store's URI, as a child process or the configuration would name it.</summary>
    public abstract string StoreUri { get; }

    /// <summary>How the store names itself in messages (a file path, or the URI without secrets).</summary>
    public abstract string Location { get; }

    /// <summary>How the registry is opened: its store, and its artifacts in <see cref="StoreDirectory"/>.</summary>
    public abstract RegistryOptions Options { get; }

    /// <summary>The directory of the file artifact store.</summary>
    public virtual string StoreDirectory => Path.Combine(Directory, "store");

    /// <summary>Opens the registry as the build does.</summary>
    public ModelRegistry Open() => ModelRegistry.Open(Options);

    /// <summary>Opens the registry with a clock and a heartbeat policy of the test's choosing.</summary>
    public ModelRegistry Open(TimeProvider? clock, HeartbeatPolicy? heartbeat = null) =>
        new(OpenStore(), new FileArtifactStore(StoreDirectory), clock, heartbeat);

    /// <summary>Opens the row store alone, migrated to <paramref name="targetVersion"/> (default: the newest), or read-only.</summary>
    public abstract RelationalRegistryStore OpenStore(int? targetVersion = null, StoreAccess access = StoreAccess.ReadWrite);

    /// <summary>Makes the database exist with no tables, as a database administrator hands over a new one.</summary>
    public abstract void CreateEmptyDatabase();

    /// <summary>The names of the database's tables.</summary>
    public abstract List<string> Tables();

    /// <summary>Runs SQL straight on the database, past Kiln, as an older Kiln or another tool would have written.</summary>
    public abstract void Execute(string sql);

    /// <summary>The first column of every row <paramref name="sql"/> returns.</summary>
    public abstract List<T> Query<T>(string sql);

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
        DropDatabase();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless and must not fail a test.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Removes the database (and whatever connections to it remain).</summary>
    protected abstract void DropDatabase();
}
