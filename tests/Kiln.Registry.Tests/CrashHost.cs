using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Kiln.Registry.Tests;

/// <summary>Starts tests/Kiln.Registry.CrashHost as a real child process (built alongside this project).</summary>
public static class CrashHost
{
    public static Process Start(params string[] args)
    {
        var hostDll = typeof(CrashHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CrashHostPath").Value!;
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException(
                $"The crash host '{hostDll}' is missing; build it with `dotnet build tests/Kiln.Registry.CrashHost` (the test project normally builds it).");
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

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {muxer} {hostDll}.");
    }
}
