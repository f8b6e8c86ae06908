using ModelRelease.Cake;
using ModelRelease.Pipelines;
using TeamPipeline;

// The stock release tasks (Validate, Push, Canary, Promote, Rollback, Prune, Status, History, ...) and this team's
// own (SmokeTest, Notify), over the team's context. Run it with ./build.sh --target=<task>.
return new PipelineHost()
    .UseContext<TeamContext>()
    .AddAssembly(typeof(ReleaseContext).Assembly)
    .AddAssembly(typeof(TeamContext).Assembly)
    .Run(args);
