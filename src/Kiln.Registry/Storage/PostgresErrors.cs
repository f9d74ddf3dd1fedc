using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Kiln.Registry.Storage;

/// <summary>Which PostgreSQL failures are worth another attempt, and what every other one means to the person who has to fix it.</summary>
internal static class PostgresErrors
{
    private const string PasswordHint =
        "check the password given with --registry-store-password (REGISTRY_STORE_PASSWORD), the service's Kiln:Registry:Password, PGPASSWORD or ~/.pgpass";

    /// <summary>Whether another attempt may succeed: no server (yet), a connection lost or ended by a restart, or a serialization failure or deadlock.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException e => e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections
            || e.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException e => e.IsTransient || e.InnerException is SocketException or IOException or TimeoutException,
        _ => false,
    };

    /// <summary>Whether the failure ended the connection, so pooled connections to the same server are likely dead too.</summary>
    public static bool IsConnectionLost(Exception exception) => exception is NpgsqlException and not PostgresException
        || exception is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown };

    /// <summary>A <see cref="RegistryException"/> that says what went wrong with <paramref name="location"/> and what to do; the password is never part of it.</summary>
    /// <param name="exception">What Npgsql threw.</param>
    /// <param name="location">The registry database.</param>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="elapsed">How long they took in all.</param>
    public static RegistryException Explain(Exception exception, PostgresLocation location, int attempts, TimeSpan elapsed)
    {
        var where = location.ToString();
        var message = exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
                $"PostgreSQL at {location.Endpoint} refused the password of user '{location.User}' ({where}): {PasswordHint}.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } e =>
                $"PostgreSQL at {location.Endpoint} refused user '{location.User}' ({where}): {e.MessageText}.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"The database '{location.Database}' does not exist on the PostgreSQL server at {location.Endpoint} ({where}): create it " +
                $"(createdb -h {location.Host} -p {location.Port.ToString(CultureInfo.InvariantCulture)} -U {location.User} {location.Database}) or fix registry.store.",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } e =>
                $"User '{location.User}' lacks a privilege in {where}: {e.MessageText}. Serving needs only SELECT; Register, Runs and MigrateRegistry " +
                "also need INSERT and UPDATE, and the first use or a Kiln upgrade needs CREATE.",
            PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } e =>
                $"{where} was opened read-only, so it cannot be written: {e.MessageText}.",
            PostgresException e when IsTransient(e) =>
                $"The PostgreSQL server at {location.Endpoint} ({where}) kept failing over {Attempts(attempts, elapsed)}: {e.SqlState} {e.MessageText}.",
            PostgresException e =>
                $"The registry database {where} failed: {e.SqlState} {e.MessageText}.",
            NpgsqlException e when e.Message.Contains("password", StringComparison.OrdinalIgnoreCase) =>
                $"PostgreSQL at {location.Endpoint} wants a password for user '{location.User}' ({where}): {PasswordHint}. ({e.Message})",
            NpgsqlException e when IsTransient(e) =>
                $"Cannot reach the registry database at {location.Endpoint} ({where}) after {Attempts(attempts, elapsed)}: {Innermost(e).Message.TrimEnd('.')}. " +
                "Is the server running and is registry.store right?",
            _ => $"The registry database {where} failed: {exception.Message}",
        };
        return new RegistryException(message, exception);
    }

    private static string Attempts(int attempts, TimeSpan elapsed) =>
        $"{attempts.ToString(CultureInfo.InvariantCulture)} attempt{(attempts == 1 ? "" : "s")} in {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
