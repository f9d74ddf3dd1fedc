using System.Diagnostics;

namespace Kiln.Targets.Tests;

/// <summary>Runs build.sh against a stand-in <c>dotnet</c> that logs its calls, so the bootstrap logic is tested in milliseconds.</summary>
public sealed class BuildScriptTests : IDisposable
{
    private const string FakeDotnet = """
        #!/bin/sh
        echo "$*" >> "$FAKE_DOTNET_LOG"
        case "$1" in
          --version) echo 10.0.100 ;;
          --list-sdks) echo "10.0.100 [/fake]" ;;
          build)
            out=""; prev=""
            for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done
            if [ -n "$FAKE_BUILD_FAIL" ]; then echo "Build.cs(3,1): error CS1002: ; expected"; exit 1; fi
            mkdir -p "$out" && echo fake > "$out/_build.dll" ;;
          *) echo "program $*" ;;
        esac
        """;

    private readonly TestHost _host = new();
    private readonly string _log;
    private readonly string _fakeBin;

    public BuildScriptTests()
    {
        _log = Path.Combine(_host.Root, "dotnet.log");
        _fakeBin = Path.Combine(_host.Root, "fake-bin");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "scripts", "build.sh"), Path.Combine(_host.Root, "build.sh"));
        _host.WriteFile("fake-bin/dotnet", FakeDotnet.ReplaceLineEndings("\n"));
        _host.WriteFile("build/Build.cs", "class Build {}");
        _host.WriteFile("build/obj/project.assets.json", "{}");
        _host.WriteFile("src/Lib/Lib.cs", "class Lib {}");
        _host.WriteFile("global.json", "{}");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(_fakeBin, "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public void CompilesOnceThenRunsTheProgramDirectlyUntilASourceChanges()
    {
        SkipOnWindows();
        Assert.Equal(0, RunScript(out var first, "--help"));
        Assert.Contains("program", first, StringComparison.Ordinal);
        Assert.Equal(["--version", "build", "run"], Calls());

        Assert.Equal(0, RunScript(out _, "--help"));
        Assert.Equal(["run"], Calls());

        // Files under bin/ and obj/ are outputs, not inputs.
        File.SetLastWriteTimeUtc(_host.WriteFile("build/obj/project.assets.json", "{ }"), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(0, RunScript(out _, "--help"));
        Assert.Equal(["run"], Calls());

        File.SetLastWriteTimeUtc(_host.WriteFile("src/Lib/Lib.cs", "class Lib { }"), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(0, RunScript(out _, "Train"));
        Assert.Equal(["--version", "build", "run"], Calls());
    }

    [Fact]
    public void DeletingASourceFileTriggersARebuild()
    {
        SkipOnWindows();
        Assert.Equal(0, RunScript(out _));
        Calls();
        File.Delete(Path.Combine(_host.Root, "src", "Lib", "Lib.cs"));
        Directory.SetLastWriteTimeUtc(Path.Combine(_host.Root, "src", "Lib"), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(0, RunScript(out _));
        Assert.Equal(["--version", "build", "run"], Calls());
    }

    [Fact]
    public void AddingAFileTriggersARebuildButBuildingAProjectDoesNot()
    {
        SkipOnWindows();
        Assert.Equal(0, RunScript(out _));
        Calls();

        // dotnet build creates bin/ and obj/, which touches the project's directory: no input of the build program changed.
        Directory.CreateDirectory(Path.Combine(_host.Root, "src", "Lib", "bin", "Debug"));
        _host.WriteFile("src/Lib/obj/Debug/Lib.dll", "binary");
        Directory.SetLastWriteTimeUtc(Path.Combine(_host.Root, "src", "Lib"), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(0, RunScript(out _));
        Assert.Equal(["run"], Calls());

        var added = _host.WriteFile("src/Lib/Added.cs", "class Added {}");
        File.SetLastWriteTimeUtc(added, DateTime.UtcNow.AddMinutes(-10));   // older than the stamp: only the list of files tells
        Assert.Equal(0, RunScript(out _));
        Assert.Equal(["--version", "build", "run"], Calls());
    }

    [Fact]
    public void CompileErrorsArePrintedInFullAndNothingRuns()
    {
        SkipOnWindows();
        Assert.Equal(1, RunScript(out var output, environment: new() { ["FAKE_BUILD_FAIL"] = "1" }));
        Assert.Contains("Build.cs(3,1): error CS1002", output, StringComparison.Ordinal);
        Assert.Equal(["--version", "build"], Calls());
    }

    [Fact]
    public void MissingDotnetFailsWithAClearMessage()
    {
        SkipOnWindows();
        Assert.Equal(127, RunScript(out var output, path: "/nonexistent"));
        Assert.Contains("'dotnet' was not found on PATH", output, StringComparison.Ordinal);
    }

    private static void SkipOnWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("build.sh is the Unix bootstrap; build.cmd covers Windows");
        }
    }

    private List<string> Calls()
    {
        var calls = File.Exists(_log) ? File.ReadAllLines(_log) : [];
        File.Delete(_log);
        return [.. calls.Select(c => c.StartsWith("--version", StringComparison.Ordinal) ? "--version" : c.StartsWith("build", StringComparison.Ordinal) ? "build" : "run")];
    }

    private int RunScript(out string output, string? arguments = null, Dictionary<string, string>? environment = null, string? path = null)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _host.Root,
        };
        start.ArgumentList.Add(Path.Combine(_host.Root, "build.sh"));
        if (arguments is not null)
        {
            start.ArgumentList.Add(arguments);
        }

        start.Environment["PATH"] = path ?? $"{_fakeBin}:/usr/bin:/bin";
        start.Environment["FAKE_DOTNET_LOG"] = _log;
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        output = process.StandardOutput.ReadToEnd() + stderr.GetAwaiter().GetResult();
        process.WaitForExit();
        return process.ExitCode;
    }
}
