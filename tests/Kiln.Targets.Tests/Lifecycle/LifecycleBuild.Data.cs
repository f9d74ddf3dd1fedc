namespace Kiln.Targets.Tests.Lifecycle;

/// <summary>Features and batch predictions.</summary>
internal sealed partial class LifecycleBuild
{
    Target Profile => _ => _.Description("Profile the raw data").Executes(() => Log.Information("ran:Profile"));

    Target Features => _ => _.Description("Validate and split").Executes(() => Log.Information("ran:Features"));

    Target Predict => _ => _.Description("Score a CSV").DependsOn(Train).Executes(() => Log.Information("ran:Predict"));
}
