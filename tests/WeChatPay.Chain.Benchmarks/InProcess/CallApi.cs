namespace WeChatPay.Chain.Benchmarks.InProcess;

/// <summary>Which of the client's two APIs a measurement uses.</summary>
public enum CallApi
{
    /// <summary><c>PostAsync</c>, awaited.</summary>
    Async,

    /// <summary><c>Post</c>: <see cref="HttpClient.Send(HttpRequestMessage)"/> underneath, truly synchronous.</summary>
    Sync,
}
