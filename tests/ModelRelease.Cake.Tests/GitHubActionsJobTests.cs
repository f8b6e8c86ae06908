namespace ModelRelease.Cake.Tests;

/// <summary>A step output is one line: a value spanning lines could set outputs it was never meant to.</summary>
public sealed class GitHubActionsJobTests
{
    [Theory]
    [InlineData("version", "v2\ncanary=evil")]
    [InlineData("version", "v2\r")]
    [InlineData("a=b", "v2")]
    public void Should_Refuse_An_Output_That_Is_Not_One_Line(string name, string value) =>
        Assert.Throws<ArgumentException>(() => GitHubActionsJob.None.SetOutput(name, value));

    [Fact]
    public void Should_Do_Nothing_Outside_Actions()
    {
        var job = GitHubActionsJob.None;

        job.SetOutput("version", "v2");
        job.AppendSummary("## x");
        job.Error("t", "m");
        job.Mask("secret-value");

        Assert.False(job.IsActive);
    }
}
