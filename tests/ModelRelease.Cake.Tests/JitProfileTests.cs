using ModelRelease.Cake.Internal;

namespace ModelRelease.Cake.Tests;

/// <summary>Each command gets its own multi-core JIT profile, named from the raw arguments as a safe file name.</summary>
public sealed class JitProfileTests
{
    [Theory]
    [InlineData("rollback", "--target=Rollback", "--model=m")]
    [InlineData("rollback", "-t", "Rollback", "--reason=x")]
    [InlineData("rollback", "-t=Rollback")]
    [InlineData("validate+push", "--target", "Validate", "--target=Push")]
    [InlineData("tree", "--tree")]
    [InlineData("help", "-h")]
    [InlineData("default", "--model=m")]
    [InlineData("default")]
    public void Should_Name_The_Profile_After_The_Command(string expected, params string[] args) =>
        Assert.Equal(expected, JitProfile.ProfileName(args));

    [Fact]
    public void Should_Keep_Only_File_Name_Characters_From_A_Target()
    {
        // Given a target that spells a path (the parser rejects it later; the profile name is taken before that)
        var name = JitProfile.ProfileName(["--target=../../etc/passwd"]);

        // Then the name cannot leave the profile folder
        Assert.Equal("______etc_passwd", name);
        Assert.DoesNotContain('/', name);
        Assert.DoesNotContain("..", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Cap_The_Name_Length()
    {
        Assert.Equal(80, JitProfile.ProfileName(["--target=" + new string('a', 500)]).Length);
    }
}
