using System.Globalization;
using Kiln.Pipeline.Registration;
using Kiln.Registry;
using Kiln.Registry.Transfer;
using Kiln.Registry.Runs;
using Kiln.Targets;

/// <summary>Registry: versioned models with champion/challenger aliases, and the tracked runs behind them.</summary>
partial class Build
{
    [Parameter("How many recent runs Runs lists, and recent versions Models lists (besides every aliased one)")]
    readonly int Limit = 10;

    [Parameter("Two run ids for Runs to compare side by side (params and metrics diff)")]
    readonly string[] Compare = [];

    [Parameter("The registry MigrateRegistry copies from (default: the embedded sqlite:artifacts/registry/kiln.db, its artifacts beside it)")]
    readonly string From = "sqlite:artifacts/registry/kiln.db";

    Target Register => _ => _
        .Description("Register model.onnx as the next version; champion only if it passes the gates and beats the champion")
        .DependsOn(Evaluate)
        .Cached(() => Status(new RegisterStage(Pipeline, Registry)))
        .Executes(async cancellationToken => await RunTracked(new RegisterStage(Pipeline, Registry), RunKind.Register, cancellationToken));

    Target Models => _ => _
        .Description("List registered model versions with aliases, key metrics and source runs")
        .Executes(() =>
        {
            var (versions, total) = Registry.RecentVersions(Config.Registry.ModelName, Limit);
            if (versions.Count == 0)
            {
                Log.Information($"No versions of '{Config.Registry.ModelName}' yet; run ./build.sh Register");
                return;
            }

            Log.Table(["version", "aliases", "roc_auc", "pr_auc", "log_loss", "created (UTC)", "source run", "sha256", "decision"],
                versions.Select(v => (IReadOnlyList<string>)
                [
                    v.Version.ToString(CultureInfo.InvariantCulture),
                    string.Join(", ", v.Aliases.Select(a => "@" + a)),
                    Metric(v.Metrics, "roc_auc"), Metric(v.Metrics, "pr_auc"), Metric(v.Metrics, "log_loss"),
                    v.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    v.SourceRunId ?? "-",
                    v.Model.Sha256[..12],
                    v.PromotionReason ?? "-",
                ]));
            if (total > versions.Count)
            {
                Log.Information($"{versions.Count} of {total} versions shown (the newest {Limit} and every aliased one); --limit N shows more");
            }
        });

    Target MigrateRegistry => _ => _
        .Description("Copy runs, versions, aliases and artifacts from a local registry (--from) into the configured shared stores; rerunning copies nothing twice")
        .Executes(() => Log.Information(RegistryTransfer.Copy(ModelRegistry.Open(Pipeline.OtherRegistryOptions(From)), Registry, Log.Information).Summary));

    Target Runs => _ => _
        .Description("List recent tracked runs, or compare two with --compare <run> <run>")
        .Requires(() => Compare.Length == 0 || Compare.Length == 2)
        .Executes(() =>
        {
            if (Compare.Length == 2)
            {
                var comparison = Registry.CompareRuns(Compare[0], Compare[1]);
                Log.Information($"Parameters: {comparison.BaseRunId} -> {comparison.OtherRunId}");
                Log.Table(["param", "old", "new", "change"],
                    comparison.Parameters.Select(p => (IReadOnlyList<string>)[p.Key, p.Old ?? "-", p.New ?? "-", p.Change.ToString()]));
                Log.Information("Metrics:");
                Log.Table(["metric", "old", "new", "delta"],
                    comparison.Metrics.Select(m => (IReadOnlyList<string>)[m.Key, Number(m.Old), Number(m.New), Number(m.Delta)]));
                return;
            }

            Log.Table(["run", "kind", "status", "started (UTC)", "duration", "version", "env", "roc_auc", "changed params vs previous"],
                RunRows(Registry.RecentRuns(Limit + 100), Limit));
        });

    // Each shown run is compared with the previous run of its kind, which may be older than the runs shown.
    static IEnumerable<IReadOnlyList<string>> RunRows(IReadOnlyList<Run> runs, int shown) =>
        runs.Take(shown).Select((run, i) =>
        {
            var previous = runs.Skip(i + 1).FirstOrDefault(r => r.Kind == run.Kind);
            var changed = previous is null
                ? "-"
                : string.Join(", ", RunComparison.Between(previous, run).Parameters.Select(p => $"{p.Key}={p.New ?? "(removed)"}"));
            return (IReadOnlyList<string>)
            [
                run.Id, run.Kind.ToString(), run.Status.ToString(),
                run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                run.Duration is { } d ? d.TotalSeconds.ToString("0.0s", CultureInfo.InvariantCulture) : "-",
                run.GitVersion ?? "-", run.Environment, Metric(run.Metrics, "roc_auc"), changed.Length == 0 ? "-" : changed,
            ];
        });

    static string Metric(IReadOnlyDictionary<string, double> metrics, string name) =>
        metrics.TryGetValue(name, out var value) ? value.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    static string Number(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "-";
}
