using Kiln.Registry.Tests.Fixtures;
using Npgsql;

namespace Kiln.Registry.Tests;

/// <summary>What the PostgreSQL registry's tests rely on from .ci/postgres.sh: a loopback server where kiln is trusted and every other role needs its password.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task TheTestServerTrustsKilnOnLoopbackAndRefusesAnotherRolesWrongPassword()
    {
        var server = PostgresTestServer.Require();
        var role = "kiln_test_" + Guid.NewGuid().ToString("N")[..12];
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var admin = server.Open();
        await using (var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN PASSWORD 'right-password'", admin))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using (var who = new NpgsqlCommand("SELECT current_user || ' ' || inet_server_addr()::text", admin))
            {
                Assert.Equal($"{server.User} 127.0.0.1/32", await who.ExecuteScalarAsync(cancellationToken));
            }

            var refused = Assert.Throws<PostgresException>(() => server.Open(role, "wrong-password"));
            Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
            await using var accepted = server.Open(role, "right-password");
            Assert.Equal(System.Data.ConnectionState.Open, accepted.State);
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP ROLE {role}", admin);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
