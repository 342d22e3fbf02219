namespace WeChatPay.Chain.Client;

/// <summary>
/// How the client keeps its callers' threads out of its waits. Flurl raises its events without
/// <c>ConfigureAwait(false)</c>, and a caller's event handler may truly wait: so Flurl is started with no synchronisation
/// context (<see cref="StartDetached{TState, T}"/>), and none of its continuations can need a thread that a caller blocks — on
/// <c>.Result</c> of an asynchronous call, or in a synchronous one (<see cref="Wait{T}"/>). No deadlock under UI threads,
/// ASP.NET on .NET Framework or single-threaded test contexts.
/// </summary>
internal static class Synchronously
{
    /// <summary>The result of an operation written once for both forms, run in its synchronous form (which awaits nothing of its own).</summary>
    public static T Wait<T>(ValueTask<T> pending)
        => pending.IsCompleted ? pending.GetAwaiter().GetResult() : pending.AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Starts <paramref name="start"/> so that what it awaits without <c>ConfigureAwait(false)</c> captures no context of
    /// the caller's: with the synchronisation context cleared while it runs up to its first wait, or on the thread pool
    /// when the caller runs under a task scheduler of its own, which an await would capture instead.
    /// </summary>
    public static Task<T> StartDetached<TState, T>(TState state, Func<TState, Task<T>> start)
    {
        if (TaskScheduler.Current != TaskScheduler.Default) return OnThreadPool(state, start);
        var context = SynchronizationContext.Current;
        if (context is null) return start(state);
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return start(state);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    // Apart, so that the closure is made only when it is needed.
    private static Task<T> OnThreadPool<TState, T>(TState state, Func<TState, Task<T>> start) => Task.Run(() => start(state));
}
