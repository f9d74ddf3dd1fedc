using Kiln.Registry;
using Kiln.Registry.Models;
using Kiln.Registry.Storage;

// Usage:
//   crash <db> <model-file>            register, but stop inside the transaction and wait to be killed
//   register <db> <model-file> <count> register <count> versions and print each version number
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: crash <db> <model-file> | register <db> <model-file> <count>");
    return 2;
}

var (mode, database, modelFile) = (args[0], args[1], args[2]);
var store = new SqliteRegistryStore(new RegistryOptions(database));
var registry = new ModelRegistry(store, new Kiln.Registry.Artifacts.FileArtifactStore(new RegistryOptions(database).StoreDirectory));
var request = new RegistrationRequest(
    "churn",
    modelFile,
    new ModelSignature([new TensorSpec("tenure", "float32")], [new TensorSpec("Probability", "float32")]),
    new Dictionary<string, double> { ["roc_auc"] = 0.8 },
    new ModelCardFacts("Crash and concurrency tests."));

if (mode == "crash")
{
    store.BeforeVersionCommit = () =>
    {
        Console.Out.WriteLine("READY");
        Console.Out.Flush();

        // Bounded: if the parent never kills us, give up rather than hang around holding the write lock.
        Thread.Sleep(TimeSpan.FromSeconds(60));
        Environment.Exit(3);
    };
    registry.Register(request);
    return 4;
}

for (var i = 0; i < int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture); i++)
{
    Console.Out.WriteLine(registry.Register(request).Version);
}

return 0;
