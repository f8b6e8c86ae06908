using ModelRelease.Cake;
using ModelRelease.Pipelines;

// The host for this repository: the stock release pipeline (ModelRelease.Pipelines) and the repo's own tasks.
return new PipelineHost()
    .UseContext<Build.BuildContext>()
    .AddAssembly(typeof(ReleaseContext).Assembly)
    .AddAssembly(typeof(Program).Assembly)
    .Run(args);
