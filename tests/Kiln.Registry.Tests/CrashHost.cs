using System.Diagnostics;
using Kiln.Registry.Tests.Fixtures;

namespace Kiln.Registry.Tests;

/// <summary>Starts tests/Kiln.Registry.CrashHost as a real child process (built alongside this project).</summary>
public static class CrashHost
{
    public static Process Start(params string[] args) => ChildHost.Start(typeof(CrashHost).Assembly, "CrashHostPath", args);

    /// <summary>Starts it with <paramref name="environment"/> set (a null value removes the variable).</summary>
    public static Process StartWith(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        ChildHost.Start(typeof(CrashHost).Assembly, "CrashHostPath", args, environment);
}
