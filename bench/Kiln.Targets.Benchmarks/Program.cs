using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Kiln.Targets.Benchmarks.EngineBenchmarks).Assembly).Run(args);
