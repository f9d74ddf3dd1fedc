using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Kiln.Registry.Benchmarks.RegistryBenchmarks).Assembly).Run(args);
