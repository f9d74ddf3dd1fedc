namespace Kiln.Targets.Tests.Lifecycle;

/// <summary>Tests and workflows.</summary>
internal sealed partial class LifecycleBuild
{
    Target Test => _ => _.Description("Run the tests").After(Clean).Executes(() => Log.Information("ran:Test"));

    Target Workflows => _ => _.Description("Write the workflows").Executes(() => Log.Information("ran:Workflows"));
}
