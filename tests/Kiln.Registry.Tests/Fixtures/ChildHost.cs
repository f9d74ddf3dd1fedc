using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Kiln.Registry.Tests.Fixtures;

/// <summary>Starts a helper program built alongside a test project as a real child process, on the same dotnet as the tests.</summary>
public static class ChildHost
{
    /// <summary>Starts the program whose dll path <paramref name="tests"/> records in the assembly metadata <paramref name="pathKey"/>, with its output redirected.</summary>
    /// <param name="tests">The test assembly whose project builds the program (a <c>ReferenceOutputAssembly="false"</c> project reference).</param>
    /// <param name="pathKey">The metadata key of the program's dll path.</param>
    /// <param name="args">The program's arguments.</param>
    /// <param name="environment">Variables to set in the child (a null value removes it); the rest are inherited.</param>
    public static Process Start(Assembly tests, string pathKey, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var hostDll = tests.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == pathKey).Value!;
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException(
                $"The child program '{hostDll}' is missing; build it with `dotnet build tests/{Path.GetFileNameWithoutExtension(hostDll)}` (the test project normally builds it).");
        }

        // The muxer that runs this test runtime: <dotnet root>/shared/Microsoft.NETCore.App/<version>/ is three levels below it.
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var muxer = Path.Combine(dotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        var start = new ProcessStartInfo(File.Exists(muxer) ? muxer : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName} {hostDll}.");
    }

    /// <summary>Waits at most <paramref name="timeout"/> for <paramref name="child"/> to exit; returns its exit code and all it wrote (standard output, then standard error).</summary>
    /// <param name="child">A program started by <see cref="Start"/>.</param>
    /// <param name="timeout">How long it may run; past it the wait is cancelled.</param>
    /// <param name="cancellationToken">The test's token.</param>
    public static async Task<(int ExitCode, string Output)> WaitAsync(Process child, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Both pipes are drained while waiting, so a chatty child never blocks on a full pipe.
        var stdout = child.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = child.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        await child.WaitForExitAsync(limit.Token);
        return (child.ExitCode, await stdout + await stderr);
    }
}
