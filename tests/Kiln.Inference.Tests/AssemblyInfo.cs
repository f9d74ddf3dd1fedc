using Kiln.Inference.Tests.Support;

[assembly: AssemblyFixture(typeof(ModelFixture))]
