namespace Kiln.Containers.Tests.Fixtures;

/// <summary>Every test that uses the engine: they share the images and run one at a time (they bind loopback ports).</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<ServiceImages>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Docker engine";
}
