using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(HelpDesk.Benchmarks.DeadlineComputation).Assembly).Run(args);
