namespace ModelRelease.Pipelines.Tests.Tasks;

public sealed class HelpTests : IDisposable
{
    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Should_Give_Each_Meaning_Of_A_Shared_Argument_With_The_Tasks_That_Read_It()
    {
        var run = _host.Run("--help");

        run.AssertExit(0);
        var lines = run.Out.Split('\n');
        // --version means a new version's name for Push, the version to act on for Canary, Promote, Label and Validate.
        Assert.Contains(lines, l => l.Contains("--version", StringComparison.Ordinal) && l.Contains("the version to canary", StringComparison.Ordinal) && l.Contains("read by Canary", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("a business name for the version", StringComparison.Ordinal) && l.Contains("read by Push", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("the version to promote", StringComparison.Ordinal) && l.Contains("read by Promote", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("the version to canary", StringComparison.Ordinal) && l.Contains("Push", StringComparison.Ordinal));
        // --label is the label to set for Label, a filter for History.
        Assert.Contains(lines, l => l.Contains("golden or a label of your own", StringComparison.Ordinal) && l.Contains("read by Label", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("only events that moved this label", StringComparison.Ordinal) && l.Contains("read by History", StringComparison.Ordinal));
        // The store is a SQLite file or a PostgreSQL database, and MigrateStore moves a registry between them.
        Assert.Contains(lines, l => l.TrimStart().StartsWith("--registry ", StringComparison.Ordinal) && l.Contains("PostgreSQL", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("the store to copy from, left as it is", StringComparison.Ordinal) && l.Contains("read by MigrateStore", StringComparison.Ordinal));
        // The argument is named once; its other meanings follow on their own lines.
        Assert.Equal(1, lines.Count(l => l.TrimStart().StartsWith("--version ", StringComparison.Ordinal) && l.Contains("read by", StringComparison.Ordinal)));
    }
}
