using Kiln.Testing;
using Npgsql;

namespace Kiln.Registry.Tests.Fixtures;

/// <summary>The PostgreSQL server .ci/postgres.sh starts (KILN_TEST_POSTGRES=postgres://kiln@127.0.0.1:port/kiln).</summary>
internal sealed record PostgresTestServer(string Host, int Port, string Database, string User)
{
    /// <summary>The running server, or a skip (a failure in CI) naming what is missing.</summary>
    public static PostgresTestServer Require()
    {
        var url = Environment.GetEnvironmentVariable("KILN_TEST_POSTGRES");
        Uri? uri = null;
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme != "postgres")
        {
            Requirement.SkipOrFail($"no PostgreSQL server: KILN_TEST_POSTGRES is '{url}', expected postgres://user@host:port/database", "eval \"$(bash .ci/postgres.sh)\"");
        }

        var server = new PostgresTestServer(uri!.Host, uri.Port, uri.AbsolutePath.Trim('/'), uri.UserInfo.Split(':')[0]);
        try
        {
            using var connection = server.Open();
        }
        catch (NpgsqlException e)
        {
            Requirement.SkipOrFail($"no PostgreSQL server answers at KILN_TEST_POSTGRES={url}: {e.Message}", "eval \"$(bash .ci/postgres.sh)\"");
        }

        return server;
    }

    /// <summary>The <c>postgres://</c> store URI of <paramref name="database"/> on this server, as <c>registry.store</c> takes it.</summary>
    public string StoreUri(string database, string? user = null) =>
        $"postgres://{user ?? User}@{Host}:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{database}";

    public string ConnectionString(string? user = null, string? password = null, string? database = null) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Database = database ?? Database,
        Username = user ?? User,
        Password = password,
        Timeout = 5,
        Pooling = false,
    }.ConnectionString;

    /// <summary>Creates an empty database with a fresh name on the server and returns the name.</summary>
    public string CreateDatabase()
    {
        var name = "kiln_test_" + Guid.NewGuid().ToString("N")[..20];
        using var admin = Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        create.ExecuteNonQuery();
        return name;
    }

    /// <summary>Drops a database <see cref="CreateDatabase"/> made, with whatever connections to it remain.</summary>
    public void DropDatabase(string name)
    {
        using var admin = Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }

    public NpgsqlConnection Open(string? user = null, string? password = null, string? database = null)
    {
        var connection = new NpgsqlConnection(ConnectionString(user, password, database));
        connection.Open();
        return connection;
    }
}
