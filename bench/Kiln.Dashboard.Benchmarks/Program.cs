using Kiln.Dashboard.Benchmarks;

return await BenchCommand.RunAsync(args);
