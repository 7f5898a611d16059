using BenchmarkDotNet.Running;

// Pick benchmarks with BenchmarkDotNet's own arguments, e.g. --filter '*Detector*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
