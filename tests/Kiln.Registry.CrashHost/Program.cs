using System.Globalization;
using Kiln.Registry;
using Kiln.Registry.Models;
using Kiln.Registry.Promotion;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;

// Every mode takes the registry's store URI (sqlite:<file> or postgres://...) and its artifact store: a directory, or a URI (s3://...):
//   open <store> <artifacts> -                         open the registry and print its versions; a RegistryException's message goes to stderr, exit 1
//   crash <store> <dir> <model-file>                   register, but stop inside the transaction and wait to be killed
//   register <store> <dir> <model-file> <count>        register <count> versions, each of new bytes derived from the file, and print each version number
//   register-same <store> <dir> <model-file> <count>   register the same file <count> times and print the version each registration ended with
//   decide <store> <dir> <model-file> <count>          register <count> versions of random quality, each decided against the champion it replaces
//   track <store> <dir> <runs> <keys>                  track <runs> runs, logging <keys> parameters and metrics one call each, and print the run ids
//   run <store> <dir> <heartbeat-ms>                   start an evaluate run heartbeating every <heartbeat-ms>, print its id, and wait to be killed
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: <mode> <store-uri> <artifact-dir> <arguments...> (see Program.cs)");
    return 2;
}

var (mode, storeUri, artifactDirectory) = (args[0], args[1], args[2]);
RegistryOptions Options(HeartbeatPolicy? heartbeat = null) =>
    new(storeUri, Heartbeat: heartbeat, Artifacts: artifactDirectory.Contains("://", StringComparison.Ordinal) ? artifactDirectory : "file:" + artifactDirectory);
int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

if (mode == "run")
{
    var interval = TimeSpan.FromMilliseconds(Number(args[3]));
    var tracking = ModelRegistry.Open(Options(new HeartbeatPolicy(interval, 3 * interval)));
    Console.Out.WriteLine(tracking.StartRun(new RunStart(RunKind.Evaluate)));
    Console.Out.Flush();

    // Bounded: if the parent never kills us, exit without finishing the run, which is what a crash looks like too.
    Thread.Sleep(TimeSpan.FromSeconds(60));
    return 3;
}

if (mode == "open")
{
    try
    {
        foreach (var version in ModelRegistry.Open(Options()).ListVersions())
        {
            Console.Out.WriteLine($"{version.Name} v{version.Version}");
        }

        return 0;
    }
    catch (RegistryException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

var registry = ModelRegistry.Open(Options());
if (mode == "track")
{
    var (runs, keys) = (Number(args[3]), Number(args[4]));
    for (var r = 0; r < runs; r++)
    {
        var id = registry.StartRun(new RunStart(RunKind.Train, Environment: $"pid-{Environment.ProcessId}"));
        for (var k = 0; k < keys; k++)
        {
            registry.LogParameters(id, new Dictionary<string, string> { [$"p{k}"] = $"{Environment.ProcessId}-{r}-{k}" });
            registry.LogMetrics(id, new Dictionary<string, double> { [$"m{k}"] = k + (r / 1000.0) });
        }

        registry.LogDataset(id, new DatasetLineage($"data/{r}.csv", new string('a', 64), r, 0));
        registry.FinishRun(id, RunStatus.Succeeded);
        Console.Out.WriteLine(id);
    }

    return 0;
}

var modelFile = args[3];
RegistrationRequest Request(string path) => new(
    "churn",
    path,
    new ModelSignature([new TensorSpec("tenure", "float32")], [new TensorSpec("Probability", "float32")]),
    new Dictionary<string, double> { ["roc_auc"] = 0.8 },
    new ModelCardFacts("Crash and concurrency tests."));

if (mode == "crash")
{
    ((RelationalRegistryStore)registry.Store).BeforeVersionCommit = () =>
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

var count = Number(args[4]);
var random = new Random(Environment.ProcessId);
for (var i = 0; i < count; i++)
{
    var path = modelFile;
    var quality = random.NextDouble();
    if (mode is "register" or "decide")
    {
        // Registering identical bytes twice is a no-op, so each registration gets bytes no other process or iteration has;
        // for decide, the first eight bytes are the model's quality, which the next registration reads back from the champion it is decided against.
        path = Path.Combine(Path.GetTempPath(), $"kiln-crash-host-{Environment.ProcessId}-{i}.onnx");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes(quality), .. File.ReadAllBytes(modelFile), .. BitConverter.GetBytes(Environment.ProcessId), .. BitConverter.GetBytes(i)]);
    }

    var registered = mode == "decide"
        ? registry.Register(Request(path), champion =>
        {
            if (champion is null)
            {
                return new PromotionDecision(PromotionOutcome.Champion, $"quality {quality.ToString("R", CultureInfo.InvariantCulture)} vs no champion", "quality", quality);
            }

            var championQuality = BitConverter.ToDouble(File.ReadAllBytes(champion.Verify()), 0);
            return new PromotionDecision(
                quality > championQuality ? PromotionOutcome.Champion : PromotionOutcome.Challenger,
                $"quality {quality.ToString("R", CultureInfo.InvariantCulture)} vs champion v{champion.Version!.Version} quality {championQuality.ToString("R", CultureInfo.InvariantCulture)}",
                "quality", quality, championQuality);
        })
        : registry.Register(Request(path));
    Console.Out.WriteLine(registered.Version.Version);
    if (path != modelFile)
    {
        File.Delete(path);
    }
}

return 0;
