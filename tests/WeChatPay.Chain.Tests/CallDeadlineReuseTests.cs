using System.Net;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// A call's clock that ended untouched is reset and used again by the thread's next call (on .NET; netstandard2.0 cannot
/// reset one), and one that fired or that the caller could cancel never is: no call can inherit another's cancellation.
/// </summary>
public class CallDeadlineReuseTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    [Test]
    public void A_clock_that_ended_untouched_serves_the_next_call_on_the_thread_afresh()
    {
        CancellationToken first;
        using (var deadline = new CallDeadline(Long, CancellationToken.None)) first = deadline.Token;

        using var next = new CallDeadline(TimeSpan.FromMilliseconds(50), CancellationToken.None);

        Assert.That(next.Token == first, Is.EqualTo(LibraryBuild.SendsSynchronously), "reset and reused on .NET, new on netstandard2.0");
        Assert.That(next.Token.IsCancellationRequested, Is.False);
        Assert.That(SpinWait.SpinUntil(() => next.Passed, TimeSpan.FromSeconds(10)), Is.True, "the reused clock runs to the new limit");
    }

    [Test]
    public void A_clock_that_fired_is_never_used_again()
    {
        CancellationToken first;
        using (var deadline = new CallDeadline(TimeSpan.FromMilliseconds(1), CancellationToken.None))
        {
            first = deadline.Token;
            Assert.That(SpinWait.SpinUntil(() => deadline.Passed, TimeSpan.FromSeconds(10)), Is.True);
        }

        using var next = new CallDeadline(Long, CancellationToken.None);

        Assert.That(next.Token == first, Is.False);
        Assert.That(next.Token.IsCancellationRequested, Is.False);
        Assert.That(next.Passed, Is.False);
    }

    [Test]
    public void A_clock_joined_to_the_callers_token_is_never_used_again()
    {
        using var caller = new CancellationTokenSource();
        CancellationToken first;
        using (var deadline = new CallDeadline(Long, caller.Token)) first = deadline.Token;

        using var next = new CallDeadline(Long, CancellationToken.None);
        caller.Cancel();

        Assert.That(next.Token == first, Is.False);
        Assert.That(next.Token.IsCancellationRequested, Is.False, "the earlier caller's cancellation does not reach a later call");
    }

    [Test]
    public void A_synchronous_call_after_one_that_timed_out_on_the_same_thread_gets_its_whole_time()
    {
        using var transport = new StallsOnce();
        var options = Fixtures.Options(transport);
        options.Timeout = TimeSpan.FromSeconds(1);
        using var client = new WeChatPayClient(options);

        var stalled = Assert.Throws<TransportException>(() => client.Send(HttpMethod.Get, "v3/x"));
        var answered = client.Send(HttpMethod.Get, "v3/x");

        Assert.That(stalled!.IsTimeout, Is.True);
        Assert.That(answered.Status, Is.EqualTo(200));
    }

    /// <summary>Stalls the first request until it is cancelled, and answers the others after a pause shorter than the timeout.</summary>
    private sealed class StallsOnce : HttpMessageHandler
    {
        private int _requests;

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
            => SendAsync(request, cancellationToken).GetAwaiter().GetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Interlocked.Increment(ref _requests) == 1 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(200), cancellationToken);
            var response = StubHandler.Signed(HttpStatusCode.OK, "{}");
            response.RequestMessage = request;
            return response;
        }
    }
}
