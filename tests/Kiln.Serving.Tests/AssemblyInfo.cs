using Kiln.Serving.Tests.Support;

[assembly: AssemblyFixture(typeof(ServingFixture))]
