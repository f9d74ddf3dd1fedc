namespace Kiln.Targets.Tests.Lifecycle;

/// <summary>The image.</summary>
internal sealed partial class LifecycleBuild
{
    Target Containerize => _ => _.Description("Build the image").DependsOn(Register).Executes(() => Log.Information("ran:Containerize"));
}
