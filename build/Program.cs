using ModelRelease.Cake;
using Microsoft.Extensions.DependencyInjection;
using ModelRelease.Pipelines;
using ModelRelease.Pipelines.Demo;
using ModelRelease.Samples.Sentiment;

// The host for this repository: the stock release pipeline (ModelRelease.Pipelines) and the repo's own tasks.
return new PipelineHost()
    .UseContext<Build.BuildContext>()
    .AddAssembly(typeof(ReleaseContext).Assembly)
    .AddAssembly(typeof(Build.BuildContext).Assembly)
    .ConfigureServices(services => services.AddSingleton<ISampleTrainer, SentimentSampleTrainer>())
    .Run(args);
