using System.Globalization;
using Kiln.Registry;
using Kiln.Registry.Models;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;

// Usage:
//   crash <db> <model-file>                   register, but stop inside the transaction and wait to be killed
//   register <db> <model-file> <count>        register <count> versions, each of new bytes derived from the file, and print each version number
//   register-same <db> <model-file> <count>   register the same file <count> times and print the version each registration ended with
//   run <db> <heartbeat-ms>                   start an evaluate run heartbeating every <heartbeat-ms>, print its id, and wait to be killed
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: crash <db> <model-file> | register[-same] <db> <model-file> <count> | run <db> <heartbeat-ms>");
    return 2;
}

var (mode, database) = (args[0], args[1]);
if (mode == "run")
{
    var interval = TimeSpan.FromMilliseconds(int.Parse(args[2], CultureInfo.InvariantCulture));
    var tracking = ModelRegistry.Open(new RegistryOptions(database, Heartbeat: new HeartbeatPolicy(interval, 3 * interval)));
    Console.Out.WriteLine(tracking.StartRun(new RunStart(RunKind.Evaluate)));
    Console.Out.Flush();

    // Bounded: if the parent never kills us, exit without finishing the run, which is what a crash looks like too.
    Thread.Sleep(TimeSpan.FromSeconds(60));
    return 3;
}

var modelFile = args[2];
var store = new SqliteRegistryStore(new RegistryOptions(database));
var registry = new ModelRegistry(store, new Kiln.Registry.Artifacts.FileArtifactStore(new RegistryOptions(database).StoreDirectory));
RegistrationRequest Request(string path) => new(
    "churn",
    path,
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
    registry.Register(Request(modelFile));
    return 4;
}

var count = int.Parse(args[3], CultureInfo.InvariantCulture);
for (var i = 0; i < count; i++)
{
    var path = modelFile;
    if (mode == "register")
    {
        // Registering identical bytes twice is a no-op, so each registration gets bytes no other process or iteration has.
        path = Path.Combine(Path.GetTempPath(), $"kiln-crash-host-{Environment.ProcessId}-{i}.onnx");
        File.WriteAllBytes(path, [.. File.ReadAllBytes(modelFile), .. BitConverter.GetBytes(Environment.ProcessId), .. BitConverter.GetBytes(i)]);
    }

    Console.Out.WriteLine(registry.Register(Request(path)).Version.Version);
    if (path != modelFile)
    {
        File.Delete(path);
    }
}

return 0;
