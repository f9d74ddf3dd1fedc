using System.Diagnostics;

namespace Kiln.Containers;

/// <summary>Publishes the inference service (dotnet publish) into a directory an image can be built from.</summary>
public static class ServicePublisher
{
    /// <summary>Publishes <paramref name="projectPath"/> self-contained for linux-x64 into <paramref name="outputDirectory"/> and returns that directory.</summary>
    /// <param name="projectPath">The service's .csproj (or its directory), e.g. src/Kiln.Serving.</param>
    /// <param name="outputDirectory">Where the published files go; emptied first so no stale file reaches the image.</param>
    /// <param name="settings">Trimming and precompilation; <see cref="PublishSettings.Release"/> for real images.</param>
    /// <param name="progress">Receives each output line of dotnet publish.</param>
    /// <param name="cancellationToken">Kills the publish.</param>
    public static async Task<string> PublishAsync(string projectPath, string outputDirectory, PublishSettings settings, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentNullException.ThrowIfNull(settings);
        var project = Path.GetFullPath(projectPath);
        if (!File.Exists(project) && !Directory.Exists(project))
        {
            throw new ContainerException($"service project not found: {project}");
        }

        var output = Path.GetFullPath(outputDirectory);
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        // A separate artifacts path keeps the RID-specific restore and build out of the project's own obj/ and bin/,
        // where a developer's build may be running at the same time.
        var intermediate = output.TrimEnd(Path.DirectorySeparatorChar) + ".build";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", PublishSettings.RuntimeIdentifier, "--self-contained", "-o", output, "--artifacts-path", intermediate, "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var property in settings.MsBuildProperties())
        {
            start.ArgumentList.Add("-p:" + property);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var tail = new Queue<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 30)
                {
                    tail.Dequeue();
                }
            }

            progress?.Invoke(line);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ContainerException($"cannot run dotnet to publish {project}: {e.Message}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var errors = tail.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).DefaultIfEmpty(string.Join(Environment.NewLine, tail));
            throw new ContainerException($"dotnet publish {project} failed (exit code {process.ExitCode}):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }

        return output;
    }
}
