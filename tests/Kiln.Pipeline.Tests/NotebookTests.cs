using System.Diagnostics;
using System.Text.Json;
using Kiln.Testing;

namespace Kiln.Pipeline.Tests;

/// <summary>notebooks/01-eda.ipynb executes headless with the pinned dotnet-repl, so the exploration notebook cannot rot.</summary>
public sealed class NotebookTests
{
    private static string Notebook => Path.Combine(RepositoryRoot.Path, "notebooks", "01-eda.ipynb");

    [Fact]
    public void TheCommittedNotebookHasItsOutputsStripped()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Notebook));

        foreach (var cell in CodeCells(document.RootElement))
        {
            Assert.Equal(0, cell.GetProperty("outputs").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
        }
    }

    [Fact]
    public async Task TheEdaNotebookRunsHeadlessAndEveryCellSucceeds()
    {
        var root = RepositoryRoot.Path;
        using var workspace = new TestWorkspace();

        // The notebook's layout relative to the repository: its libraries, the configuration, the raw data and the tool manifest.
        foreach (var file in Directory.GetFiles(Path.Combine(root, "data", "01-raw")))
        {
            File.Copy(file, Path.Combine(workspace.RawDirectory, Path.GetFileName(file)));
        }

        Directory.CreateDirectory(workspace.At("config"));
        File.Copy(Path.Combine(root, "config", "local.yaml"), workspace.At("config/local.yaml"));
        Directory.CreateDirectory(workspace.At(".config"));
        File.Copy(Path.Combine(root, ".config", "dotnet-tools.json"), workspace.At(".config/dotnet-tools.json"));
        Directory.CreateDirectory(workspace.At("notebooks"));
        File.Copy(Notebook, workspace.At("notebooks/01-eda.ipynb"));
        // These test binaries hold Kiln.Pipeline and everything it needs, as `dotnet publish src/Kiln.Pipeline` would.
        Directory.CreateDirectory(workspace.At("artifacts/notebook"));
        Directory.CreateSymbolicLink(workspace.At("artifacts/notebook/lib"), AppContext.BaseDirectory);

        var restore = await RunAsync(workspace.Root, TimeSpan.FromMinutes(5), "tool", "restore");
        if (restore.ExitCode != 0)
        {
            Requirement.SkipOrFail(
                $"'dotnet tool restore' could not install dotnet-repl from .config/dotnet-tools.json (exit {restore.ExitCode}): {Tail(restore.Output)}",
                "a NuGet source that serves dotnet-repl 0.3.259");
        }

        var output = workspace.At("executed.ipynb");
        var run = await RunAsync(workspace.At("notebooks"), TimeSpan.FromMinutes(8), "repl", "--run", "01-eda.ipynb", "--exit-after-run", "--output-path", output);

        Assert.True(File.Exists(output), $"dotnet repl wrote no executed notebook (exit {run.ExitCode}): {Tail(run.Output)}");
        using var executed = JsonDocument.Parse(File.ReadAllText(output));
        var errors = CodeCells(executed.RootElement)
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray())
            .Where(o => o.GetProperty("output_type").GetString() == "error")
            .Select(o => o.GetProperty("evalue").GetString())
            .ToArray();
        Assert.True(errors.Length == 0, "failing cells:\n" + string.Join("\n", errors));
        Assert.Equal(0, run.ExitCode);
        var cells = CodeCells(executed.RootElement).ToArray();
        Assert.All(cells.Skip(1), c => Assert.True(c.GetProperty("outputs").GetArrayLength() > 0, "every cell after the references shows something"));
        var text = executed.RootElement.GetRawText();
        Assert.Contains("Histogram of tenure_months", text, StringComparison.Ordinal);
        Assert.Contains("Churn rate by contract", text, StringComparison.Ordinal);
    }

    private static IEnumerable<JsonElement> CodeCells(JsonElement notebook) =>
        notebook.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code");

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];

    private static async Task<(int ExitCode, string Output)> RunAsync(string directory, TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'dotnet {string.Join(' ', arguments)}' did not finish within {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
