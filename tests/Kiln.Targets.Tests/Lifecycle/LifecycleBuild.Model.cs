namespace Kiln.Targets.Tests.Lifecycle;

/// <summary>Training and evaluation.</summary>
internal sealed partial class LifecycleBuild
{
    Target Train => _ => _.Description("Fit").DependsOn(Features).Executes(() => Log.Information("ran:Train"));

    Target Evaluate => _ => _.Description("Score the test split").DependsOn(Train).Executes(() => Log.Information("ran:Evaluate"));
}
