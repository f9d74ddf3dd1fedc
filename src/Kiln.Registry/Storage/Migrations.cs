namespace Kiln.Registry.Storage;

/// <summary>The registry schema's history; append new steps, never edit shipped ones, so older databases upgrade in place.</summary>
public static class Migrations
{
    /// <summary>Every step, in order.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "runs with parameters, metrics, dataset lineage and artifacts", """
            CREATE TABLE runs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                ended_at INTEGER,
                git_version TEXT,
                git_commit TEXT,
                environment TEXT NOT NULL);
            CREATE INDEX ix_runs_started_at ON runs (started_at DESC, id DESC);
            CREATE TABLE run_params (
                run_id TEXT NOT NULL REFERENCES runs (id),
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (run_id, key)) WITHOUT ROWID;
            CREATE TABLE run_metrics (
                run_id TEXT NOT NULL REFERENCES runs (id),
                key TEXT NOT NULL,
                value REAL NOT NULL,
                PRIMARY KEY (run_id, key)) WITHOUT ROWID;
            CREATE TABLE run_datasets (
                run_id TEXT NOT NULL REFERENCES runs (id),
                path TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                rows_accepted INTEGER NOT NULL,
                rows_rejected INTEGER NOT NULL,
                PRIMARY KEY (run_id, path)) WITHOUT ROWID;
            CREATE TABLE run_artifacts (
                run_id TEXT NOT NULL REFERENCES runs (id),
                path TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                size_bytes INTEGER NOT NULL,
                PRIMARY KEY (run_id, path)) WITHOUT ROWID;
            """),
        new(2, "registered models, versions, their metrics and artifacts, aliases", """
            CREATE TABLE registered_models (
                name TEXT PRIMARY KEY,
                created_at INTEGER NOT NULL);
            CREATE TABLE model_versions (
                model TEXT NOT NULL REFERENCES registered_models (name),
                version INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                source_run_id TEXT REFERENCES runs (id),
                signature_json TEXT NOT NULL,
                input_example TEXT,
                PRIMARY KEY (model, version));
            CREATE TABLE model_version_metrics (
                model TEXT NOT NULL,
                version INTEGER NOT NULL,
                key TEXT NOT NULL,
                value REAL NOT NULL,
                PRIMARY KEY (model, version, key),
                FOREIGN KEY (model, version) REFERENCES model_versions (model, version)) WITHOUT ROWID;
            CREATE TABLE model_version_artifacts (
                model TEXT NOT NULL,
                version INTEGER NOT NULL,
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                size_bytes INTEGER NOT NULL,
                PRIMARY KEY (model, version, name),
                FOREIGN KEY (model, version) REFERENCES model_versions (model, version)) WITHOUT ROWID;
            CREATE TABLE model_aliases (
                model TEXT NOT NULL,
                alias TEXT NOT NULL,
                version INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (model, alias),
                FOREIGN KEY (model, version) REFERENCES model_versions (model, version)) WITHOUT ROWID;
            """),
        new(3, "promotion reason per version and a history of alias moves", """
            ALTER TABLE model_versions ADD COLUMN promotion_reason TEXT;
            CREATE TABLE alias_history (
                model TEXT NOT NULL,
                alias TEXT NOT NULL,
                version INTEGER,
                moved_at INTEGER NOT NULL);
            """),

        // BIGINT for the millisecond times, which overflow a PostgreSQL INTEGER (SQLite treats both alike); one ADD COLUMN per statement
        // because PostgreSQL and SQLite agree on that form. Older rows keep NULLs: a run from before owners existed has none.
        new(4, "run owners (host, pid, process start) and heartbeats, so killed runs are detected; artifact lookup by hash", """
            ALTER TABLE runs ADD COLUMN owner_host TEXT;
            ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
            ALTER TABLE runs ADD COLUMN owner_started_at BIGINT;
            ALTER TABLE runs ADD COLUMN heartbeat_at BIGINT;
            CREATE INDEX ix_runs_kind_started_at ON runs (kind, started_at DESC, id DESC);
            CREATE INDEX ix_run_artifacts_sha256 ON run_artifacts (sha256);
            """),

        // A trial's liveness is its run's (owner and heartbeat from step 4), so the trial row holds only what is the trial's own:
        // its number, its current run, its state and score, and how many attempts it took. Times come from the run.
        new(5, "tuning studies and their trials, each scored by one run at a time", """
            CREATE TABLE studies (
                name TEXT PRIMARY KEY,
                created_at BIGINT NOT NULL,
                metric TEXT NOT NULL,
                lower_is_better INTEGER NOT NULL,
                budget INTEGER NOT NULL,
                fingerprint TEXT NOT NULL,
                description TEXT NOT NULL);
            CREATE TABLE trials (
                study TEXT NOT NULL REFERENCES studies (name),
                number INTEGER NOT NULL,
                run_id TEXT NOT NULL REFERENCES runs (id),
                state TEXT NOT NULL,
                value REAL,
                attempt INTEGER NOT NULL,
                error TEXT,
                PRIMARY KEY (study, number));
            CREATE UNIQUE INDEX ix_trials_run_id ON trials (run_id);
            """),

        new(6, "indexes for filtered run listings, a reason per alias move, and the images that carry each version", """
            CREATE INDEX ix_runs_status_started ON runs (status, started_at DESC, id DESC);
            CREATE INDEX ix_runs_environment_started ON runs (environment, started_at DESC, id DESC);
            CREATE INDEX ix_runs_version_started ON runs (git_version, started_at DESC, id DESC);
            CREATE INDEX ix_run_metrics_key_value ON run_metrics (key, value);
            CREATE INDEX ix_run_params_key_value ON run_params (key, value);
            ALTER TABLE alias_history ADD COLUMN reason TEXT;
            CREATE INDEX ix_alias_history_model_moved ON alias_history (model, moved_at DESC);
            CREATE TABLE model_images (
                model TEXT NOT NULL,
                version INTEGER NOT NULL,
                reference TEXT NOT NULL,
                image_id TEXT NOT NULL,
                recorded_at BIGINT NOT NULL,
                PRIMARY KEY (model, reference),
                FOREIGN KEY (model, version) REFERENCES model_versions (model, version)) WITHOUT ROWID;
            """),
    ];

    /// <summary>The newest schema version this Kiln writes.</summary>
    public static int Latest => All[^1].Version;
}
