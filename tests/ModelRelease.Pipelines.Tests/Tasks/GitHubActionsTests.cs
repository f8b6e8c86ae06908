using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// A release run in a simulated GitHub Actions job (GITHUB_ACTIONS=true, temp files for GITHUB_STEP_SUMMARY and
/// GITHUB_OUTPUT): log groups, annotations, a job summary and step outputs a later step can use, and secrets masked
/// before anything else is printed.
/// </summary>
public abstract class GitHubActionsTests : IDisposable
{
    private const string Secret = "hunter2-very-secret";

    private readonly ReleaseHost _host;
    private readonly string _summary;
    private readonly string _outputs;

    protected GitHubActionsTests(StoreKind kind)
    {
        _host = new ReleaseHost(kind);
        var files = Path.Combine(_host.WorkDirectory, "..", "github");
        Directory.CreateDirectory(files);
        _summary = Path.Combine(files, "step_summary.md");
        _outputs = Path.Combine(files, "output.txt");
        File.WriteAllText(_summary, "");
        File.WriteAllText(_outputs, "");
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private Dictionary<string, string> Job() => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_STEP_SUMMARY"] = _summary,
        ["GITHUB_OUTPUT"] = _outputs,
        ["DEPLOY_API_TOKEN"] = Secret,
        ["MODELRELEASE_TEST_REGISTRY_URL"] = "https://ci:pass-in-url-123@registry.example/v2",
    };

    private HostRun Run(params string[] args) => _host.RunWith(Job(), ["--model=mnist", .. args]);

    [Fact]
    public void Should_Group_Each_Task_And_Mask_Secrets_Before_Anything_Prints()
    {
        // When a push runs in a job that sees a token and a URL with a password
        var run = Run("--target=Push", $"--artifact={_host.Artifact("v1")}", ReleaseHost.Metrics(0.9, 50), "--version=v1", "--reason=first");

        // Then the secrets are masked first, on standard error (which never carries data), before any other line
        run.AssertExit(0);
        var errorLines = run.Error.Split('\n');
        var firstOther = Array.FindIndex(errorLines, l => !l.StartsWith("::add-mask::", StringComparison.Ordinal));
        var masks = errorLines.Take(firstOther).ToList();
        Assert.DoesNotContain(Secret, run.Out + string.Concat(errorLines.Skip(firstOther)), StringComparison.Ordinal);
        var lines = run.Out.Split('\n');
        Assert.Contains($"::add-mask::{Secret}", masks);
        Assert.Contains("::add-mask::pass-in-url-123", masks);

        // And each task's output is a group of its own, Validate's then Push's, each closed
        var groups = lines.Where(l => l.StartsWith("::group::", StringComparison.Ordinal) || l == "::endgroup::").ToList();
        Assert.Equal(["::group::Validate", "::endgroup::", "::group::Push", "::endgroup::"], groups);
        var pushGroup = Array.IndexOf(lines, "::group::Push");
        Assert.Contains("Push", lines[pushGroup + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Leave_A_Summary_And_Outputs_A_Later_Step_Can_Use()
    {
        // Given a stable v1
        _host.StableV1Then();

        // When v2 is pushed, then started as a canary at 25%, in the job
        Run("--target=Push", $"--artifact={_host.Artifact("v2")}", ReleaseHost.Metrics(0.91, 50), "--version=v2", "--reason=retrain").AssertExit(0);
        var pushOutputs = Outputs();
        Run("--target=Canary", "--version=v2", "--weight=25", "--reason=try it").AssertExit(0);
        var outputs = Outputs();

        // Then the push told the next step which version it made, with its serving number
        Assert.Equal("v2", pushOutputs["version"]);
        using (var registry = _host.Open())
        {
            Assert.Equal(registry.Versions("mnist").Single(v => v.Name == "v2").Number.ToString(System.Globalization.CultureInfo.InvariantCulture), pushOutputs["serving-number"]);
        }

        Assert.Equal("true", pushOutputs["created"]);
        Assert.Equal("v1", pushOutputs["stable"]);
        Assert.Equal("blessed", pushOutputs["decision"]);

        // And the canary's outputs say where the labels are now
        Assert.Equal("v2", outputs["version"]);
        Assert.Equal("v1", outputs["stable"]);
        Assert.Equal("v2", outputs["canary"]);
        Assert.Equal("25", outputs["canary-weight"]);

        // And the summary has a section per task: the checks of Validate, the push, and the move from what to what
        var summary = File.ReadAllText(_summary);
        Assert.Contains("### Validate · mnist", summary);
        Assert.Contains("| check | actual | expected | result |", summary);
        Assert.Contains("### Push · mnist", summary);
        Assert.Contains("Pushed **v2** (serving number ", summary);
        Assert.Contains("### Canary · mnist", summary);
        Assert.Contains("| canary | — | v2 (25%) |", summary);
    }

    [Fact]
    public void Should_Annotate_Each_Failed_Check_Of_A_Rejection()
    {
        // Given a stable v1
        _host.StableV1Then();

        // When a worse candidate is validated in the job
        var run = Run("--target=Validate", $"--artifact={_host.Artifact("worse")}", ReleaseHost.Metrics(0.5, 500));

        // Then the run is rejected, with one error annotation per failed check and one for the task
        run.AssertExit(3);
        var errors = run.Out.Split('\n').Concat(run.Error.Split('\n')).Where(l => l.StartsWith("::error ", StringComparison.Ordinal)).ToList();
        Assert.Contains(errors, e => e.StartsWith("::error title=Validate rejected%3A accuracy", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("::error title=Validate rejected%3A latency_p99_ms", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("::error title=Task 'Validate' rejected::", StringComparison.Ordinal));
        Assert.Equal("rejected", Outputs()["decision"]);
        var summary = File.ReadAllText(_summary);
        Assert.Contains("### Validate · mnist — rejected", summary);
        Assert.Contains("| FAIL |", summary);
    }

    [Fact]
    public void Should_Put_The_Plan_Of_A_Dry_Run_In_The_Summary_And_Change_Nothing()
    {
        // Given a stable v1 and a pushed v2
        _host.StableV1Then("v2");
        var before = _host.Snapshot();

        // When a canary is rehearsed in the job
        Run("--target=Canary", "--version=v2", "--dryrun").AssertExit(0);

        // Then the summary shows the plan, the outputs the state it would leave, and nothing changed
        var summary = File.ReadAllText(_summary);
        Assert.Contains("### Canary · mnist — dry run, nothing changed", summary);
        Assert.Contains("The plan:", summary);
        Assert.Contains("- would ", summary);
        Assert.Equal("v2", Outputs()["canary"]);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Keep_Commands_Off_Standard_Output_When_It_Carries_Json()
    {
        // Given a pushed version
        _host.Push("v1");

        // When Status prints JSON in the job
        var run = Run("--target=Status", "--format=json");

        // Then standard output is the JSON alone; the group went to standard error, where the runner reads it too
        run.AssertExit(0);
        using var document = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.Contains("::group::Status", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Print_No_Commands_Outside_Actions()
    {
        // When the same push runs on a laptop
        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v1")}", ReleaseHost.Metrics(0.9, 50), "--version=v1");

        // Then there is no group, no mask, and no file is written
        run.AssertExit(0);
        Assert.DoesNotContain("::", run.Out.Replace("http://", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("", File.ReadAllText(_summary));
        Assert.Equal("", File.ReadAllText(_outputs));
    }

    [Fact]
    public void Should_Record_The_Run_Workflow_Job_And_Actor_With_A_Version()
    {
        // Given a job whose run, workflow, job and actor GitHub's variables name
        var environment = Job();
        environment["GITHUB_SERVER_URL"] = "https://github.com";
        environment["GITHUB_REPOSITORY"] = "acme/models";
        environment["GITHUB_RUN_ID"] = "4242";
        environment["GITHUB_WORKFLOW"] = "model-release";
        environment["GITHUB_JOB"] = "release";
        environment["GITHUB_ACTOR"] = "octocat";

        // When it pushes a version
        _host.RunWith(environment, "--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v1")}", ReleaseHost.Metrics(0.9, 50), "--version=v1").AssertExit(0);

        // Then the version's provenance names all four, in the store and in Status's JSON
        using (var registry = _host.Open())
        {
            var version = registry.Versions("mnist").Single();
            Assert.Equal("https://github.com/acme/models/actions/runs/4242", version.CiRunUrl);
            Assert.Equal("model-release", version.CiWorkflow);
            Assert.Equal("release", version.CiJob);
            Assert.Equal("octocat", version.Actor);
        }

        var status = _host.Run("--target=Status", "--model=mnist", "--format=json");
        status.AssertExit(0);
        using var json = System.Text.Json.JsonDocument.Parse(status.Out);
        var v1 = json.RootElement.GetProperty("models")[0].GetProperty("versions")[0];
        Assert.Equal("model-release", v1.GetProperty("ciWorkflow").GetString());
        Assert.Equal("release", v1.GetProperty("ciJob").GetString());
    }

    /// <summary>GITHUB_OUTPUT as a later step sees it: the last value of each name.</summary>
    private Dictionary<string, string> Outputs()
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(_outputs))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(eq > 0, $"A line of GITHUB_OUTPUT is not name=value: {line}");
            outputs[line[..eq]] = line[(eq + 1)..];
        }

        return outputs;
    }
}
