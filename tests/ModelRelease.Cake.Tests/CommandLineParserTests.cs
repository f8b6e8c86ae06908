using Cake.Core.Diagnostics;
using ModelRelease.Cake.Internal;

namespace ModelRelease.Cake.Tests;

public sealed class CommandLineParserTests
{
    private static readonly IReadOnlySet<string> NoFlags = new HashSet<string>();

    private static CommandLine Parse(params string[] args) => CommandLineParser.Parse(args, NoFlags);

    [Fact]
    public void Should_Read_Equals_And_Space_Forms_Alike()
    {
        var equals = Parse("--target=Push", "--model=mnist");
        var spaced = Parse("--target", "Push", "--model", "mnist");

        Assert.Equal(["Push"], equals.Targets);
        Assert.Equal(equals.Targets, spaced.Targets);
        Assert.Equal(equals.TaskArguments, spaced.TaskArguments);
        Assert.Equal(new KeyValuePair<string, string>("model", "mnist"), Assert.Single(spaced.TaskArguments));
    }

    [Fact]
    public void Should_Keep_Repeated_Targets_In_Order()
    {
        var line = Parse("--target=Validate", "-t", "Push", "-t=Status");

        Assert.Equal(["Validate", "Push", "Status"], line.Targets);
    }

    [Theory]
    [InlineData("--dryrun")]
    [InlineData("--noop")]
    [InlineData("--whatif")]
    [InlineData("--DryRun")]
    public void Should_Accept_Every_Dry_Run_Alias(string alias)
    {
        Assert.True(Parse(alias, "--target=Push").DryRun);
    }

    [Fact]
    public void Should_Not_Let_A_Switch_Swallow_The_Next_Word()
    {
        var line = CommandLineParser.Parse(["--dryrun", "--skip-validation", "--exclusive", "-t", "Push"], new HashSet<string> { "skip-validation" });

        Assert.True(line.DryRun);
        Assert.True(line.Exclusive);
        Assert.Equal(["Push"], line.Targets);
        Assert.Equal(new KeyValuePair<string, string>("skip-validation", string.Empty), Assert.Single(line.TaskArguments));
    }

    [Fact]
    public void Should_Treat_Bare_Version_As_The_Tool_Version_And_Valued_Version_As_A_Task_Argument()
    {
        Assert.True(Parse("--version").ShowVersion);
        Assert.True(Parse("--version", "--target=Promote").ShowVersion);

        var valued = Parse("--target=Promote", "--version", "v-20260101-120000");
        Assert.False(valued.ShowVersion);
        Assert.Equal(new KeyValuePair<string, string>("version", "v-20260101-120000"), Assert.Single(valued.TaskArguments));
        Assert.False(Parse("--version=v2").ShowVersion);
    }

    [Fact]
    public void Should_Take_A_Negative_Number_As_A_Value()
    {
        var line = Parse("--delta", "-5");

        Assert.Equal(new KeyValuePair<string, string>("delta", "-5"), Assert.Single(line.TaskArguments));
    }

    [Theory]
    [InlineData("quiet", Verbosity.Quiet)]
    [InlineData("minimal", Verbosity.Minimal)]
    [InlineData("Normal", Verbosity.Normal)]
    [InlineData("verbose", Verbosity.Verbose)]
    [InlineData("diagnostic", Verbosity.Diagnostic)]
    public void Should_Parse_Verbosity_Levels(string level, Verbosity expected)
    {
        Assert.Equal(expected, Parse("--verbosity=" + level).Verbosity);
        Assert.Equal(expected, Parse("-v", level).Verbosity);
    }

    [Fact]
    public void Should_Lower_Case_Argument_Names_And_Keep_Values_Verbatim()
    {
        var line = Parse("--Model=MixedCase Value");

        Assert.Equal(new KeyValuePair<string, string>("model", "MixedCase Value"), Assert.Single(line.TaskArguments));
    }

    [Fact]
    public void Should_Keep_An_Equals_Sign_Inside_A_Value()
    {
        var line = Parse("--registry=Host=localhost;Database=models");

        Assert.Equal("Host=localhost;Database=models", Assert.Single(line.TaskArguments).Value);
    }

    [Theory]
    [InlineData(new[] { "Push" }, "--target=Push")]
    [InlineData(new[] { "--verbosity=loud" }, "quiet, minimal, normal, verbose, diagnostic")]
    [InlineData(new[] { "--target" }, "--target needs a value")]
    [InlineData(new[] { "-x" }, "short options are -t")]
    [InlineData(new[] { "--=x" }, "not a valid argument")]
    [InlineData(new[] { "--dryrun=maybe" }, "is a switch")]
    public void Should_Reject_Malformed_Command_Lines_With_The_Fix(string[] args, string expected)
    {
        var error = Assert.Throws<PipelineUsageException>(() => Parse(args));

        Assert.Contains(expected, error.Message);
    }
}
