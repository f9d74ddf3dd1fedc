namespace Kiln.Targets.Tests.Lifecycle;

/// <summary>The rollout.</summary>
internal sealed partial class LifecycleBuild
{
    Target Deploy => _ => _.Description("Roll out").DependsOn(Containerize).Executes(() => Log.Information("ran:Deploy"));
}
