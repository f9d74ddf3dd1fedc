using Kiln.Registry.Artifacts;
using Kiln.Registry.Models;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;

namespace Kiln.Registry.Transfer;

/// <summary>Copies one registry into another (the embedded SQLite registry into a team's PostgreSQL and S3): runs with their parameters, metrics,
/// lineage, artifacts and owners; versions with their files; aliases and their history; the images that carry versions. Copying again copies nothing twice.</summary>
/// <remarks>
/// Runs keep their ids, and a run the target has is left alone. Versions are matched by (model, sha256 of the model file): one the target already
/// has is not copied again. The others are appended in their original order under the target's next free numbers, so into a target that has no
/// versions of a model they keep their numbers, and into one that has, they follow its latest (the local v1 becomes v4 after the target's v3).
/// Each version is committed in one transaction after all its files are in the target's artifact store, so an interrupted copy leaves no half version.
/// An alias the target lacks is pointed at the copy of the version it points at locally (one more history entry, naming the source); an alias the
/// target has is the team's and is kept.
/// </remarks>
public static class RegistryTransfer
{
    /// <summary>Copies everything <paramref name="source"/> holds that <paramref name="target"/> lacks.</summary>
    /// <param name="source">The registry to copy from.</param>
    /// <param name="target">The registry to copy into.</param>
    /// <param name="log">Receives one line per version copied.</param>
    public static TransferReport Copy(ModelRegistry source, ModelRegistry target, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (string.Equals(source.Store.Location, target.Store.Location, StringComparison.Ordinal))
        {
            throw new RegistryException(
                $"The registry to copy from, {source.Store.Location}, is the configured registry itself: point the configuration (or --registry-store) at the shared registry to copy into.");
        }

        var copier = new ArtifactCopier(source.Content, target.Content);
        var (runsCopied, runsPresent, stillRunning) = CopyRuns(source, target, copier);
        var versionsCopied = new List<string>();
        var versionsPresent = 0;
        var aliases = new List<string>();
        foreach (var model in source.Store.ModelNames())
        {
            var numbers = new Dictionary<int, int>();
            var history = source.Store.AliasHistory(model, int.MaxValue).Where(h => h.Version is not null).ToLookup(h => h.Version!.Value);
            foreach (var version in source.Store.ListVersions(model).OrderBy(v => v.Version))
            {
                if (target.Store.FindVersionByModelSha256(model, version.Model.Sha256) is { } present)
                {
                    numbers[version.Version] = present.Version;
                    versionsPresent++;
                    continue;
                }

                var copied = CopyVersion(version, history[version.Version].Reverse().ToList(), target, copier);
                numbers[version.Version] = copied.Version.Version;
                if (copied.Created)
                {
                    versionsCopied.Add($"{model} v{version.Version} → v{copied.Version.Version}");
                    log?.Invoke($"Copied {model} v{version.Version} as v{copied.Version.Version} ({version.Artifacts.Count} files)");
                }
                else
                {
                    versionsPresent++;
                }
            }

            aliases.AddRange(AdoptAliases(model, source.Store.Aliases(model), numbers, target.Store, source.Store.Location));
            CopyImages(model, source.Store.Images(model), numbers, target.Store);
        }

        return new TransferReport(runsCopied, runsPresent, stillRunning, versionsCopied, versionsPresent, copier.Copied, copier.Bytes, aliases);
    }

    private static (int Copied, int Present, List<string> StillRunning) CopyRuns(ModelRegistry source, ModelRegistry target, ArtifactCopier copier)
    {
        var (copied, present) = (0, 0);
        var stillRunning = new List<string>();

        // Oldest first, as they happened; reading them through the registry records runs whose process died as killed first.
        foreach (var run in source.RecentRuns(int.MaxValue).OrderBy(r => r.StartedAt).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            if (run.Status == RunStatus.Running)
            {
                // A live run heartbeats into the source only; copied now, it would look killed in the target within seconds.
                stillRunning.Add(run.Id);
                continue;
            }

            foreach (var artifact in run.Artifacts.Where(a => source.Content.Exists(a.Sha256)))
            {
                copier.Ensure(artifact.Sha256);
            }

            if (target.Store.ImportRun(run))
            {
                copied++;
            }
            else
            {
                present++;
            }
        }

        return (copied, present, stillRunning);
    }

    private static RegisteredVersion CopyVersion(ModelVersion version, IReadOnlyList<AliasHistoryEntry> history, ModelRegistry target, ArtifactCopier copier)
    {
        // Every file first: a version row is only ever written once the content it names is in the target's store.
        var artifacts = version.Artifacts.Select(a => a with { StorePath = copier.Ensure(a.Sha256) }).ToList();
        var sourceRun = version.SourceRunId is { } id && target.Store.FindRun(id) is not null ? id : null;
        return target.Store.CreateVersion(new NewModelVersion(
            version.Name, version.CreatedAt, sourceRun, version.Signature, version.InputExample, version.Metrics, artifacts,
            Aliases: [], version.PromotionReason, History: history));
    }

    // An image reference the target already records is the team's (it may have been rebuilt since); only the missing ones are added.
    private static void CopyImages(string model, IReadOnlyList<ModelImage> local, Dictionary<int, int> numbers, IRegistryStore target)
    {
        var shared = target.Images(model).Select(i => i.Reference).ToHashSet(StringComparer.Ordinal);
        foreach (var image in local.Where(i => !shared.Contains(i.Reference)).Reverse())
        {
            target.AddImage(model, image with { Version = numbers[image.Version] });
        }
    }

    // The local moves were copied with their versions; setting the alias in the target is one more move there, recorded with where it came
    // from. Made against "unset", so a teammate who sets the alias meanwhile keeps it.
    private static List<string> AdoptAliases(
        string model, IReadOnlyDictionary<string, int> local, Dictionary<int, int> numbers, IRegistryStore target, string sourceLocation)
    {
        var shared = target.Aliases(model);
        var outcomes = new List<string>();
        foreach (var (alias, version) in local)
        {
            var copy = numbers[version];
            if (!shared.TryGetValue(alias, out var current))
            {
                try
                {
                    target.MoveAlias(new AliasMove(model, alias, copy, ExpectedVersion: null, $"copied from {sourceLocation} (MigrateRegistry)"));
                    outcomes.Add($"{model}@{alias} set to v{copy}");
                }
                catch (AliasConflictException)
                {
                    outcomes.Add($"{model}@{alias} kept as someone set it in the shared registry during the copy (locally it is v{version}, copied as v{copy})");
                }
            }
            else if (current != copy)
            {
                outcomes.Add($"{model}@{alias} kept at the shared registry's v{current} (locally it is v{version}, copied as v{copy})");
            }
        }

        return outcomes;
    }
}
