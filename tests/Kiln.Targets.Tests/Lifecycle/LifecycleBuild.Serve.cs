namespace Kiln.Targets.Tests.Lifecycle;

/// <summary>Standalone targets another concern adds.</summary>
internal sealed partial class LifecycleBuild
{
    Target Serve => _ => _.Description("Serve the champion").Executes(() => Log.Information("ran:Serve"));

    Target Dashboard => _ => _.Description("Show the registry").Executes(() => Log.Information("ran:Dashboard"));
}
