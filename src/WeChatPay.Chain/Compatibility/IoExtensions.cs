
namespace WeChatPay.Chain.Compatibility;

/// <summary>The HTTP and task members .NET 10 has and netstandard2.0 lacks.</summary>
internal static class IoExtensions
{
    extension(HttpMessageInvoker invoker)
    {
        /// <summary>
        /// Sends and waits for the answer: netstandard2.0 has no synchronous send, so a synchronous call waits for the
        /// asynchronous one, on a thread with no synchronisation context (see Client/Synchronously.cs).
        /// </summary>
        public HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
            => invoker.SendAsync(request, cancellationToken).GetAwaiter().GetResult();
    }

    extension(HttpMethod)
    {
        /// <summary>The PATCH method.</summary>
        public static HttpMethod Patch => PatchMethod;
    }

    extension(Task)
    {
        /// <summary>A delay measured by <paramref name="time"/>.</summary>
        public static Task Delay(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken) => time.Delay(delay, cancellationToken);
    }

    extension(CancellationTokenSource source)
    {
        /// <summary>netstandard2.0 cannot make a source new again: never reset, so a new one is made each time.</summary>
        public bool TryReset() => false;
    }

    private static readonly HttpMethod PatchMethod = new("PATCH");
}
