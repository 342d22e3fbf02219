using System.Collections.Concurrent;
using Flurl.Http;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Flurl;

/// <summary>
/// A caller on a single-threaded synchronisation context (a UI thread, ASP.NET on .NET Framework) that blocks — on
/// <c>.Result</c> of an asynchronous call, or in a synchronous one — must not deadlock, even when the answer arrives
/// truly asynchronously and an event handler of the caller's truly waits.
/// </summary>
public class SynchronisationContextTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private LoopbackServer _server = null!;
    private WeChatPayClient _client = null!;

    [SetUp]
    public async Task StartServer()
    {
        _server = await LoopbackServer.StartAsync();
        _client = new WeChatPayClient(Fixtures.OverHttp(_server.BaseUri));
        // Handlers of the caller's that wait for real: Flurl awaits them without ConfigureAwait(false), BeforeCall on
        // the caller's own thread.
        _client.FlurlClient.BeforeCall(async _ => await Task.Delay(20));
        _client.FlurlClient.AfterCall(async _ => await Task.Delay(20));
    }

    [TearDown]
    public async Task StopServer()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public void Blocking_on_the_result_of_an_asynchronous_call_does_not_deadlock()
    {
        var status = OnASingleThreadedContext(() => _client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { json = new { a = 1 } }).Result.Status);

        Assert.That(status, Is.EqualTo(200));
    }

    [Test]
    public void A_synchronous_call_does_not_deadlock()
    {
        var status = OnASingleThreadedContext(() =>
        {
            dynamic wx = _client.Root;
            WeChatPayResponse response = wx.V3.Payscore.SmartretailOrders.Post(new { json = new { a = 1 } });
            return response.Status;
        });

        Assert.That(status, Is.EqualTo(200));
    }

    [Test]
    public void Blocking_on_the_result_of_a_download_does_not_deadlock()
    {
        var length = OnASingleThreadedContext(() => _client.DownloadAsync("v3/billdownload/file?token=x", Stream.Null).Result.Length);

        Assert.That(length, Is.EqualTo("{\"ok\":true}".Length));
    }

    [Test]
    public void Blocking_under_a_task_scheduler_of_ones_own_does_not_deadlock()
    {
        var scheduler = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var call = Task.Factory.StartNew(() => _client.SendAsync(HttpMethod.Get, "v3/certificates").Result.Status, CancellationToken.None, TaskCreationOptions.None, scheduler);

        Assert.That(call.Wait(Patience), Is.True, "the call ended");
        Assert.That(call.Result, Is.EqualTo(200));
    }

    /// <summary>Runs <paramref name="work"/> on a thread of its own whose synchronisation context runs posted work on that thread only.</summary>
    private static T OnASingleThreadedContext<T>(Func<T> work)
    {
        using var context = new SingleThreadedContext();
        var result = default(T);
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
            context.Complete();
            context.RunUntilComplete();
        });
        thread.Start();
        Assert.That(thread.Join(Patience), Is.True, "the blocked caller got its answer: no deadlock");
        if (failure is not null) throw failure;
        return result!;
    }

    /// <summary>A synchronisation context that queues posted work for the one thread that runs it, like a UI thread's.</summary>
    private sealed class SingleThreadedContext : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];

        public override void Post(SendOrPostCallback d, object? state)
        {
            // Work posted once the thread has moved on has nowhere to run: a caller that needed it would have hung already.
            if (!_queue.IsAddingCompleted) _queue.TryAdd((d, state));
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send would block the one thread.");

        public void Complete() => _queue.CompleteAdding();

        public void RunUntilComplete()
        {
            foreach (var (callback, state) in _queue.GetConsumingEnumerable()) callback(state);
        }

        public void Dispose() => _queue.Dispose();
    }
}
