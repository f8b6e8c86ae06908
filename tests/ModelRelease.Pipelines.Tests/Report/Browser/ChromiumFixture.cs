using Microsoft.Playwright;

namespace ModelRelease.Pipelines.Tests.Report.Browser;

/// <summary>
/// One headless Chromium for the report's browser tests: Debian's <c>chromium</c> (or the one
/// MODELRELEASE_TEST_CHROMIUM names), driven by Playwright. Playwright cannot download browsers here, so a missing
/// executable fails every test with how to install it; it never skips.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string Variable = "MODELRELEASE_TEST_CHROMIUM";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string Executable => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        Require(Executable);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // Containers and CI runners often run as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>Fails, with how to install it, when <paramref name="executable"/> is missing: the tests never skip for want of a browser.</summary>
    public static void Require(string executable)
    {
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"The report's browser tests need Chromium at {executable}, and it is missing. Install Debian's package: " +
                $"sudo apt-get install -y chromium (.ci/run does this), or set {Variable} to a Chromium executable.");
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
