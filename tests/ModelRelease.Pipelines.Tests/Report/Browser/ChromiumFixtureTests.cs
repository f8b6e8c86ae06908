namespace ModelRelease.Pipelines.Tests.Report.Browser;

public sealed class ChromiumFixtureTests
{
    [Fact]
    public void Should_Fail_With_An_Install_Hint_When_Chromium_Is_Missing()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "chromium");

        var error = Assert.Throws<InvalidOperationException>(() => ChromiumFixture.Require(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("sudo apt-get install -y chromium", error.Message);
        Assert.Contains(ChromiumFixture.Variable, error.Message);
    }
}
