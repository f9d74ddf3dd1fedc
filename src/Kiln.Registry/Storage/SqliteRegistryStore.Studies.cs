using Kiln.Registry.Runs;
using Kiln.Registry.Studies;
using Microsoft.Data.Sqlite;

namespace Kiln.Registry.Storage;

/// <summary>Tuning studies on SQLite: every claim and every finish is one BEGIN IMMEDIATE transaction, so workers queue instead of racing.</summary>
public sealed partial class SqliteRegistryStore
{
    private const string TrialColumns = "study, number, run_id, state, value, attempt, owner, heartbeat_at, started_at, ended_at, error";

    /// <inheritdoc />
    public StudyRecord OpenStudy(StudyRecord study) => Write(connection =>
    {
        if (LoadStudy(connection, study.Name) is { } existing)
        {
            if (existing.Fingerprint != study.Fingerprint)
            {
                throw new RegistryException(
                    $"Study '{study.Name}' in '{Location}' was created with another search setup or other data (fingerprint {existing.Fingerprint}, now {study.Fingerprint}); give the new search another study name.");
            }

            if (study.Budget > existing.Budget)
            {
                NonQuery(connection, "UPDATE studies SET budget = @budget WHERE name = @name;", ("@budget", study.Budget), ("@name", study.Name));
                return existing with { Budget = study.Budget };
            }

            return existing;
        }

        NonQuery(connection, """
            INSERT INTO studies (name, created_at, metric, lower_is_better, budget, fingerprint, description)
            VALUES (@name, @created, @metric, @lower, @budget, @fingerprint, @description);
            """,
            ("@name", study.Name), ("@created", ToUnixMs(study.CreatedAt)), ("@metric", study.Metric), ("@lower", study.LowerIsBetter ? 1 : 0),
            ("@budget", study.Budget), ("@fingerprint", study.Fingerprint), ("@description", study.Description));
        return study;
    });

    /// <inheritdoc />
    public StudyRecord? FindStudy(string name) => Read(connection => LoadStudy(connection, name));

    /// <inheritdoc />
    public IReadOnlyList<StudyRecord> ListStudies() => Read(connection =>
    {
        var studies = new List<StudyRecord>();
        ForEach(connection, "SELECT name, created_at, metric, lower_is_better, budget, fingerprint, description FROM studies ORDER BY created_at DESC, name;", [],
            r => studies.Add(ReadStudy(r)));
        return studies;
    });

    /// <inheritdoc />
    public TrialClaim? ClaimTrial(TrialClaimRequest request) => Write(connection =>
    {
        var study = LoadStudy(connection, request.Study) ?? throw new RegistryEntryNotFoundException($"Study '{request.Study}' does not exist in '{Location}'.");
        var trials = LoadTrials(connection, request.Study);
        var abandoned = trials.FirstOrDefault(t => t.State == TrialState.Running && request.IsAbandoned(t));
        if (abandoned is not null)
        {
            // The dead attempt's run is closed as killed; the trial keeps its number and parameters under a new run.
            NonQuery(connection, "UPDATE runs SET status = @status, ended_at = @ended WHERE id = @id AND status = @running;",
                ("@status", ToText(RunStatus.Killed)), ("@ended", ToUnixMs(request.Now)), ("@id", abandoned.RunId), ("@running", ToText(RunStatus.Running)));
            InsertTrialRun(connection, request, abandoned.Parameters);
            NonQuery(connection, """
                UPDATE trials SET run_id = @run, attempt = attempt + 1, owner = @owner, heartbeat_at = @now, started_at = @now, value = NULL
                WHERE study = @study AND number = @number;
                """,
                ("@run", request.RunId), ("@owner", request.Owner), ("@now", ToUnixMs(request.Now)), ("@study", request.Study), ("@number", abandoned.Number));
            return new TrialClaim(LoadTrials(connection, request.Study).Single(t => t.Number == abandoned.Number), abandoned.RunId);
        }

        if (trials.Count >= study.Budget)
        {
            return null;
        }

        var number = trials.Count == 0 ? 0 : trials.Max(t => t.Number) + 1;
        InsertTrialRun(connection, request, request.Suggest(number, trials));
        NonQuery(connection, $"""
            INSERT INTO trials ({TrialColumns})
            VALUES (@study, @number, @run, @state, NULL, 1, @owner, @now, @now, NULL, NULL);
            """,
            ("@study", request.Study), ("@number", number), ("@run", request.RunId), ("@state", ToText(TrialState.Running)),
            ("@owner", request.Owner), ("@now", ToUnixMs(request.Now)));
        return new TrialClaim(LoadTrials(connection, request.Study).Single(t => t.Number == number), null);
    });

    /// <inheritdoc />
    public bool RenewTrialLease(string study, int number, string owner, DateTimeOffset at) => Write(connection =>
        NonQuery(connection, "UPDATE trials SET heartbeat_at = @at WHERE study = @study AND number = @number AND owner = @owner AND state = @running;",
            ("@at", ToUnixMs(at)), ("@study", study), ("@number", number), ("@owner", owner), ("@running", ToText(TrialState.Running))) == 1);

    /// <inheritdoc />
    public bool FinishTrial(TrialOutcome outcome)
    {
        if (outcome.State == TrialState.Running)
        {
            throw new RegistryException($"Trial {outcome.Number} of study '{outcome.Study}' cannot be finished as running.");
        }

        return Write(connection =>
        {
            var runId = Scalar(connection, "SELECT run_id FROM trials WHERE study = @study AND number = @number AND owner = @owner AND state = @running;",
                ("@study", outcome.Study), ("@number", outcome.Number), ("@owner", outcome.Owner), ("@running", ToText(TrialState.Running))) as string;
            if (runId is null)
            {
                // Taken back by another worker while this one was presumed dead: that worker's result is the one recorded.
                return false;
            }

            foreach (var (key, value) in outcome.Metrics)
            {
                if (!double.IsFinite(value))
                {
                    throw new RegistryException($"Metric '{key}' of trial {outcome.Number} of study '{outcome.Study}' is {value}; metrics must be finite numbers.");
                }

                NonQuery(connection, "INSERT OR REPLACE INTO run_metrics (run_id, key, value) VALUES (@run, @key, @value);", ("@run", runId), ("@key", key), ("@value", value));
            }

            NonQuery(connection, "UPDATE trials SET state = @state, value = @value, ended_at = @ended, error = @error WHERE study = @study AND number = @number;",
                ("@state", ToText(outcome.State)), ("@value", outcome.Value is { } v && double.IsFinite(v) ? v : null), ("@ended", ToUnixMs(outcome.EndedAt)),
                ("@error", outcome.Error), ("@study", outcome.Study), ("@number", outcome.Number));
            NonQuery(connection, "UPDATE runs SET status = @status, ended_at = @ended WHERE id = @id;",
                ("@status", ToText(outcome.State == TrialState.Failed ? RunStatus.Failed : RunStatus.Succeeded)), ("@ended", ToUnixMs(outcome.EndedAt)), ("@id", runId));
            return true;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<TrialRecord> ListTrials(string study) => Read(connection => LoadTrials(connection, study));

    internal static string ToText(TrialState state) => state.ToString().ToLowerInvariant();

    private static void InsertTrialRun(SqliteConnection connection, TrialClaimRequest request, IReadOnlyDictionary<string, string> parameters)
    {
        NonQuery(connection, $"INSERT INTO runs ({RunColumns}) VALUES (@id, @kind, @status, @started, NULL, @version, @commit, @env);",
            ("@id", request.RunId), ("@kind", ToText(request.Run.Kind)), ("@status", ToText(RunStatus.Running)), ("@started", ToUnixMs(request.Now)),
            ("@version", request.Run.GitVersion), ("@commit", request.Run.GitCommit), ("@env", request.Run.Environment));
        foreach (var (key, value) in parameters)
        {
            NonQuery(connection, "INSERT INTO run_params (run_id, key, value) VALUES (@run, @key, @value);", ("@run", request.RunId), ("@key", key), ("@value", value));
        }
    }

    private static StudyRecord? LoadStudy(SqliteConnection connection, string name)
    {
        StudyRecord? study = null;
        ForEach(connection, "SELECT name, created_at, metric, lower_is_better, budget, fingerprint, description FROM studies WHERE name = @name;", [("@name", name)],
            r => study = ReadStudy(r));
        return study;
    }

    private static StudyRecord ReadStudy(SqliteDataReader r) =>
        new(r.GetString(0), FromUnixMs(r.GetInt64(1)), r.GetString(2), r.GetInt64(3) != 0, r.GetInt32(4), r.GetString(5), r.GetString(6));

    private static List<TrialRecord> LoadTrials(SqliteConnection connection, string study)
    {
        var runs = LoadRuns(connection, "WHERE id IN (SELECT run_id FROM trials WHERE study = @study)", ("@study", study)).ToDictionary(run => run.Id);
        var trials = new List<TrialRecord>();
        ForEach(connection, $"SELECT {TrialColumns} FROM trials WHERE study = @study ORDER BY number;", [("@study", study)], r =>
        {
            var run = runs[r.GetString(2)];
            trials.Add(new TrialRecord(
                r.GetString(0),
                r.GetInt32(1),
                run.Id,
                Enum.Parse<TrialState>(r.GetString(3), ignoreCase: true),
                r.IsDBNull(4) ? null : r.GetDouble(4),
                r.GetInt32(5),
                r.GetString(6),
                FromUnixMs(r.GetInt64(7)),
                FromUnixMs(r.GetInt64(8)),
                r.IsDBNull(9) ? null : FromUnixMs(r.GetInt64(9)),
                r.IsDBNull(10) ? null : r.GetString(10),
                run.Parameters,
                run.Metrics));
        });
        return trials;
    }
}
