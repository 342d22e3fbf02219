namespace WeChatPay.Chain.Client;

/// <summary>
/// Runs an operation written once for both forms (a core method taking <c>bool async</c>) in its synchronous form. That
/// form awaits nothing of its own, but code it calls may await: Flurl raises its events without
/// <c>ConfigureAwait(false)</c>, and a caller's event handler may truly wait. So the operation runs with no
/// synchronisation context — under a custom task scheduler, on the thread pool — and no continuation can need the
/// thread that blocks for it: no deadlock under UI threads, ASP.NET on .NET Framework or single-threaded test contexts.
/// </summary>
internal static class Synchronously
{
    /// <summary>The result of <paramref name="operation"/>, waited for without a deadlock.</summary>
    public static T Run<T>(Func<ValueTask<T>> operation)
    {
        if (TaskScheduler.Current != TaskScheduler.Default) return Task.Run(() => operation().AsTask()).GetAwaiter().GetResult();
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            var pending = operation();
            return pending.IsCompleted ? pending.GetAwaiter().GetResult() : pending.AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }
}
