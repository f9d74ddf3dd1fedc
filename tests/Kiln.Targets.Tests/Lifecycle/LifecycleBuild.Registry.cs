namespace Kiln.Targets.Tests.Lifecycle;

/// <summary>The registry and its listings.</summary>
internal sealed partial class LifecycleBuild
{
    Target Register => _ => _.Description("Register the model").DependsOn(Evaluate).Executes(() => Log.Information("ran:Register"));

    Target Models => _ => _.Description("List versions").Executes(() => Log.Information("ran:Models"));

    Target Runs => _ => _.Description("List runs").Executes(() => Log.Information("ran:Runs"));
}
