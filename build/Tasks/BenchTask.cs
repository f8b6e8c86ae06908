using ModelRelease;
using ModelRelease.Cake;

namespace Build.Tasks;

[TaskName("Bench")]
[TaskDescription("Time the warm ./build.sh against dotnet run, and print both medians and their ratio")]
public sealed class BenchTask : PipelineTask<BuildContext>
{
    public static readonly Argument<int> Runs = BuildArguments.Runs;

    public override void Run(BuildContext context)
    {
        context.RunInRepository(Script(context), context.BenchRuns.ToString(System.Globalization.CultureInfo.InvariantCulture), "its output above says why.");
    }

    public override void Plan(BuildContext context, ChangePlan plan) =>
        plan.Run($"{Script(context)} {context.BenchRuns} (builds build/Build.csproj in Debug for dotnet run)");

    private static string Script(BuildContext context) => System.IO.Path.Combine(context.RepositoryRoot, "build", "bench-bootstrap.sh");
}
