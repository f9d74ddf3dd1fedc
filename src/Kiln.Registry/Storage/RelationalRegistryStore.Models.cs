using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Kiln.Registry.Models;

namespace Kiln.Registry.Storage;

/// <summary>Model versions and aliases.</summary>
public abstract partial class RelationalRegistryStore
{
    // Position 0 is the model file; an attached report with the same bytes as some model must not count.
    private const string ExistingModelSql =
        "SELECT MIN(version) FROM model_version_artifacts WHERE model = @m AND position = 0 AND sha256 = @s;";

    private static readonly JsonSerializerOptions SignatureJson = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public RegisteredVersion CreateVersion(NewModelVersion version)
    {
        RegistryNames.ValidModelName(version.Name);
        foreach (var alias in version.Aliases)
        {
            RegistryNames.ValidAlias(alias);
        }

        if (version.Artifacts.Count == 0)
        {
            throw new RegistryException($"Model '{version.Name}' cannot be registered without a model file.");
        }

        var (number, created) = Write(connection =>
        {
            if (version.SourceRunId is { } runId)
            {
                EnsureRun(connection, runId);
            }

            // The model's row first, then its lock: every check below sees rows no other writer of this model can change until COMMIT.
            var now = ToUnixMs(version.CreatedAt);
            NonQuery(connection, "INSERT INTO registered_models (name, created_at) VALUES (@name, @at) ON CONFLICT (name) DO NOTHING;",
                ("@name", version.Name), ("@at", now));
            LockModel(connection, version.Name);
            if (Scalar(connection, ExistingModelSql, ("@m", version.Name), ("@s", version.Artifacts[0].Sha256)) is { } existing)
            {
                return (Convert.ToInt32(existing, CultureInfo.InvariantCulture), false);
            }

            if (version.Expected is { } expected)
            {
                RequireAliasAt(connection, version.Name, expected, "the decision was made");
            }

            // Allocated under the model's lock, so no other writer can read the same maximum.
            var next = Convert.ToInt32(Scalar(connection, "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE model = @name;", ("@name", version.Name)),
                CultureInfo.InvariantCulture);
            NonQuery(connection, """
                INSERT INTO model_versions (model, version, created_at, source_run_id, signature_json, input_example, promotion_reason)
                VALUES (@name, @version, @at, @run, @signature, @example, @reason);
                """,
                ("@name", version.Name), ("@version", next), ("@at", now), ("@run", version.SourceRunId),
                ("@signature", JsonSerializer.Serialize(version.Signature, SignatureJson)), ("@example", version.InputExample),
                ("@reason", version.PromotionReason));

            foreach (var (key, value) in version.Metrics)
            {
                NonQuery(connection, "INSERT INTO model_version_metrics (model, version, key, value) VALUES (@name, @version, @key, @value);",
                    ("@name", version.Name), ("@version", next), ("@key", key), ("@value", value));
            }

            for (var position = 0; position < version.Artifacts.Count; position++)
            {
                var artifact = version.Artifacts[position];
                NonQuery(connection, """
                    INSERT INTO model_version_artifacts (model, version, position, name, sha256, size_bytes)
                    VALUES (@name, @version, @position, @file, @sha, @size);
                    """,
                    ("@name", version.Name), ("@version", next), ("@position", position), ("@file", artifact.Name),
                    ("@sha", artifact.Sha256), ("@size", artifact.SizeBytes));
            }

            foreach (var alias in version.Aliases)
            {
                MoveAlias(connection, version.Name, alias, next, now);
            }

            foreach (var move in version.History ?? [])
            {
                NonQuery(connection, "INSERT INTO alias_history (model, alias, version, moved_at, reason) VALUES (@m, @a, @v, @t, @reason);",
                    ("@m", version.Name), ("@a", move.Alias), ("@v", next), ("@t", ToUnixMs(move.MovedAt)), ("@reason", move.Reason));
            }

            BeforeVersionCommit?.Invoke();
            return (next, true);
        });

        return new RegisteredVersion(FindVersion(version.Name, number)!, created);
    }

    /// <inheritdoc />
    public void SetAlias(string model, string alias, int version)
    {
        RegistryNames.ValidAlias(alias);
        Write(connection =>
        {
            LockModel(connection, model);
            if (Scalar(connection, "SELECT 1 FROM model_versions WHERE model = @m AND version = @v;", ("@m", model), ("@v", version)) is null)
            {
                throw VersionNotFound(connection, model, $"version {version}");
            }

            MoveAlias(connection, model, alias, version, ToUnixMs(DateTimeOffset.UtcNow));
            return 0;
        });
    }

    /// <inheritdoc />
    public bool RemoveAlias(string model, string alias) => Write(connection =>
    {
        LockModel(connection, model);
        var removed = NonQuery(connection, "DELETE FROM model_aliases WHERE model = @m AND alias = @a;", ("@m", model), ("@a", alias)) > 0;
        if (removed)
        {
            NonQuery(connection, "INSERT INTO alias_history (model, alias, version, moved_at) VALUES (@m, @a, NULL, @t);",
                ("@m", model), ("@a", alias), ("@t", ToUnixMs(DateTimeOffset.UtcNow)));
        }

        return removed;
    });

    /// <inheritdoc />
    public ModelVersion? FindVersion(string model, int version) => Read(connection =>
        LoadVersions(connection, "WHERE model = @m AND version = @v", ("@m", model), ("@v", version)).SingleOrDefault());

    /// <inheritdoc />
    public ModelVersion? FindVersionByModelSha256(string model, string sha256) => Read(connection =>
        Scalar(connection, ExistingModelSql, ("@m", model), ("@s", sha256)) is { } version
            ? LoadVersions(connection, "WHERE model = @m AND version = @v", ("@m", model), ("@v", Convert.ToInt32(version, CultureInfo.InvariantCulture))).Single()
            : null);

    /// <inheritdoc />
    public ModelVersion? FindVersionByAlias(string model, string alias) => Read(connection =>
        LoadVersions(connection, "WHERE (model, version) IN (SELECT model, version FROM model_aliases WHERE model = @m AND alias = @a)",
            ("@m", model), ("@a", alias)).SingleOrDefault());

    /// <inheritdoc />
    public IReadOnlyList<ModelVersion> ListVersions(string? model = null) => Read(connection => model is null
        ? LoadVersions(connection, string.Empty)
        : LoadVersions(connection, "WHERE model = @m", ("@m", model)));

    /// <inheritdoc />
    public IReadOnlyList<string> ModelNames() => Read(connection =>
    {
        var names = new List<string>();
        ForEach(connection, "SELECT name FROM registered_models ORDER BY name;", [], r => names.Add(r.GetString(0)));
        return names;
    });

    /// <inheritdoc />
    public IReadOnlyDictionary<string, int> Aliases(string model) => Read(connection =>
    {
        var aliases = new SortedDictionary<string, int>(StringComparer.Ordinal);
        ForEach(connection, "SELECT alias, version FROM model_aliases WHERE model = @m;", [("@m", model)], r => aliases[r.GetString(0)] = r.GetInt32(1));
        return (IReadOnlyDictionary<string, int>)aliases;
    });

    /// <inheritdoc />
    public IReadOnlySet<string> ReferencedArtifactHashes() => Read(connection =>
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        // Runs keep their artifacts in the store too (the dashboard serves them), so their hashes count as referenced.
        ForEach(connection, "SELECT sha256 FROM model_version_artifacts UNION SELECT sha256 FROM run_artifacts;", [], r => hashes.Add(r.GetString(0)));
        return (IReadOnlySet<string>)hashes;
    });

    // Under the model's lock: refuses a change prepared while the alias pointed elsewhere, so the last writer cannot silently win.
    private static void RequireAliasAt(DbConnection connection, string model, AliasExpectation expected, string when)
    {
        var current = Scalar(connection, "SELECT version FROM model_aliases WHERE model = @m AND alias = @a;", ("@m", model), ("@a", expected.Alias)) is { } value
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : (int?)null;
        if (current != expected.Version)
        {
            throw new AliasConflictException(
                $"@{expected.Alias} of '{model}' now points at {Describe(current)}, not {Describe(expected.Version)} as when {when}; nothing was changed.");
        }
    }

    private static string Describe(int? version) => version is { } v ? $"v{v}" : "nothing";

    private static void MoveAlias(DbConnection connection, string model, string alias, int version, long at, string? reason = null)
    {
        NonQuery(connection, """
            INSERT INTO model_aliases (model, alias, version, updated_at) VALUES (@m, @a, @v, @t)
            ON CONFLICT (model, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at;
            """, ("@m", model), ("@a", alias), ("@v", version), ("@t", at));
        NonQuery(connection, "INSERT INTO alias_history (model, alias, version, moved_at, reason) VALUES (@m, @a, @v, @t, @reason);",
            ("@m", model), ("@a", alias), ("@v", version), ("@t", at), ("@reason", reason));
    }

    private RegistryEntryNotFoundException VersionNotFound(DbConnection connection, string model, string what)
    {
        var versions = new List<int>();
        ForEach(connection, "SELECT version FROM model_versions WHERE model = @m ORDER BY version;", [("@m", model)], r => versions.Add(r.GetInt32(0)));
        return new RegistryEntryNotFoundException(versions.Count == 0
            ? $"Model '{model}' has no {what} in '{Location}': it has no versions."
            : $"Model '{model}' has no {what} in '{Location}'; its versions are {string.Join(", ", versions)}.");
    }

    // Set-based like LoadRuns: four queries however many versions match.
    private List<ModelVersion> LoadVersions(DbConnection connection, string where, params (string Name, object? Value)[] parameters)
    {
        var versionFilter = $"(model, version) IN (SELECT model, version FROM model_versions {where})";
        var metrics = new Dictionary<string, Dictionary<string, double>>();
        var artifacts = new Dictionary<string, List<VersionArtifact>>();
        var aliases = new Dictionary<string, List<string>>();

        ForEach(connection, $"SELECT model, version, key, value FROM model_version_metrics WHERE {versionFilter};", parameters,
            r => Bucket(metrics, Key(r.GetString(0), r.GetInt32(1))).Add(r.GetString(2), r.GetDouble(3)));
        ForEach(connection, $"SELECT model, version, name, sha256, size_bytes FROM model_version_artifacts WHERE {versionFilter} ORDER BY position;", parameters,
            r => Bucket(artifacts, Key(r.GetString(0), r.GetInt32(1)))
                .Add(new VersionArtifact(r.GetString(2), r.GetString(3), r.GetInt64(4), _artifactPath(r.GetString(3)))));
        ForEach(connection, $"SELECT model, version, alias FROM model_aliases WHERE {versionFilter} ORDER BY alias;", parameters,
            r => Bucket(aliases, Key(r.GetString(0), r.GetInt32(1))).Add(r.GetString(2)));

        var versions = new List<ModelVersion>();
        ForEach(connection, $"""
            SELECT model, version, created_at, source_run_id, signature_json, input_example, promotion_reason
            FROM model_versions {where} ORDER BY model, version DESC;
            """, parameters, r =>
        {
            var key = Key(r.GetString(0), r.GetInt32(1));
            versions.Add(new ModelVersion(
                r.GetString(0),
                r.GetInt32(1),
                FromUnixMs(r.GetInt64(2)),
                r.IsDBNull(3) ? null : r.GetString(3),
                JsonSerializer.Deserialize<ModelSignature>(r.GetString(4), SignatureJson)!,
                r.IsDBNull(5) ? null : r.GetString(5),
                metrics.GetValueOrDefault(key) ?? [],
                aliases.GetValueOrDefault(key) ?? [],
                artifacts.GetValueOrDefault(key) ?? [],
                r.IsDBNull(6) ? null : r.GetString(6)));
        });
        return versions;
    }

    private static string Key(string model, int version) => $"{model}/{version}";
}
