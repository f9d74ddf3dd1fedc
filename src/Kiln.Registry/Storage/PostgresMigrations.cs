namespace Kiln.Registry.Storage;

/// <summary>The PostgreSQL registry schema: the same steps as <see cref="Migrations"/>, with the same versions, descriptions and meaning, in PostgreSQL's types.</summary>
/// <remarks>
/// Times are BIGINT milliseconds and metrics DOUBLE PRECISION, as SQLite stores them; ids sort in the "C" collation so the newest-first order of
/// run ids is the same on every server. An identity column gives the alias history the insertion order SQLite's rowid gives it.
/// Append a step here whenever one is appended to <see cref="Migrations"/>; a test checks that the two lists agree.
/// </remarks>
public static class PostgresMigrations
{
    /// <summary>Every step, in order.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, Migrations.All[0].Description, """
            CREATE TABLE runs (
                id TEXT COLLATE "C" PRIMARY KEY,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                ended_at BIGINT,
                git_version TEXT,
                git_commit TEXT,
                environment TEXT NOT NULL);
            CREATE INDEX ix_runs_started_at ON runs (started_at DESC, id DESC);
            CREATE TABLE run_params (
                run_id TEXT COLLATE "C" NOT NULL REFERENCES runs (id),
                key TEXT COLLATE "C" NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (run_id, key));
            CREATE TABLE run_metrics (
                run_id TEXT COLLATE "C" NOT NULL REFERENCES runs (id),
                key TEXT COLLATE "C" NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (run_id, key));
            CREATE TABLE run_datasets (
                run_id TEXT COLLATE "C" NOT NULL REFERENCES runs (id),
                path TEXT COLLATE "C" NOT NULL,
                sha256 TEXT NOT NULL,
                rows_accepted BIGINT NOT NULL,
                rows_rejected BIGINT NOT NULL,
                PRIMARY KEY (run_id, path));
            CREATE TABLE run_artifacts (
                run_id TEXT COLLATE "C" NOT NULL REFERENCES runs (id),
                path TEXT COLLATE "C" NOT NULL,
                sha256 TEXT NOT NULL,
                size_bytes BIGINT NOT NULL,
                PRIMARY KEY (run_id, path));
            """),
        new(2, Migrations.All[1].Description, """
            CREATE TABLE registered_models (
                name TEXT COLLATE "C" PRIMARY KEY,
                created_at BIGINT NOT NULL);
            CREATE TABLE model_versions (
                model TEXT COLLATE "C" NOT NULL REFERENCES registered_models (name),
                version INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                source_run_id TEXT COLLATE "C" REFERENCES runs (id),
                signature_json TEXT NOT NULL,
                input_example TEXT,
                PRIMARY KEY (model, version));
            CREATE TABLE model_version_metrics (
                model TEXT COLLATE "C" NOT NULL,
                version INTEGER NOT NULL,
                key TEXT COLLATE "C" NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (model, version, key),
                FOREIGN KEY (model, version) REFERENCES model_versions (model, version));
            CREATE TABLE model_version_artifacts (
                model TEXT COLLATE "C" NOT NULL,
                version INTEGER NOT NULL,
                position INTEGER NOT NULL,
                name TEXT COLLATE "C" NOT NULL,
                sha256 TEXT NOT NULL,
                size_bytes BIGINT NOT NULL,
                PRIMARY KEY (model, version, name),
                FOREIGN KEY (model, version) REFERENCES model_versions (model, version));
            CREATE TABLE model_aliases (
                model TEXT COLLATE "C" NOT NULL,
                alias TEXT COLLATE "C" NOT NULL,
                version INTEGER NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (model, alias),
                FOREIGN KEY (model, version) REFERENCES model_versions (model, version));
            """),
        new(3, Migrations.All[2].Description, """
            ALTER TABLE model_versions ADD COLUMN promotion_reason TEXT;
            CREATE TABLE alias_history (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                model TEXT COLLATE "C" NOT NULL,
                alias TEXT COLLATE "C" NOT NULL,
                version INTEGER,
                moved_at BIGINT NOT NULL);
            """),

        // Written in the form both databases accept (BIGINT times, one ADD COLUMN per statement), so it is the very same step.
        Migrations.All[3],
        new(5, Migrations.All[4].Description, """
            CREATE TABLE studies (
                name TEXT COLLATE "C" PRIMARY KEY,
                created_at BIGINT NOT NULL,
                metric TEXT NOT NULL,
                lower_is_better INTEGER NOT NULL,
                budget INTEGER NOT NULL,
                fingerprint TEXT NOT NULL,
                description TEXT NOT NULL);
            CREATE TABLE trials (
                study TEXT COLLATE "C" NOT NULL REFERENCES studies (name),
                number INTEGER NOT NULL,
                run_id TEXT COLLATE "C" NOT NULL REFERENCES runs (id),
                state TEXT NOT NULL,
                value DOUBLE PRECISION,
                attempt INTEGER NOT NULL,
                error TEXT,
                PRIMARY KEY (study, number));
            CREATE UNIQUE INDEX ix_trials_run_id ON trials (run_id);
            """),

        // The listed columns sort byte-wise, as SQLite's BINARY does, so a page of runs sorted by status, version or a parameter is the same on both.
        new(6, Migrations.All[5].Description, """
            ALTER TABLE runs ALTER COLUMN kind TYPE TEXT COLLATE "C";
            ALTER TABLE runs ALTER COLUMN status TYPE TEXT COLLATE "C";
            ALTER TABLE runs ALTER COLUMN environment TYPE TEXT COLLATE "C";
            ALTER TABLE runs ALTER COLUMN git_version TYPE TEXT COLLATE "C";
            ALTER TABLE run_params ALTER COLUMN value TYPE TEXT COLLATE "C";
            CREATE INDEX ix_runs_status_started ON runs (status, started_at DESC, id DESC);
            CREATE INDEX ix_runs_environment_started ON runs (environment, started_at DESC, id DESC);
            CREATE INDEX ix_runs_version_started ON runs (git_version, started_at DESC, id DESC);
            CREATE INDEX ix_run_metrics_key_value ON run_metrics (key, value);
            CREATE INDEX ix_run_params_key_value ON run_params (key, value);
            ALTER TABLE alias_history ADD COLUMN reason TEXT;
            CREATE INDEX ix_alias_history_model_moved ON alias_history (model, moved_at DESC);
            CREATE TABLE model_images (
                model TEXT COLLATE "C" NOT NULL,
                version INTEGER NOT NULL,
                reference TEXT COLLATE "C" NOT NULL,
                image_id TEXT NOT NULL,
                recorded_at BIGINT NOT NULL,
                PRIMARY KEY (model, reference),
                FOREIGN KEY (model, version) REFERENCES model_versions (model, version));
            """),
    ];

    /// <summary>The newest schema version this Kiln writes.</summary>
    public static int Latest => All[^1].Version;
}
