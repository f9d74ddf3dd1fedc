using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Tuning;
using Kiln.Registry;
using Kiln.Registry.Runs;

namespace Kiln.Pipeline.Tests.Tuning;

/// <summary>A small churn workspace with features written and a cheap search space, for studies that finish in seconds.</summary>
public sealed class TuningWorkspace : IDisposable
{
    private TuningWorkspace(TestWorkspace workspace) => Workspace = workspace;

    public TestWorkspace Workspace { get; }

    public string ConfigPath => Workspace.At("config/local.yaml");

    public static async Task<TuningWorkspace> CreateAsync(string tuning = "", int rows = 1500)
    {
        var workspace = TestWorkspace.WithChurn(rows);
        var result = new TuningWorkspace(workspace);
        result.WriteConfig(tuning);
        await new FeaturesStage(result.Context()).RunAsync(TestContext.Current.CancellationToken);
        return result;
    }

    public static string Yaml(string tuning) => TestWorkspace.ChurnYaml("name: LightGbm\n  seed: 1\n  hyperparameters: { number_of_iterations: 20, learning_rate: 0.1 }") + "\n" + (tuning.Length > 0 ? tuning : """
        tuning:
          trainers: [LightGbm, SdcaLogisticRegression]
          folds: 3
          trials: 6
          startup_trials: 3
          seed: 5
          search_space:
            LightGbm:
              number_of_iterations: { int: [10, 40] }
              number_of_leaves: { int: [4, 16] }
            SdcaLogisticRegression:
              maximum_number_of_iterations: { int: [5, 20] }
        """);

    public void WriteConfig(string tuning)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        File.WriteAllText(ConfigPath, Yaml(tuning));
    }

    public PipelineContext Context() => new(Workspace.Root, KilnConfig.Load(ConfigPath));

    public string DatabasePath(string name = "kiln.db") => Workspace.At(Path.Combine("registry", name));

    public ModelRegistry Registry(string name = "kiln.db", HeartbeatPolicy? heartbeat = null) =>
        ModelRegistry.Open(new RegistryOptions(DatabasePath(name), Heartbeat: heartbeat));

    public TuneResult Run(ModelRegistry registry, TuneOptions? options = null) =>
        new StudyRunner(Context(), registry).Run(new RunStart(RunKind.Tune), options ?? new TuneOptions(), TestContext.Current.CancellationToken);

    public void Dispose() => Workspace.Dispose();
}
