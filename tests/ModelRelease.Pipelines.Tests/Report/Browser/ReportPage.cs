using Microsoft.Playwright;

namespace ModelRelease.Pipelines.Tests.Report.Browser;

/// <summary>
/// A report opened from <c>file://</c> in a fresh browser context that records every console error, page error,
/// dialog and request, and refuses any request that is not for a local file.
/// </summary>
internal sealed class ReportPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private ReportPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    public List<string> NetworkRequests { get; } = [];

    public List<string> Dialogs { get; } = [];

    public static async Task<ReportPage> OpenAsync(IBrowser browser, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var report = new ReportPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                report.Errors.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => report.Errors.Add($"page error: {error}");
        page.Dialog += async (_, dialog) =>
        {
            report.Dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (url.StartsWith("file:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                report.NetworkRequests.Add(url);
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return report;
    }

    /// <summary>The text of each cell of <paramref name="selector"/>'s visible body rows.</summary>
    public Task<string[][]> RowsAsync(string selector) => Page.EvalOnSelectorAsync<string[][]>(selector,
        "table => Array.from(table.tBodies[0].rows).filter(r => !r.hidden).map(r => Array.from(r.cells).map(c => c.textContent.trim()))");

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
