using BenchmarkDotNet.Running;

// Pick benchmarks with BenchmarkDotNet's own switches, e.g. --filter '*Label*'; see bench/README.md.
BenchmarkSwitcher.FromAssembly(typeof(ModelRelease.Benchmarks.BenchFixture).Assembly).Run(args);
