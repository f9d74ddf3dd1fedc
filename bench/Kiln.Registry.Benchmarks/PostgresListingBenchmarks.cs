using BenchmarkDotNet.Attributes;
using Kiln.Registry.Models;
using Kiln.Registry.Queries;
using Kiln.Registry.Runs;
using Npgsql;

namespace Kiln.Registry.Benchmarks;

/// <summary>The Models and Runs listings on a PostgreSQL registry holding 10,000 versions and 100,000 runs (10 parameters and 5 metrics each).</summary>
/// <remarks>
/// Needs KILN_BENCH_POSTGRES=postgres://user@127.0.0.1:port/database (eval "$(bash .ci/postgres.sh)" starts one; the database is created when
/// missing). The history is seeded once per database in set-based SQL, copying one version and one run made through the registry, so the
/// rows are what Kiln writes; later runs reuse it.
/// </remarks>
[MemoryDiagnoser]
public class PostgresListingBenchmarks
{
    private const int Runs = 100_000;
    private const int Versions = 10_000;

    private ModelRegistry _registry = null!;

    /// <summary>Opens (and the first time, seeds) the benchmark database.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var uri = Environment.GetEnvironmentVariable("KILN_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Set KILN_BENCH_POSTGRES=postgres://user@127.0.0.1:port/database (see .ci/postgres.sh).");
        var location = new Uri(uri);
        var server = new NpgsqlConnectionStringBuilder
        {
            Host = location.Host,
            Port = location.Port,
            Username = location.UserInfo.Split(':')[0],
            Database = "postgres",
            Pooling = false,
        };
        var database = location.AbsolutePath.Trim('/');
        using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            admin.Open();
            if (Scalar(admin, $"SELECT 1 FROM pg_database WHERE datname = '{database}'") is null)
            {
                Execute(admin, $"CREATE DATABASE {database}");
            }
        }

        var directory = Path.Combine(Path.GetTempPath(), "kiln-postgres-bench", database);
        Directory.CreateDirectory(directory);
        _registry = ModelRegistry.Open(new RegistryOptions(uri, Artifacts: "file:" + Path.Combine(directory, "store")));
        server.Database = database;
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        if (Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM runs"), System.Globalization.CultureInfo.InvariantCulture) < Runs)
        {
            Seed(connection, directory);
        }
    }

    /// <summary>The <c>Models</c> target: the newest 10 versions and every aliased one, with the model's total.</summary>
    [Benchmark]
    public int Models() => _registry.RecentVersions("churn", 10).Versions.Count;

    /// <summary>Every one of the 10,000 versions with aliases, metrics and artifacts (<c>ListVersions</c>).</summary>
    [Benchmark]
    public int AllVersions() => _registry.ListVersions("churn").Count;

    /// <summary>The dashboard's first page of versions (50, newest first) with the model's total.</summary>
    [Benchmark]
    public int ModelsFirstPage() => _registry.Store.QueryVersions("churn", 0, 50).Versions.Count;

    /// <summary>The <c>Runs</c> target: the 20 most recent runs with their parameters and metrics.</summary>
    [Benchmark]
    public int RecentRuns() => _registry.RecentRuns(20).Count;

    /// <summary>The dashboard's runs page: the 20 newest of 100,000, counted.</summary>
    [Benchmark]
    public int RecentRunsPage() => _registry.QueryRuns(new RunQuery(Limit: 20)).Runs.Count;

    // One real run and one real version through the registry, then copies of them made by the database.
    private void Seed(NpgsqlConnection connection, string directory)
    {
        Console.WriteLine($"Seeding {Runs:N0} runs and {Versions:N0} versions (once per database)...");
        var run = _registry.StartRun(new RunStart(RunKind.Train, "1.0.0", "abc1234", "bench"));
        _registry.LogParameters(run, Enumerable.Range(0, 10).ToDictionary(p => $"param_{p}", p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _registry.LogMetrics(run, Enumerable.Range(0, 5).ToDictionary(m => $"metric_{m}", m => m / 10.0));
        _registry.FinishRun(run, RunStatus.Succeeded);
        var model = Path.Combine(directory, "model.onnx");
        File.WriteAllBytes(model, Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray());
        _registry.Register(new RegistrationRequest("churn", model,
            new ModelSignature([new TensorSpec("tenure", "float32")], [new TensorSpec("Probability", "float32")]),
            new Dictionary<string, double> { ["roc_auc"] = 0.8, ["log_loss"] = 0.4 }, new ModelCardFacts("Benchmark."), run));

        Execute(connection, $"""
            INSERT INTO runs (id, kind, status, started_at, ended_at, git_version, git_commit, environment, owner_host, owner_pid, owner_started_at, heartbeat_at)
            SELECT 'BENCH' || lpad(g::text, 21, '0'), kind, status, started_at + g * 60000, ended_at + g * 60000, '1.' || (g / 100) || '.0', git_commit,
                   environment, owner_host, owner_pid, owner_started_at, heartbeat_at + g * 60000
            FROM runs, generate_series(1::bigint, {Runs - 1}) AS g WHERE id = '{run}';
            INSERT INTO run_params (run_id, key, value)
            SELECT 'BENCH' || lpad(g::text, 21, '0'), key, (g * (position('_' IN key) + 1))::text FROM run_params, generate_series(1::bigint, {Runs - 1}) AS g WHERE run_id = '{run}';
            INSERT INTO run_metrics (run_id, key, value)
            SELECT 'BENCH' || lpad(g::text, 21, '0'), key, random() FROM run_metrics, generate_series(1::bigint, {Runs - 1}) AS g WHERE run_id = '{run}';
            INSERT INTO model_versions (model, version, created_at, source_run_id, signature_json, input_example, promotion_reason)
            SELECT model, version + g, created_at + g * 1000, 'BENCH' || lpad((g * 10)::text, 21, '0'), signature_json, input_example, promotion_reason
            FROM model_versions, generate_series(1::bigint, {Versions - 1}) AS g WHERE model = 'churn' AND version = 1;
            INSERT INTO model_version_metrics (model, version, key, value)
            SELECT model, version + g, key, random() FROM model_version_metrics, generate_series(1::bigint, {Versions - 1}) AS g WHERE model = 'churn' AND version = 1;
            INSERT INTO model_version_artifacts (model, version, position, name, sha256, size_bytes)
            SELECT model, version + g, position, name, sha256, size_bytes FROM model_version_artifacts, generate_series(1::bigint, {Versions - 1}) AS g WHERE model = 'churn' AND version = 1;
            INSERT INTO model_aliases (model, alias, version, updated_at) VALUES ('churn', 'champion', {Versions}, 0), ('churn', 'challenger', {Versions - 1}, 0)
            ON CONFLICT (model, alias) DO UPDATE SET version = excluded.version;
            ANALYZE;
            """);
    }

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        command.ExecuteNonQuery();
    }
}
