namespace Kiln.Targets.Tests.Lifecycle;

/// <summary>
/// A build shaped like Kiln's own: one partial file per concern, named so that file-name order (CI, Container, Data,
/// Deploy, Model, ...) is not lifecycle order, with the targets other concerns add later (Tune, Profile, Serve, Dashboard).
/// </summary>
internal sealed partial class LifecycleBuild : KilnBuild
{
    Target Clean => _ => _.Description("Remove outputs").Before(Features).Executes(() => Log.Information("ran:Clean"));
}
