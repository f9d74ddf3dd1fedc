using System.Diagnostics;
using Kiln.Registry;
using Kiln.Registry.Seeding;

namespace Kiln.Dashboard.Benchmarks;

/// <summary>Seeds a registry for the measurements (or for a look), through the registry API, unless it already holds runs.</summary>
public static class SeedCommand
{
    /// <summary>Seeds <paramref name="database"/> (a SQLite file or a <c>postgres://</c> URI, with <paramref name="artifacts"/> then naming the shared artifact store) as <paramref name="plan"/> asks, its runs ending now; a registry that holds runs but no studies only gets the studies.</summary>
    public static ModelRegistry Seed(string database, string? artifacts, SeedPlan plan, TextWriter log)
    {
        var registry = ModelRegistry.Open(new RegistryOptions(database, Artifacts: artifacts));
        var existing = registry.Store.QueryRuns(new Registry.Queries.RunQuery(Limit: 1)).Total;
        var clock = Stopwatch.StartNew();
        if (existing > 0)
        {
            if (plan.Studies > 0 && registry.Store.ListStudies().Count == 0)
            {
                var oldest = registry.Store.QueryRuns(new Registry.Queries.RunQuery(Sort: new Registry.Queries.RunSort(Registry.Queries.RunSortColumn.Started, Descending: false), Limit: 1)).Runs[0];
                new StudySeeder(registry.Store, registry.Content, 7).Seed(plan.Studies, plan.Trials, oldest.StartedAt);
                log.WriteLine($"{database} already holds {existing:N0} runs; added {plan.Studies:N0} studies of {plan.Trials} trials in {clock.Elapsed.TotalSeconds:0.0} s");
            }
            else
            {
                log.WriteLine($"{database} already holds {existing:N0} runs; not seeding again (delete it to reseed)");
            }

            return registry;
        }

        // The runs end about now: experiments are 6.5 minutes apart, and the studies come a day apart before them.
        plan = plan with { Start = DateTimeOffset.UtcNow.AddMinutes(-6.5 * plan.Experiments) };
        log.WriteLine($"seeding {plan.Runs:N0} runs ({plan.Experiments:N0} train+evaluate pairs, {plan.Versions:N0} versions, {plan.Studies:N0} studies of {plan.Trials} trials) into {database}");
        var work = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database))!, "seed-files");
        var result = new RegistrySeeder(registry, work).Seed(plan);
        var total = registry.Store.QueryRuns(new Registry.Queries.RunQuery(Limit: 1)).Total;
        log.WriteLine($"seeded {total:N0} runs, {result.Versions.Count:N0} versions and {result.Studies.Count:N0} studies in {clock.Elapsed.TotalSeconds:0.0} s");
        Directory.Delete(work, recursive: true);
        return registry;
    }
}
