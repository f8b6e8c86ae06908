namespace ModelRelease.Tests;

public sealed class RunEnvironmentTests
{
    private static RunEnvironment With(Dictionary<string, string> variables) =>
        new("/tmp", name => variables.GetValueOrDefault(name), "alice", "laptop");

    [Fact]
    public void Should_Use_The_Os_User_And_No_Run_Url_Outside_Ci()
    {
        var env = With([]);

        Assert.Equal(("alice", "laptop", null), (env.Actor, env.Host, env.CiRunUrl));
    }

    [Fact]
    public void Should_Use_The_GitHub_Actor_And_Build_The_Run_Url_In_Actions()
    {
        var env = With(new()
        {
            ["GITHUB_ACTOR"] = "octocat",
            ["GITHUB_SERVER_URL"] = "https://github.com/",
            ["GITHUB_REPOSITORY"] = "acme/models",
            ["GITHUB_RUN_ID"] = "77",
            ["GITHUB_RUN_ATTEMPT"] = "2",
        });

        Assert.Equal("octocat", env.Actor);
        Assert.Equal("https://github.com/acme/models/actions/runs/77/attempts/2", env.CiRunUrl);
    }

    [Fact]
    public void Should_Leave_Out_The_Run_Url_When_A_Part_Is_Missing()
    {
        var env = With(new() { ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_REPOSITORY"] = "acme/models" });

        Assert.Null(env.CiRunUrl);
    }
}
