namespace Kiln.Registry.Storage;

/// <summary>How Kiln reaches a PostgreSQL registry: the password (never part of the URI or the YAML), retries and timeouts.</summary>
/// <param name="Password">The role's password; null uses <c>PGPASSWORD</c> (see <see cref="FromEnvironment"/>), and without that the password file (<c>PGPASSFILE</c> or <c>~/.pgpass</c>).</param>
/// <param name="MaxAttempts">How often an operation that found no server, lost its connection or hit a serialization failure is tried before giving up (default 4).</param>
/// <param name="FirstRetryDelay">The wait before the second attempt, doubled for each further one (default 250 ms, so about 2 s in all).</param>
/// <param name="ConnectTimeout">How long to wait for a connection (default 5 s).</param>
/// <param name="CommandTimeout">How long one statement may run, including waiting for another writer's lock (default 30 s).</param>
public sealed record PostgresSettings(
    string? Password = null,
    int MaxAttempts = 4,
    TimeSpan? FirstRetryDelay = null,
    TimeSpan? ConnectTimeout = null,
    TimeSpan? CommandTimeout = null)
{
    /// <summary>The libpq variable a password is read from when none is given: <c>PGPASSWORD</c>.</summary>
    public const string PasswordVariable = "PGPASSWORD";

    /// <summary>The retry wait actually used before the second attempt.</summary>
    public TimeSpan EffectiveFirstRetryDelay => FirstRetryDelay ?? TimeSpan.FromMilliseconds(250);

    /// <summary>The connection timeout actually used.</summary>
    public TimeSpan EffectiveConnectTimeout => ConnectTimeout ?? TimeSpan.FromSeconds(5);

    /// <summary>The statement timeout actually used.</summary>
    public TimeSpan EffectiveCommandTimeout => CommandTimeout ?? TimeSpan.FromSeconds(30);

    /// <summary>Settings with <paramref name="password"/> when given (a <c>[Secret]</c> build parameter, the service's <c>Kiln:Registry:Password</c>), else <c>PGPASSWORD</c>.</summary>
    public static PostgresSettings FromEnvironment(string? password = null) =>
        new(string.IsNullOrEmpty(password) ? NonEmpty(Environment.GetEnvironmentVariable(PasswordVariable)) : password);

    /// <summary>Throws a <see cref="RegistryException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (MaxAttempts is < 1 or > 20 || EffectiveFirstRetryDelay < TimeSpan.Zero || EffectiveConnectTimeout < TimeSpan.FromSeconds(1) || EffectiveCommandTimeout < TimeSpan.FromSeconds(1))
        {
            throw new RegistryException(
                $"PostgreSQL settings out of range: attempts must be 1 to 20 (got {MaxAttempts}), the retry delay not negative and the timeouts at least 1 s.");
        }
    }

    /// <summary>The settings with the password masked, so logging them never prints it.</summary>
    public override string ToString() =>
        $"PostgresSettings {{ Password = {(Password is null ? "(none)" : "***")}, MaxAttempts = {MaxAttempts}, FirstRetryDelay = {EffectiveFirstRetryDelay}, ConnectTimeout = {EffectiveConnectTimeout}, CommandTimeout = {EffectiveCommandTimeout} }}";

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
