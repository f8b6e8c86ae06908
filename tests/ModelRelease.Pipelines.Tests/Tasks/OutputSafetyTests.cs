using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// User and stored text (reasons, metric names, version names, actor) holding newlines, terminal escapes, bidi
/// overrides and GitHub workflow commands is printed as visible escapes by every task, through the real host: no
/// line starts with "::", no raw control character reaches the output, and JSON keeps the original values.
/// </summary>
public sealed class OutputSafetyTests : IDisposable
{
    /// <summary>A new line that is a workflow command, a screen clear, a forged hyperlink, a bidi override and the old command syntax.</summary>
    private const string Payload = "ok\n::error title=pwned::injected\r\n  ::add-mask::x \u001b[2J\u001b]8;;http://evil\u0007link\u001b]8;;\u0007 \u202Egnp.exe ##[error]old";

    private const string MetricName = "acc\n::warning::metric\u001b[31m";

    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    public static TheoryData<bool> InActions => new() { true, false };

    [Theory]
    [MemberData(nameof(InActions))]
    public void Should_Print_Reasons_Metric_Names_And_Actor_Escaped_In_Every_Task(bool githubActions)
    {
        // Given a job (under GitHub Actions or not) whose actor, reasons and a metric name carry commands and escapes
        var environment = Environment(githubActions);
        var runs = new List<(string What, HostRun Run)>();
        HostRun Do(string what, int exit, params string[] args)
        {
            var run = _host.RunWith(environment, ["--model=mnist", .. args]);
            run.AssertExit(exit);
            runs.Add((what, run));
            return run;
        }

        // When every task prints them
        Do("Push v1", 0, "--target=Push", $"--artifact={_host.Artifact("v1")}", "--version=v1", $"--reason={Payload}",
            $"--metrics={JsonSerializer.Serialize(new Dictionary<string, double> { ["accuracy"] = 0.9, ["latency_p99_ms"] = 50, [MetricName] = 1 })}");
        Do("Promote", 0, "--target=Promote", "--version=v1", $"--reason={Payload}");
        Do("Push v2 skipping validation", 0, "--target=Push", $"--artifact={_host.Artifact("v2")}", "--version=v2", "--skip-validation", $"--reason={Payload}");
        Do("Canary dry run", 0, "--target=Canary", "--version=v2", $"--reason={Payload}", "--dryrun");
        Do("Canary", 0, "--target=Canary", "--version=v2", $"--reason={Payload}");
        Do("Rollback", 0, "--target=Rollback", $"--reason={Payload}");
        Do("Label", 0, "--target=Label", "--label=golden", "--version=v1", $"--reason={Payload}");
        Do("Prune", 0, "--target=Prune", "--keep=0", $"--reason={Payload}");
        Do("Status", 0, "--target=Status");
        Do("History", 0, "--target=History");
        var history = Do("History json", 0, "--target=History", "--format=json");
        var status = Do("Status json", 0, "--target=Status", "--format=json", "--all");
        Do("a refused dataset version", 1, "--target=Push", $"--artifact={_host.Artifact("v3")}", "--version=v3", "--skip-validation", $"--reason={Payload}", $"--dataset-version={Payload}");

        // Then no line can be read as a command and no control character is printed raw
        foreach (var (what, run) in runs)
        {
            AssertSafe(what, run.Out, githubActions);
            AssertSafe(what, run.Error, githubActions);
        }

        // And the text output shows the escapes, where a reader can see them
        var push = runs.Single(r => r.What == "Push v2 skipping validation").Run.Out;
        Assert.Contains("ok\\u000a", Squash(push));
        Assert.Contains("\\u001b[2J", Squash(runs.Single(r => r.What == "History").Run.Out));
        // (Spectre shows ":warning:" as an emoji, so the metric is checked around it.)
        Assert.Contains("acc\\u000a:", runs.Single(r => r.What == "Status").Run.Out);
        Assert.Contains("metric\\u001b[31m=1", runs.Single(r => r.What == "Status").Run.Out);

        // And JSON stays valid, with the original values
        using var events = JsonDocument.Parse(history.Out);
        var reasons = events.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("reason").GetString()).ToList();
        Assert.Contains(Payload, reasons);
        Assert.All(events.RootElement.GetProperty("events").EnumerateArray(), e => Assert.Equal(Actor, e.GetProperty("actor").GetString()));
        using var models = JsonDocument.Parse(status.Out);
        var v1 = models.RootElement.GetProperty("models")[0].GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "v1");
        Assert.Equal(1, v1.GetProperty("metrics").GetProperty(MetricName).GetDouble());
        var v2 = models.RootElement.GetProperty("models")[0].GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "v2");
        Assert.Equal(Payload, v2.GetProperty("blessingReason").GetString());
    }

    [Theory]
    [MemberData(nameof(InActions))]
    public void Should_Not_Replay_Escapes_Or_Commands_A_Store_Holds_In_Its_Names(bool githubActions)
    {
        // Given a store whose version name and reason hold escapes and commands (written by hand, or by an older tool)
        _host.Push("v1");
        _host.Do("Promote", "--version=v1", "--reason=first");
        using (var connection = new SqliteConnection($"Data Source={_host.StorePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE versions SET name = $name WHERE name = 'v1'";
            command.Parameters.AddWithValue("$name", "v1\n::error::stored\u001b[2J\u202E");
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        // When Status and History print it, as tables and as JSON
        var environment = Environment(githubActions);
        var status = _host.RunWith(environment, "--target=Status", "--model=mnist");
        var history = _host.RunWith(environment, "--target=History", "--model=mnist");
        var json = _host.RunWith(environment, "--target=Status", "--model=mnist", "--format=json");

        // Then the tables show it escaped, and the JSON as it is stored
        status.AssertExit(0);
        history.AssertExit(0);
        json.AssertExit(0);
        AssertSafe("Status", status.Out, githubActions);
        AssertSafe("History", history.Out, githubActions);
        AssertSafe("Status json", json.Out, githubActions);
        Assert.Contains("v1\\u000a::error::stored\\u001b[2J\\u202e", Squash(status.Out));
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal("v1\n::error::stored\u001b[2J\u202E", document.RootElement.GetProperty("models")[0].GetProperty("versions")[0].GetProperty("name").GetString());
    }

    private const string Actor = "bot\n::error::actor\u001b[5m";

    private static Dictionary<string, string> Environment(bool githubActions) => githubActions
        ? new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_ACTOR"] = Actor }
        : new() { ["GITHUB_ACTIONS"] = "false", ["GITHUB_ACTOR"] = Actor };

    /// <summary>
    /// The commands the host writes itself: a group named after a task, its end, an annotation (its text escaped into
    /// one line), and a mask of one secret value (one token) the job's environment holds: in CI the PostgreSQL test
    /// server's connection string is in the environment, and its password is masked as a user's would be.
    /// </summary>
    private static readonly System.Text.RegularExpressions.Regex HostCommand =
        new(@"^(::group::[A-Za-z]+|::endgroup::|::(error|warning) title=[^:\n]*::[^\n]*|::warning::[^\n]*|::add-mask::\S+)$");

    private static void AssertSafe(string what, string output, bool githubActions)
    {
        foreach (var line in output.Split('\n'))
        {
            // In a job the host writes its own commands (groups, masks, annotations), never one made of user text.
            Assert.False(line.TrimStart().StartsWith("::", StringComparison.Ordinal) && !(githubActions && HostCommand.IsMatch(line)), $"{what}: a line starts with '::': {line}\n{output}");
            Assert.False(line.Any(DisplayText.NeedsEscape), $"{what}: a raw control or bidi character: {DisplayText.Escape(line)}");
            if (githubActions)
            {
                Assert.False(line.Contains("##[", StringComparison.Ordinal), $"{what}: '##[' reaches the runner: {line}");
            }
        }
    }

    /// <summary>Spectre wraps a cell or line longer than its column at a space: compare without whitespace or table borders.</summary>
    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '│'));
}
