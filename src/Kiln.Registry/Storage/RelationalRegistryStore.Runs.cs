using System.Data.Common;
using Kiln.Registry.Runs;

namespace Kiln.Registry.Storage;

/// <summary>Run tracking.</summary>
public abstract partial class RelationalRegistryStore
{
    private const string RunColumns =
        "id, kind, status, started_at, ended_at, git_version, git_commit, environment, owner_host, owner_pid, owner_started_at, heartbeat_at";

    /// <inheritdoc />
    /// <remarks>A retried insert of the same id (after a connection lost during COMMIT) finds its own row and changes nothing.</remarks>
    public void InsertRun(string id, RunStart start, RunOwner owner, DateTimeOffset startedAt) => Write(connection => InsertRunRow(connection, id, start, owner, startedAt));

    /// <inheritdoc />
    public bool ImportRun(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Write(connection =>
        {
            if (NonQuery(connection,
                    $"INSERT INTO runs ({RunColumns}) VALUES (@id, @kind, @status, @started, @ended, @version, @commit, @env, @host, @pid, @process, @beat) ON CONFLICT (id) DO NOTHING;",
                    ("@id", run.Id), ("@kind", ToText(run.Kind)), ("@status", ToText(run.Status)), ("@started", ToUnixMs(run.StartedAt)),
                    ("@ended", run.EndedAt is { } ended ? ToUnixMs(ended) : null), ("@version", run.GitVersion), ("@commit", run.GitCommit), ("@env", run.Environment),
                    ("@host", run.Owner?.Host), ("@pid", run.Owner?.ProcessId), ("@process", run.Owner is { } owner ? ToUnixMs(owner.ProcessStartedAt) : null),
                    ("@beat", run.HeartbeatAt is { } beat ? ToUnixMs(beat) : null)) == 0)
            {
                return false;
            }

            foreach (var (key, value) in run.Parameters)
            {
                NonQuery(connection, "INSERT INTO run_params (run_id, key, value) VALUES (@run, @key, @value);", ("@run", run.Id), ("@key", key), ("@value", value));
            }

            foreach (var (key, value) in run.Metrics)
            {
                NonQuery(connection, "INSERT INTO run_metrics (run_id, key, value) VALUES (@run, @key, @value);", ("@run", run.Id), ("@key", key), ("@value", value));
            }

            foreach (var dataset in run.Datasets)
            {
                NonQuery(connection, "INSERT INTO run_datasets (run_id, path, sha256, rows_accepted, rows_rejected) VALUES (@run, @path, @sha, @accepted, @rejected);",
                    ("@run", run.Id), ("@path", dataset.Path), ("@sha", dataset.Sha256), ("@accepted", dataset.RowsAccepted), ("@rejected", dataset.RowsRejected));
            }

            foreach (var artifact in run.Artifacts)
            {
                NonQuery(connection, "INSERT INTO run_artifacts (run_id, path, sha256, size_bytes) VALUES (@run, @path, @sha, @size);",
                    ("@run", run.Id), ("@path", artifact.Path), ("@sha", artifact.Sha256), ("@size", artifact.SizeBytes));
            }

            return true;
        });
    }

    /// <inheritdoc />
    public void FinishRun(string runId, RunStatus status, DateTimeOffset endedAt)
    {
        if (status is not (RunStatus.Succeeded or RunStatus.Failed))
        {
            throw new RegistryException($"Run '{runId}' cannot be finished with status '{ToText(status)}'; use succeeded or failed.");
        }

        Write(connection =>
        {
            // Conditional, so an observer marking the run killed meanwhile cannot be overwritten by a read-then-write race.
            if (NonQuery(connection, "UPDATE runs SET status = @status, ended_at = @ended WHERE id = @id AND status = @running;",
                    ("@status", ToText(status)), ("@ended", ToUnixMs(endedAt)), ("@id", runId), ("@running", ToText(RunStatus.Running))) > 0)
            {
                return 0;
            }

            string? current = null;
            long? ended = null;
            ForEach(connection, "SELECT status, ended_at FROM runs WHERE id = @id;", [("@id", runId)],
                r => (current, ended) = (r.GetString(0), r.IsDBNull(1) ? null : r.GetInt64(1)));
            if (current is null)
            {
                throw RunNotFound(connection, runId);
            }

            if (current == ToText(RunStatus.Killed))
            {
                throw new RegistryException(
                    $"Run '{runId}' was presumed killed after its heartbeat went stale, so it cannot be finished as {ToText(status)}; rerun it.");
            }

            // This very finish already committed (its COMMIT's answer was lost and the transaction retried).
            if (current == ToText(status) && ended == ToUnixMs(endedAt))
            {
                return 0;
            }

            throw new RegistryException($"Run '{runId}' already finished as {current}; a run is finished once.");
        });
    }

    /// <inheritdoc />
    public bool Heartbeat(string runId, DateTimeOffset at) => Write(connection => NonQuery(connection,
        "UPDATE runs SET heartbeat_at = @at WHERE id = @id AND status = @running;",
        ("@at", ToUnixMs(at)), ("@id", runId), ("@running", ToText(RunStatus.Running)))) > 0;

    /// <inheritdoc />
    public bool MarkKilled(string runId, DateTimeOffset staleBefore) => Write(connection => NonQuery(connection, """
        UPDATE runs SET status = @killed, ended_at = COALESCE(heartbeat_at, started_at)
        WHERE id = @id AND status = @running AND COALESCE(heartbeat_at, started_at) < @stale;
        """,
        ("@killed", ToText(RunStatus.Killed)), ("@id", runId), ("@running", ToText(RunStatus.Running)), ("@stale", ToUnixMs(staleBefore)))) > 0;

    /// <inheritdoc />
    public void SetParameters(string runId, IReadOnlyDictionary<string, string> parameters) => Write(connection =>
    {
        EnsureRun(connection, runId);
        foreach (var (key, value) in parameters)
        {
            NonQuery(connection, "INSERT INTO run_params (run_id, key, value) VALUES (@run, @key, @value) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value;",
                ("@run", runId), ("@key", key), ("@value", value));
        }

        return 0;
    });

    /// <inheritdoc />
    public void SetMetrics(string runId, IReadOnlyDictionary<string, double> metrics) => Write(connection =>
    {
        EnsureRun(connection, runId);
        foreach (var (key, value) in metrics)
        {
            if (!double.IsFinite(value))
            {
                throw new RegistryException($"Metric '{key}' of run '{runId}' is {value}; metrics must be finite numbers.");
            }

            NonQuery(connection, "INSERT INTO run_metrics (run_id, key, value) VALUES (@run, @key, @value) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value;",
                ("@run", runId), ("@key", key), ("@value", value));
        }

        return 0;
    });

    /// <inheritdoc />
    public void AddDataset(string runId, DatasetLineage dataset) => Write(connection =>
    {
        EnsureRun(connection, runId);
        return NonQuery(connection, """
            INSERT INTO run_datasets (run_id, path, sha256, rows_accepted, rows_rejected) VALUES (@run, @path, @sha, @accepted, @rejected)
            ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, rows_accepted = excluded.rows_accepted, rows_rejected = excluded.rows_rejected;
            """,
            ("@run", runId), ("@path", dataset.Path), ("@sha", dataset.Sha256), ("@accepted", dataset.RowsAccepted), ("@rejected", dataset.RowsRejected));
    });

    /// <inheritdoc />
    public void AddArtifact(string runId, ArtifactRecord artifact) => Write(connection =>
    {
        EnsureRun(connection, runId);
        return NonQuery(connection, """
            INSERT INTO run_artifacts (run_id, path, sha256, size_bytes) VALUES (@run, @path, @sha, @size)
            ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, size_bytes = excluded.size_bytes;
            """,
            ("@run", runId), ("@path", artifact.Path), ("@sha", artifact.Sha256), ("@size", artifact.SizeBytes));
    });

    /// <inheritdoc />
    public Run? FindRun(string runId) => Read(connection => LoadRuns(connection, "WHERE id = @id", ("@id", runId)).SingleOrDefault());

    /// <inheritdoc />
    public IReadOnlyList<Run> RecentRuns(int limit) => Read(connection =>
        LoadRuns(connection, "WHERE id IN (SELECT id FROM runs ORDER BY started_at DESC, id DESC LIMIT @limit)", ("@limit", limit)));

    /// <inheritdoc />
    public Run? LatestRun(RunKind kind) => Read(connection =>
        LoadRuns(connection, "WHERE id IN (SELECT id FROM runs WHERE kind = @kind ORDER BY started_at DESC, id DESC LIMIT 1)",
            ("@kind", ToText(kind))).SingleOrDefault());

    /// <inheritdoc />
    public Run? FindRunWithArtifact(RunKind kind, string sha256) => Read(connection =>
        LoadRuns(connection, """
            WHERE id IN (SELECT id FROM runs WHERE kind = @kind AND status = @succeeded
                AND id IN (SELECT run_id FROM run_artifacts WHERE sha256 = @sha)
                ORDER BY started_at DESC, id DESC LIMIT 1)
            """, ("@kind", ToText(kind)), ("@succeeded", ToText(RunStatus.Succeeded)), ("@sha", sha256)).SingleOrDefault());

    // Shared by InsertRun and the trial claim, which inserts its run inside its own transaction; a retried insert finds its own row.
    private static int InsertRunRow(DbConnection connection, string id, RunStart start, RunOwner owner, DateTimeOffset startedAt) => NonQuery(connection,
        $"INSERT INTO runs ({RunColumns}) VALUES (@id, @kind, @status, @started, NULL, @version, @commit, @env, @host, @pid, @process, @started) ON CONFLICT (id) DO NOTHING;",
        ("@id", id), ("@kind", ToText(start.Kind)), ("@status", ToText(RunStatus.Running)), ("@started", ToUnixMs(startedAt)),
        ("@version", start.GitVersion), ("@commit", start.GitCommit), ("@env", start.Environment),
        ("@host", owner.Host), ("@pid", owner.ProcessId), ("@process", ToUnixMs(owner.ProcessStartedAt)));

    internal static string ToText(RunKind kind) => kind.ToString().ToLowerInvariant();

    internal static string ToText(RunStatus status) => status.ToString().ToLowerInvariant();

    private void EnsureRun(DbConnection connection, string runId)
    {
        if (Scalar(connection, "SELECT 1 FROM runs WHERE id = @id;", ("@id", runId)) is null)
        {
            throw RunNotFound(connection, runId);
        }
    }

    private RegistryEntryNotFoundException RunNotFound(DbConnection connection, string runId)
    {
        var recent = new List<string>();
        using (var command = Command(connection, "SELECT id FROM runs ORDER BY started_at DESC, id DESC LIMIT 5;"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                recent.Add(reader.GetString(0));
            }
        }

        return new RegistryEntryNotFoundException(recent.Count == 0
            ? $"Run '{runId}' does not exist in '{Location}', which has no runs yet."
            : $"Run '{runId}' does not exist in '{Location}'. Most recent runs: {string.Join(", ", recent)}.");
    }

    // Four set-based queries regardless of how many runs match, so listing 1,000 runs stays a handful of round trips.
    private static List<Run> LoadRuns(DbConnection connection, string where, params (string Name, object? Value)[] parameters) =>
        LoadRuns(connection, where, parameters, null);

    // parameterKeys limits the parameters read (null: all), so a listing reads only the columns it shows.
    private static List<Run> LoadRuns(DbConnection connection, string where, (string Name, object? Value)[] parameters, IReadOnlyList<string>? parameterKeys)
    {
        var parameterSets = new Dictionary<string, Dictionary<string, string>>();
        var metricSets = new Dictionary<string, Dictionary<string, double>>();
        var datasetLists = new Dictionary<string, List<DatasetLineage>>();
        var artifactLists = new Dictionary<string, List<ArtifactRecord>>();
        var runFilter = $"run_id IN (SELECT id FROM runs {where})";

        var keyFilter = parameterKeys is null ? "" : $" AND key IN ({string.Join(", ", parameterKeys.Select((_, i) => $"@pk{i}"))})";
        (string, object?)[] parameterQuery = parameterKeys is null ? parameters : [.. parameters, .. parameterKeys.Select((key, i) => ($"@pk{i}", (object?)key))];
        if (parameterKeys is not { Count: 0 })
        {
            ForEach(connection, $"SELECT run_id, key, value FROM run_params WHERE {runFilter}{keyFilter};", parameterQuery,
                r => Bucket(parameterSets, r.GetString(0)).Add(r.GetString(1), r.GetString(2)));
        }
        ForEach(connection, $"SELECT run_id, key, value FROM run_metrics WHERE {runFilter};", parameters,
            r => Bucket(metricSets, r.GetString(0)).Add(r.GetString(1), r.GetDouble(2)));
        ForEach(connection, $"SELECT run_id, path, sha256, rows_accepted, rows_rejected FROM run_datasets WHERE {runFilter} ORDER BY path;", parameters,
            r => Bucket(datasetLists, r.GetString(0)).Add(new DatasetLineage(r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4))));
        ForEach(connection, $"SELECT run_id, path, sha256, size_bytes FROM run_artifacts WHERE {runFilter} ORDER BY path;", parameters,
            r => Bucket(artifactLists, r.GetString(0)).Add(new ArtifactRecord(r.GetString(1), r.GetString(2), r.GetInt64(3))));

        var runs = new List<Run>();
        ForEach(connection, $"SELECT {RunColumns} FROM runs {where} ORDER BY started_at DESC, id DESC;", parameters, r =>
        {
            var id = r.GetString(0);
            runs.Add(new Run(
                id,
                Enum.Parse<RunKind>(r.GetString(1), ignoreCase: true),
                Enum.Parse<RunStatus>(r.GetString(2), ignoreCase: true),
                FromUnixMs(r.GetInt64(3)),
                r.IsDBNull(4) ? null : FromUnixMs(r.GetInt64(4)),
                r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6),
                r.GetString(7),
                parameterSets.GetValueOrDefault(id) ?? [],
                metricSets.GetValueOrDefault(id) ?? [],
                datasetLists.GetValueOrDefault(id) ?? [],
                artifactLists.GetValueOrDefault(id) ?? [],
                r.IsDBNull(8) ? null : new RunOwner(r.GetString(8), r.GetInt32(9), FromUnixMs(r.GetInt64(10))),
                r.IsDBNull(11) ? null : FromUnixMs(r.GetInt64(11))));
        });
        return runs;
    }
}
