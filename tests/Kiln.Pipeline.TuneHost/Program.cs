using System.Globalization;
using Kiln.Pipeline;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Tuning;
using Kiln.Registry;
using Kiln.Registry.Runs;

// Usage: <root> <config.yaml> <registry store> <heartbeat milliseconds> [<artifact store>]
// The registry store is a SQLite file or a sqlite:/postgres:// URI; a postgres:// store needs the artifact store (file:<dir>) every worker shares.
// One Tune worker process on the study the config describes; the features must exist already. Its trials' runs heartbeat at the
// given interval and are presumed killed after six missed beats, the ratio of HeartbeatPolicy.Default.
if (args.Length is not (4 or 5))
{
    Console.Error.WriteLine("usage: <root> <config.yaml> <registry store> <heartbeat milliseconds> [<artifact store>]");
    return 2;
}

var context = new PipelineContext(args[0], KilnConfig.Load(args[1]), new ConsoleReporter());
var interval = TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture));
var registry = ModelRegistry.Open(new RegistryOptions(args[2], Heartbeat: new HeartbeatPolicy(interval, 6 * interval), Artifacts: args.Length == 5 ? args[4] : null));
var result = new StudyRunner(context, registry).Run(new RunStart(RunKind.Tune), new TuneOptions(PollInterval: interval), CancellationToken.None);
Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DONE {result.RecordedHere}"));
return 0;
