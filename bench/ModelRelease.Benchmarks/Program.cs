using BenchmarkDotNet.Running;
using ModelRelease.Benchmarks.Scale;

// `grow ROOT [models] [versions] [events]` grows a registry for bench/run-scale-bench.sh; anything else picks
// benchmarks with BenchmarkDotNet's own switches, e.g. --filter '*Label*'; see bench/README.md.
if (args is ["grow", var root, ..])
{
    var models = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100;
    var versions = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1000;
    var events = args.Length > 4 ? long.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    Console.WriteLine($"Growing {RegistryGrower.Describe(models, versions, events)} in {root}");
    RegistryGrower.Grow(Path.GetFullPath(root), models, versions, events, Console.WriteLine);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ModelRelease.Benchmarks.BenchFixture).Assembly).Run(args);
