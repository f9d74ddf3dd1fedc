using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Stages;
using Kiln.Pipeline.Training;

namespace Kiln.Pipeline.Tests;

/// <summary>One small churn workspace taken through Features, Train and Evaluate once, shared by the model tests.</summary>
public sealed class TrainedChurnFixture : IAsyncLifetime
{
    public TestWorkspace Workspace { get; } = TestWorkspace.WithChurn(rows: 3000);

    public PipelineContext Context { get; private set; } = null!;

    public StageResult Features { get; private set; } = null!;

    public StageResult Train { get; private set; } = null!;

    public StageResult Evaluate { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Context = Workspace.Context(TestWorkspace.ChurnYaml());
        Features = await new FeaturesStage(Context).RunAsync();
        Train = await new TrainStage(Context).RunAsync();
        Evaluate = await new EvaluateStage(Context).RunAsync();
    }

    public ValueTask DisposeAsync()
    {
        Workspace.Dispose();
        return ValueTask.CompletedTask;
    }
}
