using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Kiln.Hashing;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Models;
using Kiln.Registry.Promotion;
using Kiln.Registry.Queries;
using Kiln.Registry.Resolution;
using Kiln.Registry.Runs;
using Kiln.Registry.Storage;

namespace Kiln.Registry;

/// <summary>Tracking and model registry in one place: runs with parameters, metrics and lineage; versioned models with aliases; reference resolution.</summary>
/// <param name="store">Where rows live.</param>
/// <param name="content">Where artifact files live (a local directory or an S3 bucket).</param>
/// <param name="time">Clock, replaceable in tests.</param>
/// <param name="heartbeat">How running runs prove they are alive; <see cref="HeartbeatPolicy.Default"/> when null.</param>
public sealed partial class ModelRegistry(IRegistryStore store, IArtifactStore content, TimeProvider? time = null, HeartbeatPolicy? heartbeat = null)
{
    // Each retry means another registration committed a new champion first, so the registry as a whole always progresses; the bound only keeps
    // one unlucky registration from deciding forever under a flood of others.
    private const int MaxDecisionAttempts = 32;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly HeartbeatPolicy _heartbeat = (heartbeat ?? HeartbeatPolicy.Default).Validated();
    private readonly ConcurrentDictionary<string, RunHeartbeat> _beating = new(StringComparer.Ordinal);

    /// <summary>The row store.</summary>
    public IRegistryStore Store { get; } = store;

    /// <summary>The content-addressed artifact store.</summary>
    public IArtifactStore Content { get; } = content;

    /// <summary>Opens the row store (SQLite or PostgreSQL, creating and migrating it as needed unless opened read-only) and the artifact store described by <paramref name="options"/>.</summary>
    public static ModelRegistry Open(RegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var content = options.OpenArtifactStore();
        return new(RegistryStores.Open(options, content.LocalPath), content, heartbeat: options.Heartbeat);
    }

    /// <summary>Starts a run owned by this process and returns its sortable id; the run heartbeats until it is finished or the process ends.</summary>
    public string StartRun(RunStart start)
    {
        var now = _time.GetUtcNow();
        var id = RunId.New(now);
        Store.InsertRun(id, start, RunOwner.Current, now);
        _beating[id] = new RunHeartbeat(Store, id, _time, _heartbeat.Interval);
        return id;
    }

    /// <summary>Records parameters of a run (a key logged twice keeps the last value).</summary>
    public void LogParameters(string runId, IReadOnlyDictionary<string, string> parameters) => Store.SetParameters(runId, parameters);

    /// <summary>Records metrics of a run (a key logged twice keeps the last value).</summary>
    public void LogMetrics(string runId, IReadOnlyDictionary<string, double> metrics) => Store.SetMetrics(runId, metrics);

    /// <summary>Records the raw data a run consumed.</summary>
    public void LogDataset(string runId, DatasetLineage dataset) => Store.AddDataset(runId, dataset);

    /// <summary>Copies <paramref name="path"/> into the content store and records it as an output of the run, so the run keeps these bytes after the next run overwrites the file.</summary>
    public ArtifactRecord LogArtifact(string runId, string path)
    {
        if (!File.Exists(path))
        {
            throw new RegistryException($"Artifact '{path}' of run '{runId}' does not exist.");
        }

        var stored = Content.Put(path);
        var artifact = new ArtifactRecord(path, stored.Sha256, stored.SizeBytes);
        Store.AddArtifact(runId, artifact);
        return artifact;
    }

    /// <summary>Marks a run succeeded or failed and stops its heartbeat.</summary>
    public void FinishRun(string runId, RunStatus status)
    {
        if (_beating.TryRemove(runId, out var beating))
        {
            beating.Dispose();
        }

        Store.FinishRun(runId, status, _time.GetUtcNow());
    }

    /// <summary>The run with <paramref name="runId"/> (killed if its owner is gone); a clear error listing recent runs when unknown.</summary>
    public Run GetRun(string runId) =>
        Observe(Store.FindRun(runId) ?? throw new RegistryEntryNotFoundException(DescribeMissingRun(runId)));

    /// <summary>The most recently started runs, newest first, with their parameters and metrics; runs whose owner is gone show as killed.</summary>
    public IReadOnlyList<Run> RecentRuns(int limit = 20) => [.. Store.RecentRuns(limit).Select(Observe)];

    /// <summary>The run with <paramref name="runId"/>, or null; a run whose owner died shows as killed.</summary>
    public Run? FindRun(string runId) => Store.FindRun(runId) is { } run ? Observe(run) : null;

    /// <summary>One page of the runs matching <paramref name="query"/> (filtered, sorted and paged by the store) and how many match; runs whose owner died show as killed.</summary>
    public RunPage QueryRuns(RunQuery query)
    {
        var page = Store.QueryRuns(query);
        return page with { Runs = [.. page.Runs.Select(Observe)] };
    }

    /// <summary>The most recently started run of <paramref name="kind"/> (killed if its owner is gone), or null; call it before starting the next one.</summary>
    public Run? LatestRun(RunKind kind) => Store.LatestRun(kind) is { } run ? Observe(run) : null;

    /// <summary>The newest succeeded run of <paramref name="kind"/> that recorded an artifact with these exact bytes, or null.</summary>
    public Run? FindRunWithArtifact(RunKind kind, string path) =>
        File.Exists(path) ? Store.FindRunWithArtifact(kind, FileHash.Sha256(path)) : null;

    /// <summary>Parameter and metric differences from <paramref name="baseRunId"/> to <paramref name="otherRunId"/>.</summary>
    public RunComparison CompareRuns(string baseRunId, string otherRunId, bool includeUnchanged = false) =>
        RunComparison.Between(GetRun(baseRunId), GetRun(otherRunId), includeUnchanged);

    /// <summary>Registers the next version of a model: stores its files by content, writes the model card, then commits the version row last.
    /// A model file whose bytes are already a version of the model registers nothing and returns that version with <c>Created</c> false.</summary>
    /// <remarks>The request's <see cref="RegistrationRequest.Decision"/> (if any) moves its alias whatever happened meanwhile; a decision made
    /// against the current champion belongs in <see cref="Register(RegistrationRequest, Func{ResolvedModel?, PromotionDecision})"/>.</remarks>
    public RegisteredVersion Register(RegistrationRequest request) => Register(request, decide: null);

    /// <summary>Registers the next version with a champion/challenger decision made against the current champion, committed only if that is still
    /// the champion; when another registration moved it meanwhile, <paramref name="decide"/> runs again against the new one.</summary>
    /// <remarks>
    /// This makes the decision and the alias move one atomic step on every store: the store commits the version under the model's lock and only
    /// while <c>@champion</c> points where it pointed when <paramref name="decide"/> looked (<see cref="AliasConflictException"/> otherwise, with
    /// nothing written). Without it, two processes deciding against the same champion would both move <c>@champion</c> and the last writer would win.
    /// </remarks>
    /// <param name="request">The model, its files, metrics and card; its <see cref="RegistrationRequest.Decision"/> is ignored.</param>
    /// <param name="decide">Decides champion or challenger against the champion it is given (null when there is none yet); may run more than once.</param>
    public RegisteredVersion Register(RegistrationRequest request, Func<ResolvedModel?, PromotionDecision>? decide)
    {
        ArgumentNullException.ThrowIfNull(request);
        RegistryNames.ValidModelName(request.ModelName);
        ValidateFiles(request);
        ValidateInputExample(request.InputExample);
        foreach (var (key, value) in request.Metrics)
        {
            if (!double.IsFinite(value))
            {
                throw new RegistryException($"Metric '{key}' of model '{request.ModelName}' is {value}; metrics must be finite numbers.");
            }
        }

        var sourceRun = request.SourceRunId is { } runId ? GetRun(runId) : null;
        var now = _time.GetUtcNow();

        // Files go in first: if the process dies before the commit below, they are unreferenced blobs, never a half version.
        var model = Content.Put(request.ModelPath);
        if (Store.FindVersionByModelSha256(request.ModelName, model.Sha256) is { } existing)
        {
            return new RegisteredVersion(existing, Created: false);
        }

        var files = new List<VersionArtifact> { new(Path.GetFileName(request.ModelPath), model.Sha256, model.SizeBytes, model.Path) };
        foreach (var file in request.AttachedFiles ?? [])
        {
            var stored = Content.Put(file);
            files.Add(new VersionArtifact(Path.GetFileName(file), stored.Sha256, stored.SizeBytes, stored.Path));
        }

        for (var attempt = 1; ; attempt++)
        {
            var decision = request.Decision;
            AliasExpectation? expected = null;
            if (decide is not null)
            {
                var champion = TryResolve($"models:/{request.ModelName}@{PromotionPolicy.ChampionAlias}");
                decision = decide(champion);
                expected = new AliasExpectation(PromotionPolicy.ChampionAlias, champion?.Version?.Version);
            }

            var card = ModelCardWriter.Write(request.ModelName, model.Sha256, now, request.Card, request.Metrics, request.Signature, sourceRun, decision);
            var storedCard = Content.Put(Encoding.UTF8.GetBytes(card));
            VersionArtifact[] artifacts = [.. files, new VersionArtifact(ModelCardWriter.FileName, storedCard.Sha256, storedCard.SizeBytes, storedCard.Path)];
            try
            {
                return Store.CreateVersion(new NewModelVersion(
                    request.ModelName, now, request.SourceRunId, request.Signature, request.InputExample, request.Metrics, artifacts,
                    decision is not null ? [decision.Alias] : [], decision?.Reason, expected));
            }
            catch (AliasConflictException) when (decide is not null && attempt < MaxDecisionAttempts)
            {
                // Another registration moved the champion after this one decided: decide again, against the new champion.
            }
        }
    }

    /// <summary>The version of <paramref name="model"/> whose model file has the same bytes as <paramref name="modelPath"/>, or null (also when the file does not exist).</summary>
    public ModelVersion? FindVersionOf(string model, string modelPath) =>
        File.Exists(modelPath) ? Store.FindVersionByModelSha256(model, FileHash.Sha256(modelPath)) : null;

    /// <summary>Points an alias at a version, moving it from wherever it pointed.</summary>
    public void SetAlias(string model, string alias, int version)
    {
        RequireModel(model);
        Store.SetAlias(model, alias, version);
    }

    /// <summary>Moves an alias on purpose (promoting a challenger, rolling the champion back), refusing if it moved since <see cref="AliasMove.ExpectedVersion"/>, and records the reason.</summary>
    public void MoveAlias(AliasMove move)
    {
        RequireModel(move.Model);
        Store.MoveAlias(move);
    }

    /// <summary>Records that the image <paramref name="reference"/> (engine id <paramref name="imageId"/>) carries <paramref name="version"/> of <paramref name="model"/>.</summary>
    public void RecordImage(string model, int version, string reference, string imageId)
    {
        RequireModel(model);
        Store.AddImage(model, new ModelImage(version, reference, imageId, _time.GetUtcNow()));
    }

    /// <summary>Removes an alias; false when it was not set.</summary>
    public bool RemoveAlias(string model, string alias) => Store.RemoveAlias(model, alias);

    /// <summary>Every version (of one model, or all models).</summary>
    public IReadOnlyList<ModelVersion> ListVersions(string? model = null) => Store.ListVersions(model);

    /// <summary>The <c>Models</c> listing: the newest <paramref name="newest"/> versions of a model and every version an alias points at, newest first,
    /// with how many versions the model has; read in pages, so a model with thousands of versions lists as fast as one with a few.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="newest">How many of the newest versions to include (1 to <see cref="RunQuery.MaxLimit"/>).</param>
    public VersionPage RecentVersions(string model, int newest)
    {
        var page = Store.QueryVersions(model, 0, Math.Clamp(newest, 1, RunQuery.MaxLimit));
        var shown = page.Versions.Select(v => v.Version).ToHashSet();
        var aliased = Store.Aliases(model).Values.Distinct().Where(v => !shown.Contains(v)).Select(v => Store.FindVersion(model, v)).OfType<ModelVersion>();
        return page with { Versions = [.. page.Versions.Concat(aliased).OrderByDescending(v => v.Version)] };
    }

    /// <summary>Resolves a reference to a file, its expected hash and its version, without reading the file; unknown names give an error listing what exists.</summary>
    public ResolvedModel Resolve(string reference)
    {
        var parsed = ModelReference.Parse(reference);
        if (parsed.Kind == ModelReferenceKind.FilePath)
        {
            return new ResolvedModel(reference, Path.GetFullPath(reference), null, null);
        }

        var name = parsed.Name!;
        RequireModel(name);
        var version = parsed.Kind switch
        {
            ModelReferenceKind.Alias => Store.FindVersionByAlias(name, parsed.Alias!)
                ?? throw new RegistryEntryNotFoundException(
                    $"Model '{name}' has no alias '{parsed.Alias}' (in '{reference}'); {DescribeAliases(name)}."),
            ModelReferenceKind.Version => Store.FindVersion(name, parsed.Version!.Value)
                ?? throw new RegistryEntryNotFoundException(
                    $"Model '{name}' has no version {parsed.Version} (in '{reference}'); {DescribeVersions(name)}."),
            _ => Store.ListVersions(name).FirstOrDefault()
                ?? throw new RegistryEntryNotFoundException($"Model '{name}' has no versions (in '{reference}')."),
        };

        return new ResolvedModel(reference, Content.LocalPath(version.Model.Sha256), version.Model.Sha256, version, Content);
    }

    /// <summary>Like <see cref="Resolve"/> but returns null when the model or alias does not exist (e.g. to ask whether there is a champion yet).</summary>
    public ResolvedModel? TryResolve(string reference)
    {
        try
        {
            return Resolve(reference);
        }
        catch (RegistryEntryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Resolves a reference and verifies the file's sha256; returns the path that is safe to load.</summary>
    public string ResolveVerified(string reference) => Resolve(reference).Verify();

    /// <summary>Deletes store files no version references that are older than <paramref name="minimumAge"/> (leftovers of interrupted registrations).</summary>
    public IReadOnlyList<string> CollectGarbage(TimeSpan minimumAge) =>
        Content.CollectGarbage(Store.ReferencedArtifactHashes(), minimumAge);

    // A running run whose heartbeat is stale is presumed killed unless its owner is on this host and still alive (suspended or starved,
    // not dead). The presumption is written back, as Optuna's fail_stale_trials does, so every observer on every host then agrees and
    // only the first observer's conditional update wins; a run that finished meanwhile keeps its real status.
    private Run Observe(Run run)
    {
        var staleBefore = _time.GetUtcNow() - _heartbeat.StaleAfter;
        if (run.Status != RunStatus.Running || run.LastSeenAt >= staleBefore || run.Owner?.IsAliveHere() == true)
        {
            return run;
        }

        try
        {
            if (!Store.MarkKilled(run.Id, staleBefore))
            {
                // It beat or finished after it was read: show it as it is now.
                return Store.FindRun(run.Id) ?? run;
            }
        }
        catch (RegistryException)
        {
            // A store this process may not write (a read-only copy) still shows the run as killed; a writer will record it.
        }

        return run with { Status = RunStatus.Killed, EndedAt = run.LastSeenAt };
    }

    private void RequireModel(string name)
    {
        var names = Store.ModelNames();
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            throw new RegistryEntryNotFoundException(names.Count == 0
                ? $"Model '{name}' is not registered in '{Store.Location}': no models are registered yet (run the Register target first)."
                : $"Model '{name}' is not registered in '{Store.Location}'; registered models: {string.Join(", ", names)}.");
        }
    }

    private string DescribeAliases(string name)
    {
        var aliases = Store.Aliases(name);
        return aliases.Count == 0
            ? $"it has no aliases; {DescribeVersions(name)}"
            : "its aliases are " + string.Join(", ", aliases.Select(a => $"{a.Key} → v{a.Value}"));
    }

    private string DescribeVersions(string name)
    {
        var versions = Store.ListVersions(name).Select(v => v.Version).Order().ToList();
        return versions.Count == 0 ? "it has no versions" : $"its versions are {string.Join(", ", versions)}";
    }

    private string DescribeMissingRun(string runId)
    {
        var recent = Store.RecentRuns(5);
        return recent.Count == 0
            ? $"Run '{runId}' does not exist in '{Store.Location}', which has no runs yet."
            : $"Run '{runId}' does not exist in '{Store.Location}'. Most recent runs: {string.Join(", ", recent.Select(r => r.Id))}.";
    }

    private static void ValidateFiles(RegistrationRequest request)
    {
        var files = new[] { request.ModelPath }.Concat(request.AttachedFiles ?? []).ToList();
        foreach (var file in files.Where(f => !File.Exists(f)))
        {
            throw new RegistryException($"Cannot register model '{request.ModelName}': file '{file}' does not exist.");
        }

        var clash = files.Select(Path.GetFileName).Append(ModelCardWriter.FileName)
            .GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new RegistryException(
                $"Cannot register model '{request.ModelName}': two files are named '{clash.Key}'; every file of a version needs a distinct name ({ModelCardWriter.FileName} is generated).");
        }
    }

    private static void ValidateInputExample(string? json)
    {
        if (json is null)
        {
            return;
        }

        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new RegistryException(
                $"The input example is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message}", e);
        }
    }
}
