using Kiln.Registry.Runs;
using Kiln.Registry.Studies;
using System.Data.Common;
using System.Globalization;

namespace Kiln.Registry.Storage;

/// <summary>Tuning studies: every claim and every finish is one write transaction holding the study's lock (<see cref="LockStudy"/>: BEGIN IMMEDIATE
/// on SQLite, the study row FOR UPDATE on PostgreSQL), so workers in any number of processes queue instead of racing, and each trial is recorded once.</summary>
public abstract partial class RelationalRegistryStore
{
    private const string StudyColumns = "name, created_at, metric, lower_is_better, budget, fingerprint, description";

    /// <inheritdoc />
    public StudyRecord OpenStudy(StudyRecord study) => Write(connection =>
    {
        // Insert-if-absent first, so two workers opening a new study at once both end up with the one row, never a key violation.
        var created = NonQuery(connection, $"""
            INSERT INTO studies ({StudyColumns})
            VALUES (@name, @created, @metric, @lower, @budget, @fingerprint, @description) ON CONFLICT (name) DO NOTHING;
            """,
            ("@name", study.Name), ("@created", ToUnixMs(study.CreatedAt)), ("@metric", study.Metric), ("@lower", study.LowerIsBetter ? 1 : 0),
            ("@budget", study.Budget), ("@fingerprint", study.Fingerprint), ("@description", study.Description)) == 1;
        LockStudy(connection, study.Name);
        if (!created && LoadStudy(connection, study.Name) is { } existing)
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

        return study;
    });

    /// <inheritdoc />
    public StudyRecord? FindStudy(string name) => Read(connection => LoadStudy(connection, name));

    /// <inheritdoc />
    public IReadOnlyList<StudyRecord> ListStudies() => Read(connection =>
    {
        var studies = new List<StudyRecord>();
        ForEach(connection, $"SELECT {StudyColumns} FROM studies ORDER BY created_at DESC, name;", [], r => studies.Add(ReadStudy(r)));
        return studies;
    });

    /// <inheritdoc />
    public TrialClaim? ClaimTrial(TrialClaimRequest request) => Write(connection =>
    {
        LockStudy(connection, request.Study);
        var study = LoadStudy(connection, request.Study) ?? throw new RegistryEntryNotFoundException($"Study '{request.Study}' does not exist in '{Location}'.");
        var trials = LoadTrials(connection, request.Study);
        if (trials.FirstOrDefault(t => t.IsAbandoned) is { } abandoned)
        {
            // The trial keeps its number and parameters under a new run; the stopped attempt's run stays as it ended (killed or failed).
            InsertTrialRun(connection, request, abandoned.Parameters);
            NonQuery(connection, "UPDATE trials SET run_id = @run, attempt = attempt + 1, value = NULL, error = NULL WHERE study = @study AND number = @number;",
                ("@run", request.RunId), ("@study", request.Study), ("@number", abandoned.Number));
            return new TrialClaim(LoadTrials(connection, request.Study).Single(t => t.Number == abandoned.Number), abandoned.RunId);
        }

        if (trials.Count >= study.Budget)
        {
            return null;
        }

        var number = trials.Count == 0 ? 0 : trials.Max(t => t.Number) + 1;
        InsertTrialRun(connection, request, request.Suggest(number, trials));
        NonQuery(connection, """
            INSERT INTO trials (study, number, run_id, state, value, attempt, error)
            VALUES (@study, @number, @run, @state, NULL, 1, NULL);
            """,
            ("@study", request.Study), ("@number", number), ("@run", request.RunId), ("@state", ToText(TrialState.Running)));
        return new TrialClaim(LoadTrials(connection, request.Study).Single(t => t.Number == number), null);
    });

    /// <inheritdoc />
    public bool FinishTrial(TrialOutcome outcome)
    {
        if (outcome.State == TrialState.Running)
        {
            throw new RegistryException($"Trial {outcome.Number} of study '{outcome.Study}' cannot be finished as running.");
        }

        var infinite = outcome.Metrics.FirstOrDefault(m => !double.IsFinite(m.Value));
        if (infinite.Key is not null)
        {
            throw new RegistryException($"Metric '{infinite.Key}' of trial {outcome.Number} of study '{outcome.Study}' is {infinite.Value}; metrics must be finite numbers.");
        }

        return Write(connection =>
        {
            LockStudy(connection, outcome.Study);
            var current = Scalar(connection, """
                SELECT 1 FROM trials JOIN runs ON runs.id = trials.run_id
                WHERE trials.study = @study AND trials.number = @number AND trials.run_id = @run AND trials.state = @running AND runs.status = @runRunning;
                """,
                ("@study", outcome.Study), ("@number", outcome.Number), ("@run", outcome.RunId), ("@running", ToText(TrialState.Running)),
                ("@runRunning", ToText(RunStatus.Running)));
            if (current is null)
            {
                // This very outcome already committed (a retry after a connection lost during COMMIT) is recorded, once; otherwise the attempt was
                // presumed killed or taken back, and the attempt that replaced it is the one recorded.
                return IsRecorded(connection, outcome);
            }

            // The run first, and only while it is still running: a run marked killed since the check above (by a process that does not take the
            // study's lock) is not overwritten, and nothing of this outcome is written.
            if (NonQuery(connection, "UPDATE runs SET status = @status, ended_at = @ended WHERE id = @id AND status = @running;",
                    ("@status", ToText(outcome.State == TrialState.Failed ? RunStatus.Failed : RunStatus.Succeeded)), ("@ended", ToUnixMs(outcome.EndedAt)),
                    ("@id", outcome.RunId), ("@running", ToText(RunStatus.Running))) == 0)
            {
                return false;
            }

            foreach (var (key, value) in outcome.Metrics)
            {
                NonQuery(connection, "INSERT INTO run_metrics (run_id, key, value) VALUES (@run, @key, @value) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value;", ("@run", outcome.RunId), ("@key", key), ("@value", value));
            }

            NonQuery(connection, "UPDATE trials SET state = @state, value = @value, error = @error WHERE study = @study AND number = @number;",
                ("@state", ToText(outcome.State)), ("@value", outcome.Value is { } v && double.IsFinite(v) ? v : null), ("@error", outcome.Error),
                ("@study", outcome.Study), ("@number", outcome.Number));
            return true;
        });
    }

    // Whether the trial holds exactly this outcome of this run already; a different late result for the same run is still refused.
    private static bool IsRecorded(DbConnection connection, TrialOutcome outcome)
    {
        var recorded = false;
        var value = outcome.Value is { } v && double.IsFinite(v) ? v : (double?)null;
        ForEach(connection, "SELECT state, value, error FROM trials WHERE study = @study AND number = @number AND run_id = @run;",
            [("@study", outcome.Study), ("@number", outcome.Number), ("@run", outcome.RunId)],
            r => recorded = r.GetString(0) == ToText(outcome.State) && (r.IsDBNull(1) ? null : r.GetDouble(1)) == value
                && (r.IsDBNull(2) ? null : r.GetString(2)) == outcome.Error);
        return recorded;
    }

    /// <inheritdoc />
    public IReadOnlyList<TrialRecord> ListTrials(string study) => Read(connection => LoadTrials(connection, study));

    internal static string ToText(TrialState state) => state.ToString().ToLowerInvariant();

    private static void InsertTrialRun(DbConnection connection, TrialClaimRequest request, IReadOnlyDictionary<string, string> parameters)
    {
        InsertRunRow(connection, request.RunId, request.Run, request.Owner, request.Now);
        foreach (var (key, value) in parameters)
        {
            NonQuery(connection, "INSERT INTO run_params (run_id, key, value) VALUES (@run, @key, @value);", ("@run", request.RunId), ("@key", key), ("@value", value));
        }
    }

    private static StudyRecord? LoadStudy(DbConnection connection, string name)
    {
        StudyRecord? study = null;
        ForEach(connection, $"SELECT {StudyColumns} FROM studies WHERE name = @name;", [("@name", name)], r => study = ReadStudy(r));
        return study;
    }

    private static StudyRecord ReadStudy(DbDataReader r) =>
        new(r.GetString(0), FromUnixMs(r.GetInt64(1)), r.GetString(2), Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture) != 0, r.GetInt32(4), r.GetString(5), r.GetString(6));

    private static List<TrialRecord> LoadTrials(DbConnection connection, string study)
    {
        var runs = LoadRuns(connection, "WHERE id IN (SELECT run_id FROM trials WHERE study = @study)", ("@study", study)).ToDictionary(run => run.Id);
        var trials = new List<TrialRecord>();
        ForEach(connection, "SELECT study, number, run_id, state, value, attempt, error FROM trials WHERE study = @study ORDER BY number;", [("@study", study)], r =>
        {
            var run = runs[r.GetString(2)];
            trials.Add(new TrialRecord(
                r.GetString(0),
                r.GetInt32(1),
                run.Id,
                Enum.Parse<TrialState>(r.GetString(3), ignoreCase: true),
                r.IsDBNull(4) ? null : r.GetDouble(4),
                r.GetInt32(5),
                run.Status,
                run.StartedAt,
                run.EndedAt,
                r.IsDBNull(6) ? null : r.GetString(6),
                run.Parameters,
                run.Metrics));
        });
        return trials;
    }
}
