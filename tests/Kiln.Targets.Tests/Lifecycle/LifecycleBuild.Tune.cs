namespace Kiln.Targets.Tests.Lifecycle;

/// <summary>A target another concern adds on a lifecycle stage.</summary>
internal sealed partial class LifecycleBuild
{
    Target Tune => _ => _.Description("Search hyperparameters").DependsOn(Features).Executes(() => Log.Information("ran:Tune"));
}
