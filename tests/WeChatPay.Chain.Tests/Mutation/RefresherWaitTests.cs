using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// How the certificate refresher waits: a synchronous caller blocks and gets a finished task, an asynchronous one is
/// never blocked behind a running refresh and never resumes on its own synchronization context, and the schedule
/// downloads asynchronously.
/// </summary>
public class RefresherWaitTests
{
    private readonly List<bool> _asyncFlags = [];
    private TaskCompletionSource _gate = null!;
    private ManualTimeProvider _clock = null!;
    private PlatformCertificateRefresher _refresher = null!;

    [SetUp]
    public void SetUp()
    {
        _asyncFlags.Clear();
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        _refresher = new PlatformCertificateRefresher(Download, PlatformKeys.Load([], Fixtures.MerchantSerial, allowEmpty: true), _clock, TimeSpan.FromHours(1));
    }

    [TearDown]
    public void TearDown()
    {
        _gate.TrySetResult();
        _refresher.Dispose();
    }

    /// <summary>Records how it was asked to download, then waits for the gate: asynchronously, or blocking when asked to be synchronous.</summary>
    private async ValueTask<IReadOnlyList<PlatformCertificate>> Download(bool async, CancellationToken cancellationToken)
    {
        lock (_asyncFlags) _asyncFlags.Add(async);
        if (async) await _gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        else _gate.Task.Wait(cancellationToken);
        return [];
    }

    [Test]
    public void A_synchronous_refresh_downloads_synchronously_and_returns_a_finished_task()
    {
        _gate.SetResult();

        var refresh = _refresher.RefreshOnDemandAsync(async: false, "5E01", CancellationToken.None);

        Assert.That(refresh.IsCompletedSuccessfully, Is.True);
        Assert.That(_asyncFlags, Is.EqualTo(new[] { false }));
    }

    [Test]
    public void A_synchronous_caller_behind_a_running_refresh_blocks_and_then_has_a_finished_task()
    {
        var running = _refresher.RefreshOnDemandAsync(async: true, "5E01", CancellationToken.None).AsTask();
        var finished = false;
        var caller = new Thread(() => finished = _refresher.RefreshOnDemandAsync(async: false, "5E02", CancellationToken.None).IsCompleted);
        caller.Start();

        Assert.That(caller.Join(TimeSpan.FromMilliseconds(500)), Is.False, "the synchronous caller blocks while the other refresh runs");
        _gate.SetResult();

        Assert.That(caller.Join(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(finished, Is.True, "the synchronous form hands back a task that has finished");
        Assert.That(running.Wait(TimeSpan.FromSeconds(10)), Is.True);
    }

    [Test]
    public async Task An_asynchronous_caller_behind_a_running_refresh_is_not_blocked()
    {
        var running = _refresher.RefreshOnDemandAsync(async: true, "5E01", CancellationToken.None).AsTask();
        var returned = new ManualResetEventSlim();
        Task? waiting = null;
        var caller = new Thread(() =>
        {
            waiting = _refresher.RefreshOnDemandAsync(async: true, "5E02", CancellationToken.None).AsTask();
            returned.Set();
        });
        caller.Start();

        Assert.That(returned.Wait(TimeSpan.FromSeconds(10)), Is.True, "the call returned while the other refresh still ran");
        Assert.That(waiting!.IsCompleted, Is.False);
        _gate.SetResult();
        await Task.WhenAll(running, waiting);
        caller.Join();
    }

    [Test]
    public async Task An_asynchronous_refresh_never_resumes_on_the_callers_synchronization_context()
    {
        var context = new CountingContext();
        Task downloading, waiting;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            downloading = _refresher.RefreshOnDemandAsync(async: true, "5E01", CancellationToken.None).AsTask();
            waiting = _refresher.RefreshOnDemandAsync(async: true, "5E02", CancellationToken.None).AsTask();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        Assert.That(waiting.IsCompleted, Is.False, "the second refresh waits for the first");
        _gate.SetResult();
        await Task.WhenAll(downloading, waiting);

        Assert.That(Flags(), Is.EqualTo(new[] { true }));
        Assert.That(context.Posts, Is.Zero, "neither the download nor the wait for it resumed on the caller's context, so a caller blocking it on the task cannot deadlock");
    }

    [Test]
    public void The_schedule_downloads_asynchronously()
    {
        _gate.SetResult();

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.That(Flags, Is.EqualTo(new[] { true }).After(10_000, 20));
    }

    [Test]
    public async Task A_scheduled_refresh_waits_for_a_running_one()
    {
        var running = _refresher.RefreshOnDemandAsync(async: true, "5E01", CancellationToken.None).AsTask();

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.That(Flags(), Has.Length.EqualTo(1), "the schedule did not start a second download beside the first");
        _gate.SetResult();
        await running;
        Assert.That(Flags, Is.EqualTo(new[] { true, true }).After(10_000, 5), "it downloaded once the first had ended");
    }

    [Test]
    public async Task An_unknown_serial_may_download_again_a_minute_after_the_last_and_not_sooner()
    {
        _gate.SetResult();
        await _refresher.RefreshOnDemandAsync(async: true, "5E01", CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1));
        await _refresher.RefreshOnDemandAsync(async: true, "5E02", CancellationToken.None);
        Assert.That(Flags(), Has.Length.EqualTo(1), "within the minute");

        _clock.Advance(TimeSpan.FromTicks(1));
        await _refresher.RefreshOnDemandAsync(async: true, "5E03", CancellationToken.None);
        Assert.That(Flags(), Has.Length.EqualTo(2), "a minute on");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_scheduled_refresh_never_resumes_on_the_context_its_timer_fired_on(bool whileAnotherRuns)
    {
        // A clock a user hands the client may fire its timers on a thread with a context, as a test clock does.
        var running = whileAnotherRuns ? _refresher.RefreshOnDemandAsync(async: true, "5E01", CancellationToken.None).AsTask() : Task.CompletedTask;
        var context = new CountingContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            _clock.Advance(TimeSpan.FromHours(1));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        _gate.SetResult();
        await running;
        // The refresh after it waits until the scheduled one has let go.
        await _refresher.RefreshOnDemandAsync(async: true, "5E02", CancellationToken.None);

        Assert.That(Flags(), Has.Length.EqualTo(whileAnotherRuns ? 3 : 2).And.All.True, "the scheduled download, the on-demand ones an hour apart");
        Assert.That(context.Posts, Is.Zero);
    }

    private bool[] Flags()
    {
        lock (_asyncFlags) return [.. _asyncFlags];
    }

    /// <summary>A synchronization context that counts the continuations posted to it and runs them on the pool.</summary>
    private sealed class CountingContext : SynchronizationContext
    {
        private int _posts;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            ThreadPool.QueueUserWorkItem(_ => d(state));
        }
    }
}
