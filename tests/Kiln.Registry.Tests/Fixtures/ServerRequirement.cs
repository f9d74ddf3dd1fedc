namespace Kiln.Registry.Tests.Fixtures;

/// <summary>Skips a test whose server (S3, PostgreSQL) is not there, except in CI (CI=true), where a missing server is a failure with the command that starts it.</summary>
internal static class ServerRequirement
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void SkipOrFail(string reason, string script)
    {
        if (IsCi)
        {
            Assert.Fail($"{reason}. CI must provide it: run eval \"$(bash {script})\" before the tests.");
        }

        Assert.Skip($"{reason} (start it with: eval \"$(bash {script})\")");
    }
}
