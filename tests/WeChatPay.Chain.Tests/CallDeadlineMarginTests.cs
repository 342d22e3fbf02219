using System.Diagnostics;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// A call whose answer stalls ends within its <c>Timeout</c> plus the small margin docs/reliability.md states (a
/// second here, generous for a loaded machine), sync and async alike: the transport does not wait to drain the
/// stalled body first.
/// </summary>
public class CallDeadlineMarginTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_body_that_stalls_ends_the_call_within_timeout_and_margin(bool async)
    {
        await using var server = await LoopbackServer.StartAsync();
        using var stop = new CancellationTokenSource();
        server.Answer = async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 1000;
            await context.Response.Body.WriteAsync("{\"partial\":"u8.ToArray());
            await context.Response.Body.FlushAsync();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), stop.Token);
            }
            catch (OperationCanceledException)
            {
                // The test is over.
            }
        };
        var options = Fixtures.OverHttp(server.BaseUri);
        options.Timeout = Timeout;
        using var client = new WeChatPayClient(options);

        var clock = Stopwatch.StartNew();
        var e = async
            ? (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Get, "v3/x")))!
            : Assert.Throws<TransportException>(() => client.Send(HttpMethod.Get, "v3/x"))!;
        var took = clock.Elapsed;
        await stop.CancelAsync();

        Assert.That(e.IsTimeout, Is.True);
        Assert.That(took, Is.LessThan(Timeout + Margin), $"the call took {took.TotalSeconds:0.00} s");
    }
}
