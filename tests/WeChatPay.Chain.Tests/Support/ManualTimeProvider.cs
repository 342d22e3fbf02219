namespace WeChatPay.Chain.Tests.Support;

/// <summary>
/// A clock that stands still until <see cref="Advance"/> moves it, with timers that fire only then — on the thread
/// that advances, once for every period that elapsed — so scheduled work can be tested without waiting.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public long Seconds => GetUtcNow().ToUnixTimeSeconds();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward and runs each timer callback that fell due on the way, in order.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (NextDue(target) is { } due)
        {
            lock (_gate) _now = due.At;
            due.Timer.Fire();
        }
        lock (_gate) _now = target;
    }

    private (ManualTimer Timer, DateTimeOffset At)? NextDue(DateTimeOffset until)
    {
        lock (_gate)
        {
            var next = _timers.Where(t => t.DueAt is { } at && at <= until).OrderBy(t => t.DueAt).FirstOrDefault();
            return next is null ? null : (next, next.DueAt!.Value);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
            }
            return true;
        }

        public void Fire()
        {
            lock (clock._gate)
                DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : DueAt + _period;
            callback(state);
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                DueAt = null;
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
