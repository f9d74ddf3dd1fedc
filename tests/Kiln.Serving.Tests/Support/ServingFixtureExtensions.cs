namespace Kiln.Serving.Tests.Support;

/// <summary>Environment for a service process on the fixture's model.</summary>
public static class ServingFixtureExtensions
{
    /// <summary>The Kiln__* environment for a process serving the test model, plus extras.</summary>
    /// <param name="fixture">The fixture.</param>
    /// <param name="extra">Extra variables.</param>
    public static Dictionary<string, string> ProcessEnvironment(this ServingFixture fixture, params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string> { ["Kiln__Model__Path"] = fixture.ModelPath, ["Kiln__Service__Version"] = "9.9.9" };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }
}
