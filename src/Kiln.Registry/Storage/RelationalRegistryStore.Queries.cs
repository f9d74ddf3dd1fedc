using System.Data.Common;
using System.Globalization;
using Kiln.Registry.Models;
using Kiln.Registry.Queries;
using Kiln.Registry.Runs;

namespace Kiln.Registry.Storage;

/// <summary>Filtered, sorted, paged run and version listings, for the dashboard; the few spellings the two databases differ in come from
/// <see cref="IsNumericText"/>, <see cref="ContainsText"/> and <see cref="RealType"/>.</summary>
public abstract partial class RelationalRegistryStore
{
    /// <inheritdoc />
    public RunPage QueryRuns(RunQuery query)
    {
        query = query.Validated();
        var parameters = new List<(string Name, object? Value)>();
        var where = Where(query, parameters);
        var sort = query.Sort ?? RunSort.Newest;

        return Read(connection =>
        {
            int total;
            List<string> ids;
            if (where.Length > 0)
            {
                // Filtered: one pass finds, counts (a window over all matches) and orders them, instead of a count and a page query.
                (ids, total) = PageAndCount(connection, query, sort, where, parameters);
                if (ids.Count == 0)
                {
                    total = Count(connection, $"SELECT COUNT(*) FROM runs {where};", parameters);
                }
            }
            else
            {
                // Unfiltered: counting is cheap, and a metric sort can walk the (key, value) index.
                total = Count(connection, "SELECT COUNT(*) FROM runs;", parameters);
                ids = sort.Column == RunSortColumn.Metric
                    ? PageByMetric(connection, query, sort, Count(connection, "SELECT COUNT(*) FROM run_metrics WHERE key = @sortkey;", [("@sortkey", sort.Key)]))
                    : PageIds(connection, query, sort, where, parameters);
            }

            if (ids.Count == 0)
            {
                return new RunPage([], total);
            }

            var idParameters = ids.Select((id, i) => ($"@page{i}", (object?)id)).ToArray();
            var position = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
            var runs = LoadRuns(connection, $"WHERE id IN ({string.Join(", ", idParameters.Select(p => p.Item1))})", idParameters, query.ParameterKeys);
            return new RunPage([.. runs.OrderBy(r => position[r.Id])], total);
        });
    }

    private static int Count(DbConnection connection, string sql, List<(string Name, object? Value)> parameters) =>
        Convert.ToInt32(Scalar(connection, sql, [.. parameters]), CultureInfo.InvariantCulture);

    private (List<string> Ids, int Total) PageAndCount(
        DbConnection connection, RunQuery query, RunSort sort, string where, List<(string Name, object? Value)> parameters)
    {
        var sortParameters = new List<(string Name, object? Value)>(parameters);
        var (join, order) = Order(sort, sortParameters);
        var ids = new List<string>();
        var total = 0;
        ForEach(connection, $"SELECT runs.id, COUNT(*) OVER () FROM runs {join} {where} ORDER BY {order} LIMIT @limit OFFSET @offset;",
            [.. sortParameters, ("@limit", query.Limit), ("@offset", query.Offset)], r =>
            {
                ids.Add(r.GetString(0));
                total = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture);
            });
        return (ids, total);
    }

    private List<string> PageIds(DbConnection connection, RunQuery query, RunSort sort, string where, List<(string Name, object? Value)> parameters)
    {
        var sortParameters = new List<(string Name, object? Value)>(parameters);
        var (join, order) = Order(sort, sortParameters);
        var ids = new List<string>();
        ForEach(connection, $"SELECT runs.id FROM runs {join} {where} ORDER BY {order} LIMIT @limit OFFSET @offset;",
            [.. sortParameters, ("@limit", query.Limit), ("@offset", query.Offset)], r => ids.Add(r.GetString(0)));
        return ids;
    }

    // Unfiltered runs that have the metric come first, in the order of the (key, value) index, so a page is an index range
    // rather than a sort of every run; runs without it follow, newest first.
    private static List<string> PageByMetric(DbConnection connection, RunQuery query, RunSort sort, int withMetric)
    {
        var direction = sort.Descending ? "DESC" : "ASC";
        List<(string Name, object? Value)> keyed = [("@sortkey", sort.Key)];
        const string joined = "FROM run_metrics sm JOIN runs ON runs.id = sm.run_id WHERE sm.key = @sortkey";
        var ids = new List<string>();
        if (query.Offset < withMetric)
        {
            ForEach(connection, $"SELECT runs.id {joined} ORDER BY sm.value {direction}, runs.started_at DESC, runs.id DESC LIMIT @limit OFFSET @offset;",
                [.. keyed, ("@limit", query.Limit), ("@offset", query.Offset)], r => ids.Add(r.GetString(0)));
        }

        if (ids.Count < query.Limit)
        {
            const string without = "WHERE runs.id NOT IN (SELECT run_id FROM run_metrics WHERE key = @sortkey)";
            ForEach(connection, $"SELECT runs.id FROM runs {without} ORDER BY runs.started_at DESC, runs.id DESC LIMIT @limit OFFSET @offset;",
                [.. keyed, ("@limit", query.Limit - ids.Count), ("@offset", Math.Max(0, query.Offset - withMetric))], r => ids.Add(r.GetString(0)));
        }

        return ids;
    }

    // The number a parameter's text holds, or NULL for text that is not one; CASE (unlike AND) guarantees the cast only sees numbers.
    private string NumberOf(string column) => $"CASE WHEN {IsNumericText(column)} THEN CAST({column} AS {RealType}) END";

    /// <inheritdoc />
    public VersionPage QueryVersions(string model, int offset, int limit)
    {
        if (offset < 0 || limit is < 1 or > RunQuery.MaxLimit)
        {
            throw new RegistryException($"A version page needs an offset of 0 or more and a limit of 1-{RunQuery.MaxLimit}, got {offset} and {limit}.");
        }

        return Read(connection =>
        {
            var total = Convert.ToInt32(Scalar(connection, "SELECT COUNT(*) FROM model_versions WHERE model = @m;", ("@m", model)), CultureInfo.InvariantCulture);
            var versions = LoadVersions(connection,
                "WHERE model = @m AND version IN (SELECT version FROM model_versions WHERE model = @m ORDER BY version DESC LIMIT @limit OFFSET @offset)",
                ("@m", model), ("@limit", limit), ("@offset", offset));
            return new VersionPage(versions, total);
        });
    }

    /// <inheritdoc />
    public RunFacets RunFacets() => Read(connection => new RunFacets(
        Distinct(connection, "runs", "environment"),
        // Versions of the latest runs only: a bounded read however long the history, and the versions anyone filters by.
        Strings(connection, """
            SELECT git_version FROM (SELECT git_version, started_at FROM runs ORDER BY started_at DESC LIMIT 500) AS recent
            WHERE git_version IS NOT NULL GROUP BY git_version ORDER BY MAX(started_at) DESC LIMIT 30;
            """),
        Distinct(connection, "run_metrics", "key"),
        Distinct(connection, "run_params", "key")));

    // A skip-scan over the column's index: one index seek per distinct value instead of reading every row.
    private static List<string> Distinct(DbConnection connection, string table, string column) => Strings(connection, $"""
        WITH RECURSIVE seen(value) AS (
            SELECT MIN({column}) FROM {table}
            UNION ALL
            SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > seen.value) FROM seen WHERE seen.value IS NOT NULL)
        SELECT value FROM seen WHERE value IS NOT NULL;
        """);

    private static List<string> Strings(DbConnection connection, string sql)
    {
        var values = new List<string>();
        ForEach(connection, sql, [], r => values.Add(r.GetString(0)));
        return values;
    }

    private string Where(RunQuery query, List<(string Name, object? Value)> parameters)
    {
        var clauses = new List<string>();
        void Equal(string column, object? value)
        {
            if (value is not null)
            {
                var name = $"@{column}";
                clauses.Add($"runs.{column} = {name}");
                parameters.Add((name, value));
            }
        }

        Equal("kind", query.Kind is { } kind ? ToText(kind) : null);
        Equal("status", query.Status is { } status ? ToText(status) : null);
        Equal("environment", query.Environment);
        Equal("git_version", query.GitVersion);
        if (!string.IsNullOrWhiteSpace(query.IdContains))
        {
            // Ids are upper-case Crockford base32; a substring test (not LIKE) keeps '%' and '_' in the search text literal.
            clauses.Add(ContainsText("runs.id", "@search"));
            parameters.Add(("@search", query.IdContains.Trim().ToUpperInvariant()));
        }

        if (query.Ids is { } ids)
        {
            var names = ids.Select((id, i) => $"@id{i}").ToList();
            clauses.Add(names.Count == 0 ? "1 = 0" : $"runs.id IN ({string.Join(", ", names)})");
            parameters.AddRange(ids.Select((id, i) => ($"@id{i}", (object?)id)));
        }

        var index = 0;
        foreach (var condition in query.Conditions ?? [])
        {
            clauses.Add(Condition(condition, index++, parameters));
        }

        return clauses.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", clauses);
    }

    private string Condition(RunCondition condition, int index, List<(string Name, object? Value)> parameters)
    {
        var key = $"@ck{index}";
        var value = $"@cv{index}";
        parameters.Add((key, condition.Key));
        var symbol = condition.Operator == ComparisonOperator.NotEqual ? "<>" : RunFilter.Symbol(condition.Operator);
        // IN over the (key, value) indexes: a selective condition reads only its matches instead of probing every run.
        if (condition.Target == ConditionTarget.Metric)
        {
            parameters.Add((value, condition.Number!.Value));
            return $"runs.id IN (SELECT m.run_id FROM run_metrics m WHERE m.key = {key} AND m.value {symbol} {value})";
        }

        var asNumber = NumberOf("p.value");
        string test;
        if (condition.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual)
        {
            // Equal text, or equal numbers written differently (0.10 = 0.1).
            parameters.Add((value, condition.Value));
            var equal = condition.Number is { } number
                ? $"(p.value = {value} OR COALESCE({asNumber} = {value}n, 1 = 0))"
                : $"p.value = {value}";
            if (condition.Number is { } n)
            {
                parameters.Add(($"{value}n", n));
            }

            test = condition.Operator == ComparisonOperator.Equal ? equal : $"NOT {equal}";
        }
        else
        {
            parameters.Add((value, condition.Number!.Value));
            test = $"{asNumber} {symbol} {value}";
        }

        return $"runs.id IN (SELECT p.run_id FROM run_params p WHERE p.key = {key} AND {test})";
    }

    private (string Join, string Order) Order(RunSort sort, List<(string Name, object? Value)> parameters)
    {
        var direction = sort.Descending ? "DESC" : "ASC";
        const string Newest = "runs.started_at DESC, runs.id DESC";
        switch (sort.Column)
        {
            case RunSortColumn.Started:
                return (string.Empty, $"runs.started_at {direction}, runs.id {direction}");
            case RunSortColumn.Duration:
                return (string.Empty, $"runs.ended_at IS NULL, runs.ended_at - runs.started_at {direction}, {Newest}");
            case RunSortColumn.Metric:
                parameters.Add(("@sortkey", sort.Key));
                return ("LEFT JOIN run_metrics sm ON sm.run_id = runs.id AND sm.key = @sortkey",
                    $"sm.value IS NULL, sm.value {direction}, {Newest}");
            case RunSortColumn.Parameter:
                parameters.Add(("@sortkey", sort.Key));
                return ("LEFT JOIN run_params sp ON sp.run_id = runs.id AND sp.key = @sortkey",
                    $"sp.value IS NULL, {NumberOf("sp.value")} {direction}, sp.value {direction}, {Newest}");
            default:
                var column = sort.Column switch
                {
                    RunSortColumn.Kind => "kind",
                    RunSortColumn.Status => "status",
                    RunSortColumn.Version => "git_version",
                    RunSortColumn.Environment => "environment",
                    _ => throw new RegistryException($"Runs cannot be sorted by '{sort.Column}'."),
                };
                return (string.Empty, $"runs.{column} IS NULL, runs.{column} {direction}, {Newest}");
        }
    }
}
